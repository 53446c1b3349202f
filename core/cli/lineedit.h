// kubesim — a small line editor for the interactive prompt (raw termios, no readline):
// Left/Right, Home/End, Ctrl-A/E/B/F, Ctrl-K/U/W/Y, Backspace/Delete, Up/Down history (also
// Ctrl-P/N), Alt-B/F and Ctrl-Left/Right by word, Tab completion (twice lists the candidates),
// Ctrl-L clears the screen, Ctrl-C abandons the line, Ctrl-D on an empty line is end of input.
// UTF-8 aware (Hangul and other wide characters take two cells). Long lines scroll horizontally.
// Without a terminal (or under Emscripten, which has no termios) it reads plain lines.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace kubesim::cli {

class LineEditor {
 public:
  enum class Status { Line, Eof, Interrupted };
  // Candidates for the last word of the text before the cursor (whole words).
  using Completer = std::function<std::vector<std::string>(const std::string& before_cursor)>;

  LineEditor();
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  Status read(const std::string& prompt, std::string& line);
  void add_history(const std::string& line);
  void set_completer(Completer c) { completer_ = std::move(c); }
  bool interactive() const { return tty_; }

 private:
  Status read_raw(const std::string& prompt, std::string& line);
  void refresh(const std::string& prompt);
  void complete(const std::string& prompt, bool listed_before);
  void write_out(const std::string& s);
  bool enable_raw();
  void disable_raw();

  bool tty_ = false;
  bool raw_ = false;
  [[maybe_unused]] int out_fd_ = 1;
  std::string buf_;
  size_t pos_ = 0;  // byte offset of the cursor (on a character boundary)
  std::string yank_;
  std::vector<std::string> history_;
  Completer completer_;
  struct Saved;
  Saved* saved_ = nullptr;
};

// Display cells of a UTF-8 string (wide East Asian characters count two).
size_t display_width(const std::string& s);

}  // namespace kubesim::cli
