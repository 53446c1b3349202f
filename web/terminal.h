// kubesim web — the terminal's model: scrollback (with the few ANSI controls a shell emits: clear
// screen, erase line, colours ignored), the line editor (cursor, history, kill/yank-less readline
// keys), paste, and applying Tab-completion candidates.
//
// The bytes a command prints are stored unchanged apart from control sequences, so what the page
// shows is the CLI's output. No ImGui / GL: unit-tested natively; the app draws it.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::web {

class Terminal {
 public:
  enum class Style : uint8_t { Out, Err, Echo, Info };
  struct Span {
    uint32_t start = 0;  // byte offset into Line::text
    Style style = Style::Out;
  };
  struct Line {
    std::string text;
    std::vector<Span> spans;  // at least one when text is non-empty; sorted by start
  };

  explicit Terminal(size_t max_lines = 10000);

  // [SECTION] output
  // Append bytes as a terminal would show them. \n starts a line, \r returns to column 0 (the next
  // text overwrites the line), \t expands to the next multiple of 8, ESC[2J / ESC[3J clear the
  // screen, ESC[K erases to the end of the line, other CSI sequences (colours…) are dropped.
  // Sequences split across calls are handled.
  void write(std::string_view bytes, Style style = Style::Out);
  void clear();
  const std::deque<Line>& lines() const { return lines_; }
  // Lines dropped from the top since creation (so views can keep their scroll position).
  uint64_t dropped() const { return dropped_; }
  // Bumped on every change of the scrollback.
  uint64_t version() const { return version_; }
  // The text written since the last call, control sequences removed: for the DOM mirror.
  std::string take_plain();

  // [SECTION] line editor
  enum class Key : uint8_t {
    Enter, Backspace, Delete, Left, Right, Home, End, Up, Down, Tab,
    CtrlC, CtrlL, CtrlU, CtrlK, CtrlW, CtrlA, CtrlE, CtrlD, WordLeft, WordRight,
  };
  enum class Action : uint8_t { None, Submit, Complete, Interrupt, ClearScreen };
  struct KeyResult {
    Action action = Action::None;
    std::string line;  // Submit: the line to run (also appended to history)
  };
  KeyResult key(Key k);
  // Typed text (no control characters; a newline is not accepted here: use paste()).
  void insert(std::string_view text);
  // Pasted text: every complete line is returned for running in order; the text after the last
  // newline stays in the input. Tabs become spaces, CR/LF pairs count once.
  std::vector<std::string> paste(std::string_view text);

  const std::string& input() const { return input_; }
  size_t cursor() const { return cursor_; }  // byte offset into input(), on a UTF-8 boundary
  void set_input(std::string s);
  const std::vector<std::string>& history() const { return history_; }
  void add_history(const std::string& line);

  // [SECTION] completion
  // The word the cursor is in (from the last unquoted space before the cursor).
  size_t word_start() const;
  // Apply candidates from the shell's completer. Each candidate is either a replacement for the
  // current word or a whole line (when it starts with everything before the word). One candidate
  // completes the word (plus a space unless it ends in '/', '=' or ':'); several extend it to
  // their common prefix; a second Tab with nothing to extend returns true: the caller lists them.
  bool apply_completion(const std::vector<std::string>& candidates);
  // The listing a shell prints on a second Tab (candidates in columns for `width_cols`).
  static std::string format_candidates(const std::vector<std::string>& candidates, int width_cols);

 private:
  Line& current();
  void put_char_bytes(std::string_view utf8, Style style);
  void new_line();
  void handle_csi(char final, std::string_view params);
  void trim();

  std::deque<Line> lines_;
  size_t max_lines_;
  uint64_t dropped_ = 0, version_ = 0;
  bool overwrite_ = false;  // after a lone \r
  size_t col_bytes_ = 0;    // write position in the current line when overwriting
  std::string esc_;         // an incomplete escape sequence
  std::string utf8_;        // an incomplete UTF-8 sequence
  std::string plain_;

  std::string input_;
  size_t cursor_ = 0;
  std::vector<std::string> history_;
  size_t history_pos_ = 0;  // == history_.size(): editing a new line
  std::string draft_;       // the new line while browsing history
  bool last_was_tab_ = false;
};

// UTF-8 helpers (byte offsets).
size_t utf8_prev(std::string_view s, size_t i);
size_t utf8_next(std::string_view s, size_t i);
// Strip ANSI escape sequences.
std::string strip_ansi(std::string_view s);

}  // namespace kubesim::web
