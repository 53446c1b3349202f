// kubesim web — terminal.cpp: scrollback, ANSI subset, line editor, completion.
#include "terminal.h"

#include <algorithm>

namespace kubesim::web {

// [SECTION] UTF-8 ---------------------------------------------------------------------------------
static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t utf8_prev(std::string_view s, size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && is_cont(static_cast<unsigned char>(s[i]))) --i;
  return i;
}
size_t utf8_next(std::string_view s, size_t i) {
  if (i >= s.size()) return s.size();
  ++i;
  while (i < s.size() && is_cont(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}
static size_t utf8_len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;  // stray continuation / invalid: take one byte
}

std::string strip_ansi(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\x1b') { out += s[i]; continue; }
    if (i + 1 < s.size() && s[i + 1] == '[') {
      size_t j = i + 2;
      while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7E)) ++j;
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

// [SECTION] scrollback ----------------------------------------------------------------------------
Terminal::Terminal(size_t max_lines) : max_lines_(std::max<size_t>(max_lines, 16)) { lines_.emplace_back(); }

Terminal::Line& Terminal::current() { return lines_.back(); }

void Terminal::trim() {
  while (lines_.size() > max_lines_) { lines_.pop_front(); ++dropped_; }
}

void Terminal::new_line() {
  lines_.emplace_back();
  overwrite_ = false;
  col_bytes_ = 0;
  plain_ += '\n';
  trim();
}

void Terminal::clear() {
  dropped_ += lines_.size();
  lines_.clear();
  lines_.emplace_back();
  overwrite_ = false;
  col_bytes_ = 0;
  ++version_;
}

void Terminal::put_char_bytes(std::string_view utf8, Style style) {
  Line& l = current();
  plain_.append(utf8);
  if (overwrite_ && col_bytes_ < l.text.size()) {
    // After a lone \r the text replaces what is there, character by character (keeping styles).
    size_t end = utf8_next(l.text, col_bytes_);
    l.text.replace(col_bytes_, end - col_bytes_, utf8);
    col_bytes_ += utf8.size();
    return;
  }
  uint32_t at = static_cast<uint32_t>(l.text.size());
  l.text.append(utf8);
  if (overwrite_) col_bytes_ = l.text.size();
  if (l.spans.empty() || l.spans.back().style != style) l.spans.push_back({at, style});
}

void Terminal::handle_csi(char final, std::string_view params) {
  switch (final) {
    case 'J':  // erase display: 2 = screen, 3 = scrollback; both clear our single buffer
      if (params == "2" || params == "3") clear();
      break;
    case 'K': {  // erase to end of line (the common 0 / empty form)
      if (params.empty() || params == "0") {
        Line& l = current();
        size_t at = overwrite_ ? col_bytes_ : l.text.size();
        if (at < l.text.size()) {
          l.text.resize(at);
          while (!l.spans.empty() && l.spans.back().start >= at) l.spans.pop_back();
        }
      }
      break;
    }
    default:  // cursor moves (H), colours (m) … are not modelled
      break;
  }
}

void Terminal::write(std::string_view bytes, Style style) {
  if (bytes.empty()) return;
  ++version_;
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (!esc_.empty()) {
      esc_ += c;
      if (esc_.size() == 2 && c != '[') { esc_.clear(); continue; }  // two-byte escape: dropped
      if (esc_.size() > 2 && c >= 0x40 && c <= 0x7E) {
        handle_csi(c, std::string_view(esc_).substr(2, esc_.size() - 3));
        esc_.clear();
      } else if (esc_.size() > 32) {
        esc_.clear();  // malformed: give up on it
      }
      continue;
    }
    if (!utf8_.empty()) {
      utf8_ += c;
      if (utf8_.size() >= utf8_len(static_cast<unsigned char>(utf8_[0]))) {
        put_char_bytes(utf8_, style);
        utf8_.clear();
      }
      continue;
    }
    unsigned char uc = static_cast<unsigned char>(c);
    if (c == '\x1b') { esc_ = c; continue; }
    if (c == '\n') { new_line(); continue; }
    if (c == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;  // CRLF
      overwrite_ = true;
      col_bytes_ = 0;
      continue;
    }
    if (c == '\t') {
      size_t col = 0;
      const std::string& t = current().text;
      size_t end = overwrite_ ? col_bytes_ : t.size();
      for (size_t k = 0; k < end; k = utf8_next(t, k)) ++col;
      size_t n = 8 - col % 8;
      for (size_t k = 0; k < n; ++k) put_char_bytes(" ", style);
      continue;
    }
    if (uc < 0x20 || uc == 0x7F) continue;  // BEL, BS … have no visible effect here
    if (uc >= 0x80) {
      size_t n = utf8_len(uc);
      if (n > 1) { utf8_ = c; continue; }
    }
    put_char_bytes(std::string_view(&bytes[i], 1), style);
  }
}

