#include "cre2.h"

#include <re2/re2.h>

#include <cstring>
#include <new>
#include <string>

struct cre2_regex {
  re2::RE2 re;
  cre2_regex(const re2::StringPiece &pattern, const re2::RE2::Options &options) : re(pattern, options) {}
};

extern "C" cre2_regex *cre2_compile(const char *pattern, size_t length, char *error, size_t error_size) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  cre2_regex *regex = new (std::nothrow) cre2_regex(re2::StringPiece(pattern, length), options);
  if (regex == nullptr) {
    if (error_size > 0) std::strncpy(error, "out of memory", error_size - 1);
    return nullptr;
  }
  if (!regex->re.ok()) {
    if (error_size > 0) {
      std::strncpy(error, regex->re.error().c_str(), error_size - 1);
      error[error_size - 1] = 0;
    }
    delete regex;
    return nullptr;
  }
  return regex;
}

extern "C" int cre2_search(const cre2_regex *regex, const char *text, size_t length) {
  return re2::RE2::PartialMatch(re2::StringPiece(text, length), regex->re) ? 1 : 0;
}

extern "C" int cre2_program_size(const cre2_regex *regex) { return regex->re.ProgramSize(); }

extern "C" void cre2_free(cre2_regex *regex) { delete regex; }
