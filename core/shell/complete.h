// kubesim — Tab completion for the terminal: command names, kubectl sub-commands, resource
// types, object names of the typed type, flags, minikube sub-commands, file names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "shell/shell.h"

namespace kubesim { class Cluster; }

namespace kubesim::shell {

// Candidates for the last (partial) word of `line`: whole words, sorted, without duplicates.
// A candidate ending in '=' or '/' expects more text (no space after it).
std::vector<std::string> complete(const Session& s, const Cluster& c, std::string_view line);

}  // namespace kubesim::shell