std::string Terminal::take_plain() {
  std::string s;
  s.swap(plain_);
  return s;
}

// [SECTION] line editor ---------------------------------------------------------------------------
void Terminal::set_input(std::string s) {
  input_ = std::move(s);
  cursor_ = input_.size();
}

void Terminal::add_history(const std::string& line) {
  if (line.empty()) return;
  if (history_.empty() || history_.back() != line) history_.push_back(line);
  if (history_.size() > 1000) history_.erase(history_.begin());
  history_pos_ = history_.size();
  draft_.clear();
}

void Terminal::insert(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c == '\t') clean += ' ';
    else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) clean += c;
  }
  if (clean.empty()) return;
  input_.insert(cursor_, clean);
  cursor_ += clean.size();
  last_was_tab_ = false;
}

std::vector<std::string> Terminal::paste(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    insert(text.substr(start, i - start));
    if (i == text.size()) break;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    KeyResult r = key(Key::Enter);
    lines.push_back(r.line);
    start = i + 1;
  }
  return lines;
}

static bool is_space(char c) { return c == ' '; }

Terminal::KeyResult Terminal::key(Key k) {
  KeyResult r;
  bool tab = k == Key::Tab;
  switch (k) {
    case Key::Enter:
      r.action = Action::Submit;
      r.line = input_;
      add_history(input_);
      input_.clear();
      cursor_ = 0;
      history_pos_ = history_.size();
      break;
    case Key::Backspace:
      if (cursor_ > 0) {
        size_t p = utf8_prev(input_, cursor_);
        input_.erase(p, cursor_ - p);
        cursor_ = p;
      }
      break;
    case Key::Delete:
    case Key::CtrlD:
      if (cursor_ < input_.size()) input_.erase(cursor_, utf8_next(input_, cursor_) - cursor_);
      break;
    case Key::Left: cursor_ = utf8_prev(input_, cursor_); break;
    case Key::Right: cursor_ = utf8_next(input_, cursor_); break;
    case Key::Home:
    case Key::CtrlA: cursor_ = 0; break;
    case Key::End:
    case Key::CtrlE: cursor_ = input_.size(); break;
    case Key::WordLeft:
      while (cursor_ > 0 && is_space(input_[cursor_ - 1])) --cursor_;
      while (cursor_ > 0 && !is_space(input_[cursor_ - 1])) --cursor_;
      break;
    case Key::WordRight:
      while (cursor_ < input_.size() && is_space(input_[cursor_])) ++cursor_;
      while (cursor_ < input_.size() && !is_space(input_[cursor_])) ++cursor_;
      break;
    case Key::Up:
      if (history_pos_ > 0) {
        if (history_pos_ == history_.size()) draft_ = input_;
        --history_pos_;
        set_input(history_[history_pos_]);
      }
      break;
    case Key::Down:
      if (history_pos_ < history_.size()) {
        ++history_pos_;
        set_input(history_pos_ == history_.size() ? draft_ : history_[history_pos_]);
      }
      break;
    case Key::Tab: r.action = Action::Complete; break;
    case Key::CtrlC:
      r.action = Action::Interrupt;
      r.line = input_;
      input_.clear();
      cursor_ = 0;
      history_pos_ = history_.size();
      break;
    case Key::CtrlL: r.action = Action::ClearScreen; break;
    case Key::CtrlU:
      input_.erase(0, cursor_);
      cursor_ = 0;
      break;
    case Key::CtrlK: input_.resize(cursor_); break;
    case Key::CtrlW: {
      size_t p = cursor_;
      while (p > 0 && is_space(input_[p - 1])) --p;
      while (p > 0 && !is_space(input_[p - 1])) --p;
      input_.erase(p, cursor_ - p);
      cursor_ = p;
      break;
    }
  }
  if (!tab) last_was_tab_ = false;
  return r;
}

