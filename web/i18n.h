// kubesim web — UI language. English strings are the keys; tr() returns the Korean text when the
// Korean UI is on and a translation exists. Kubernetes' own words (Pending, ReplicaSet, kubectl
// output) are never translated: learners meet them in the terminal.
#pragma once
#include <string>
#include <string_view>

namespace kubesim::web {

enum class Lang { En, Ko };

void set_language(Lang l);
Lang language();
const char* tr(const char* english);

// Every character the Korean table uses (for building a small font atlas of just those glyphs).
const std::string& korean_ui_text();

// printf into a std::string (for translated templates with %d / %s).
std::string fmt(const char* format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

}  // namespace kubesim::web
