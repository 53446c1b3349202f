// kubesim — `curl`: the subset of the curl command line the tutorials use, on top of the request
// model in network.h. Output and error texts follow curl 8.5 on the learner's machine (and the
// image's own, older curl inside containers), exit codes as curl documents them:
//   0 ok · 1 unsupported protocol · 2 bad usage · 3 malformed URL · 6 could not resolve host ·
//   7 could not connect · 22 HTTP error with -f · 28 timeout · 35 TLS error · 47 too many redirects ·
//   52 empty reply · 60 certificate not trusted.
//
// Supported: URL with or without scheme (http/https), host:port, several URLs, -s/--silent,
// -S/--show-error, -i/--include, -I/--head, -v/--verbose (connection and header lines),
// -m/--max-time, --connect-timeout, -L/--location, -o/--output FILE (the file is not kept: like
// /dev/null), -w/--write-out FORMAT, -f/--fail, -k/--insecure, -X/--request, -H/--header and
// -A/--user-agent (accepted), combined short flags (-sSL, -fsSL, -m5). curl prints the body as it
// arrives: nothing is added, so there is no trailing newline unless the body has one.
// A timeout moves the simulated clock forward by the time curl waited.
#pragma once
#include <string>
#include <vector>

#include "io.h"

namespace kubesim { class Cluster; }

namespace kubesim::network {

// argv[0] == "curl". `from_pod` as for Network::request ("" = the learner's machine,
// "<ns>/<pod>" inside a container, "node/<name>" in a node shell). Returns curl's exit status.
int curl_command(const std::vector<std::string>& argv, Cluster& cluster, Output& out, const std::string& from_pod,
                 bool proxy_running);

}  // namespace kubesim::network
