// kubesim — the interactive line editor (see lineedit.h).
#include "cli/lineedit.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#ifndef __EMSCRIPTEN__
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace kubesim::cli {

// [SECTION] UTF-8
namespace {

uint32_t decode(const std::string& s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + static_cast<size_t>(n) > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
  *len = static_cast<size_t>(n);
  return cp;
}

int cell_width(uint32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return 0;
  if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1160 && cp <= 0x11FF) || cp == 0x200B) return 0;  // combining
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
      (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

[[maybe_unused]] size_t prev_char(const std::string& s, size_t pos) {
  if (pos == 0) return 0;
  --pos;
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

size_t next_char(const std::string& s, size_t pos) {
  if (pos >= s.size()) return s.size();
  size_t len;
  decode(s, pos, &len);
  return std::min(s.size(), pos + len);
}

[[maybe_unused]] bool is_word_byte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80 || c == '_' || c == '-';
}

}  // namespace

size_t display_width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    uint32_t cp = decode(s, i, &len);
    w += static_cast<size_t>(cell_width(cp));
    i += len;
  }
  return w;
}

// [SECTION] terminal
struct LineEditor::Saved {
#ifndef __EMSCRIPTEN__
  termios original{};
#endif
};

LineEditor::LineEditor() {
#ifndef __EMSCRIPTEN__
  tty_ = isatty(0) != 0;
  out_fd_ = isatty(1) ? 1 : 2;  // like bash: the prompt goes to the terminal even if stdout is redirected
#endif
}

LineEditor::~LineEditor() {
  disable_raw();
  delete saved_;
}

void LineEditor::write_out(const std::string& s) {
#ifndef __EMSCRIPTEN__
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(out_fd_, s.data() + off, s.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
#else
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
#endif
}

bool LineEditor::enable_raw() {
#ifndef __EMSCRIPTEN__
  if (raw_) return true;
  if (!saved_) saved_ = new Saved;
  if (tcgetattr(0, &saved_->original) != 0) return false;
  termios raw = saved_->original;
  raw.c_iflag &= ~static_cast<tcflag_t>(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  raw.c_cflag |= CS8;
  raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON | IEXTEN | ISIG);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (tcsetattr(0, TCSAFLUSH, &raw) != 0) return false;
  raw_ = true;
  return true;
#else
  return false;
#endif
}

void LineEditor::disable_raw() {
#ifndef __EMSCRIPTEN__
  if (raw_ && saved_) tcsetattr(0, TCSAFLUSH, &saved_->original);
#endif
  raw_ = false;
}

void LineEditor::add_history(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  if (!history_.empty() && history_.back() == line) return;
  history_.push_back(line);
  if (history_.size() > 1000) history_.erase(history_.begin());
}

LineEditor::Status LineEditor::read(const std::string& prompt, std::string& line) {
  line.clear();
  if (tty_ && enable_raw()) {
    Status st = read_raw(prompt, line);
    disable_raw();
    return st;
  }
  // plain lines (a pipe, or no termios)
  if (tty_) write_out(prompt);
  if (!std::getline(std::cin, line)) return Status::Eof;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Status::Line;
}

// [SECTION] editing
void LineEditor::refresh(const std::string& prompt) {
  int cols = 80;
#ifndef __EMSCRIPTEN__
  winsize ws{};
  if (ioctl(out_fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) cols = ws.ws_col;
#endif
  size_t pw = display_width(prompt);
  size_t avail = static_cast<size_t>(cols) > pw + 1 ? static_cast<size_t>(cols) - pw - 1 : 1;
  // scroll horizontally so the cursor stays visible
  size_t start = 0;
  while (display_width(buf_.substr(start, pos_ - start)) > avail) start = next_char(buf_, start);
  size_t end = start;
  while (end < buf_.size() && display_width(buf_.substr(start, next_char(buf_, end) - start)) <= avail) end = next_char(buf_, end);
  std::string shown = buf_.substr(start, end - start);
  size_t cursor_col = pw + display_width(buf_.substr(start, pos_ - start));
  std::string s = "\r" + prompt + shown + "\x1b[K\r";
  if (cursor_col > 0) s += "\x1b[" + std::to_string(cursor_col) + "C";
  write_out(s);
}

void LineEditor::complete(const std::string& prompt, bool listed_before) {
  if (!completer_) return;
  std::string before = buf_.substr(0, pos_);
  std::vector<std::string> cands = completer_(before);
  // the word being completed starts after the last blank or operator
  size_t ws = before.find_last_of(" \t;|&(");
  size_t word_start = ws == std::string::npos ? 0 : ws + 1;
  std::string word = before.substr(word_start);
  if (cands.empty()) { write_out("\a"); return; }
  auto replace = [&](const std::string& w, bool final_word) {
    std::string ins = w;
    if (final_word && !ins.empty() && ins.back() != '=' && ins.back() != '/') ins += ' ';
    buf_ = buf_.substr(0, word_start) + ins + buf_.substr(pos_);
    pos_ = word_start + ins.size();
  };
  if (cands.size() == 1) { replace(cands[0], true); refresh(prompt); return; }
  std::string prefix = cands[0];
  for (auto& c : cands) {
    size_t k = 0;
    while (k < prefix.size() && k < c.size() && prefix[k] == c[k]) ++k;
    prefix.resize(k);
  }
  if (prefix.size() > word.size()) { replace(prefix, false); refresh(prompt); return; }
  if (!listed_before) { write_out("\a"); return; }
  // second Tab: list the candidates in columns, then redraw the line
  int cols = 80;
#ifndef __EMSCRIPTEN__
  winsize wsz{};
  if (ioctl(out_fd_, TIOCGWINSZ, &wsz) == 0 && wsz.ws_col > 0) cols = wsz.ws_col;
#endif
  size_t width = 0;
  for (auto& c : cands) width = std::max(width, display_width(c));
  width += 2;
  size_t per_row = std::max<size_t>(1, static_cast<size_t>(cols) / width);
  size_t rows = (cands.size() + per_row - 1) / per_row;
  std::string out = "\r\n";
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < per_row; ++c) {
      size_t i = c * rows + r;
      if (i >= cands.size()) break;
      out += cands[i];
      if ((c + 1) * rows + r < cands.size()) out += std::string(width - display_width(cands[i]), ' ');
    }
    out += "\r\n";
  }
  write_out(out);
  refresh(prompt);
}

