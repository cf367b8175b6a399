// PCRE2 for 8-bit (UTF-8) subjects. `matches` uses only its DFA matcher (pcre2_dfa_match),
// which never backtracks.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
