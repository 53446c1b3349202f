// kubesim — what a command prints: stdout and stderr chunks in the order they were written, so
// the CLI can replay them to the right streams and the web terminal can show them interleaved.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kubesim {

struct Output {
  enum Stream : int { Stdout = 1, Stderr = 2 };
  struct Chunk { Stream stream; std::string text; };
  std::vector<Chunk> chunks;

  void out(std::string_view s) { append(Stdout, s); }
  void err(std::string_view s) { append(Stderr, s); }
  void append(Stream st, std::string_view s) {
    if (s.empty()) return;
    if (!chunks.empty() && chunks.back().stream == st) chunks.back().text += s;
    else chunks.push_back({st, std::string(s)});
  }
  void append(const Output& o) { for (auto& c : o.chunks) append(c.stream, c.text); }
  // Everything as a terminal shows it (both streams, in order).
  std::string text() const { std::string t; for (auto& c : chunks) t += c.text; return t; }
  std::string stdout_text() const { std::string t; for (auto& c : chunks) if (c.stream == Stdout) t += c.text; return t; }
  std::string stderr_text() const { std::string t; for (auto& c : chunks) if (c.stream == Stderr) t += c.text; return t; }
  bool empty() const { return chunks.empty(); }
};

}  // namespace kubesim