#ifdef __EMSCRIPTEN__
LineEditor::Status LineEditor::read_raw(const std::string&, std::string&) { return Status::Eof; }
#else
LineEditor::Status LineEditor::read_raw(const std::string& prompt, std::string& line) {
  buf_.clear();
  pos_ = 0;
  size_t hist_index = history_.size();
  std::string in_progress;
  bool last_was_tab = false;
  refresh(prompt);
  for (;;) {
    char c;
    ssize_t n = ::read(0, &c, 1);
    if (n <= 0) {
      write_out("\r\n");
      return Status::Eof;
    }
    bool tab = false;
    auto history_move = [&](int dir) {
      if (history_.empty()) return;
      if (hist_index == history_.size()) in_progress = buf_;
      if (dir < 0 && hist_index > 0) --hist_index;
      else if (dir > 0 && hist_index < history_.size()) ++hist_index;
      else return;
      buf_ = hist_index == history_.size() ? in_progress : history_[hist_index];
      pos_ = buf_.size();
    };
    auto word_left = [&]() {
      while (pos_ > 0 && !is_word_byte(buf_[pos_ - 1])) pos_ = prev_char(buf_, pos_);
      while (pos_ > 0 && is_word_byte(buf_[pos_ - 1])) pos_ = prev_char(buf_, pos_);
    };
    auto word_right = [&]() {
      while (pos_ < buf_.size() && !is_word_byte(buf_[pos_])) pos_ = next_char(buf_, pos_);
      while (pos_ < buf_.size() && is_word_byte(buf_[pos_])) pos_ = next_char(buf_, pos_);
    };
    switch (c) {
      case '\r': case '\n':
        write_out("\r\n");
        line = buf_;
        return Status::Line;
      case 3:  // Ctrl-C: bash shows ^C and a fresh prompt
        write_out("^C\r\n");
        return Status::Interrupted;
      case 4:  // Ctrl-D
        if (buf_.empty()) { write_out("\r\n"); return Status::Eof; }
        if (pos_ < buf_.size()) buf_.erase(pos_, next_char(buf_, pos_) - pos_);
        break;
      case 1: pos_ = 0; break;                // Ctrl-A
      case 5: pos_ = buf_.size(); break;      // Ctrl-E
      case 2: pos_ = prev_char(buf_, pos_); break;   // Ctrl-B
      case 6: pos_ = next_char(buf_, pos_); break;   // Ctrl-F
      case 11: yank_ = buf_.substr(pos_); buf_.erase(pos_); break;   // Ctrl-K
      case 21: yank_ = buf_.substr(0, pos_); buf_.erase(0, pos_); pos_ = 0; break;  // Ctrl-U
      case 23: {  // Ctrl-W: back to the previous blank
        size_t p = pos_;
        while (p > 0 && (buf_[p - 1] == ' ' || buf_[p - 1] == '\t')) --p;
        while (p > 0 && buf_[p - 1] != ' ' && buf_[p - 1] != '\t') --p;
        yank_ = buf_.substr(p, pos_ - p);
        buf_.erase(p, pos_ - p);
        pos_ = p;
        break;
      }
      case 25: buf_.insert(pos_, yank_); pos_ += yank_.size(); break;  // Ctrl-Y
      case 12: write_out("\x1b[H\x1b[2J"); break;  // Ctrl-L
      case 16: history_move(-1); break;  // Ctrl-P
      case 14: history_move(1); break;   // Ctrl-N
      case 127: case 8:  // Backspace
        if (pos_ > 0) {
          size_t p = prev_char(buf_, pos_);
          buf_.erase(p, pos_ - p);
          pos_ = p;
        }
        break;
      case '\t':
        tab = true;
        complete(prompt, last_was_tab);
        break;
      case 27: {  // escape sequences
        char s0;
        if (::read(0, &s0, 1) <= 0) break;
        if (s0 == 'b' || s0 == 'B') { word_left(); break; }
        if (s0 == 'f' || s0 == 'F') { word_right(); break; }
        if (s0 != '[' && s0 != 'O') break;
        std::string seq;
        for (;;) {
          char x;
          if (::read(0, &x, 1) <= 0) break;
          seq += x;
          if ((x >= 'A' && x <= 'Z') || (x >= 'a' && x <= 'z') || x == '~' || seq.size() > 8) break;
        }
        if (seq == "A") history_move(-1);
        else if (seq == "B") history_move(1);
        else if (seq == "C") pos_ = next_char(buf_, pos_);
        else if (seq == "D") pos_ = prev_char(buf_, pos_);
        else if (seq == "H" || seq == "1~" || seq == "7~") pos_ = 0;
        else if (seq == "F" || seq == "4~" || seq == "8~") pos_ = buf_.size();
        else if (seq == "3~") { if (pos_ < buf_.size()) buf_.erase(pos_, next_char(buf_, pos_) - pos_); }
        else if (seq == "1;5C" || seq == "1;3C") word_right();
        else if (seq == "1;5D" || seq == "1;3D") word_left();
        break;
      }
      default:
        if (static_cast<unsigned char>(c) >= 32) {
          if (buf_.size() < 65536) {
            buf_.insert(pos_, 1, c);
            ++pos_;
          }
          // finish a multi-byte character before redrawing
          if ((static_cast<unsigned char>(c) & 0xC0) == 0xC0) {
            size_t need = (static_cast<unsigned char>(c) >> 5) == 6 ? 1 : (static_cast<unsigned char>(c) >> 4) == 14 ? 2 : 3;
            for (size_t k = 0; k < need; ++k) {
              char d;
              if (::read(0, &d, 1) <= 0) break;
              buf_.insert(pos_, 1, d);
              ++pos_;
            }
          }
        }
        break;
    }
    last_was_tab = tab;
    if (!tab) refresh(prompt);
  }
}
#endif

}  // namespace kubesim::cli