// [SECTION] completion ----------------------------------------------------------------------------
size_t Terminal::word_start() const {
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < cursor_ && i < input_.size(); ++i) {
    char c = input_[i];
    if (quote) { if (c == quote) quote = 0; continue; }
    if (c == '\'' || c == '"') quote = c;
    else if (c == ' ') start = i + 1;
  }
  return start;
}

static std::string common_prefix(const std::vector<std::string>& v) {
  if (v.empty()) return {};
  std::string p = v[0];
  for (auto& s : v) {
    size_t n = 0;
    while (n < p.size() && n < s.size() && p[n] == s[n]) ++n;
    p.resize(n);
  }
  // Never cut a UTF-8 sequence in half.
  while (!p.empty() && is_cont(static_cast<unsigned char>(p.back()))) p.pop_back();
  if (!p.empty() && static_cast<unsigned char>(p.back()) >= 0xC0) p.pop_back();
  return p;
}

bool Terminal::apply_completion(const std::vector<std::string>& candidates) {
  bool second_tab = last_was_tab_;
  last_was_tab_ = true;
  if (candidates.empty()) return false;
  size_t ws = word_start();
  std::string before = input_.substr(0, ws);
  std::string word = input_.substr(ws, cursor_ - ws);
  std::string after = input_.substr(cursor_);
  // Whole-line candidates: strip the line part so the rest of the logic works on words.
  std::vector<std::string> words;
  words.reserve(candidates.size());
  for (auto& c : candidates) {
    if (!before.empty() && c.size() >= before.size() && c.compare(0, before.size(), before) == 0)
      words.push_back(c.substr(before.size()));
    else
      words.push_back(c);
  }
  std::string replacement;
  bool finished = false;
  if (words.size() == 1) {
    replacement = words[0];
    char last = replacement.empty() ? ' ' : replacement.back();
    finished = last != '/' && last != '=' && last != ':' && last != ' ';
  } else {
    replacement = common_prefix(words);
    if (replacement.size() <= word.size()) return second_tab;  // nothing to add: list on 2nd Tab
  }
  input_ = before + replacement + (finished && (after.empty() || after[0] != ' ') ? " " : "");
  cursor_ = input_.size();
  input_ += after;
  return false;
}

std::string Terminal::format_candidates(const std::vector<std::string>& candidates, int width_cols) {
  size_t widest = 0;
  for (auto& c : candidates) widest = std::max(widest, c.size());
  size_t colw = widest + 2;
  size_t per_row = std::max<size_t>(1, static_cast<size_t>(std::max(width_cols, 1)) / std::max<size_t>(colw, 1));
  size_t rows = (candidates.size() + per_row - 1) / per_row;
  std::string out;
  // Like bash: fill columns top to bottom.
  for (size_t r = 0; r < rows; ++r) {
    std::string line;
    for (size_t c = 0; c < per_row; ++c) {
      size_t i = c * rows + r;
      if (i >= candidates.size()) break;
      line += candidates[i];
      if (c + 1 < per_row && (c + 1) * rows + r < candidates.size()) line.append(colw - candidates[i].size(), ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace kubesim::web
