// A C interface to RE2 (Debian's libre2-dev, which is C++ only): `matches` runs on RE2, whose
// matching time is linear in the text for every pattern it accepts.
#ifndef CRE2_H
#define CRE2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cre2_regex cre2_regex;

/// Compiles `pattern` (UTF-8, `length` bytes); NULL on error, with RE2's message in `error`.
cre2_regex *cre2_compile(const char *pattern, size_t length, char *error, size_t error_size);

/// 1 when `text` contains a match, 0 when it does not.
int cre2_search(const cre2_regex *regex, const char *text, size_t length);

/// The size of the compiled program (RE2's measure of a pattern's cost).
int cre2_program_size(const cre2_regex *regex);

void cre2_free(cre2_regex *regex);

#ifdef __cplusplus
}
#endif

#endif
