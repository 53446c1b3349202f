// kubesim — Go text/tabwriter emulation (see tabwriter.h for the rules).
#include "kubectl/tabwriter.h"

#include <algorithm>
#include <vector>

namespace kubesim::kubectl {

namespace {

struct Cell {
  std::string text;
  int width = 0;  // in code points
};
using Line = std::vector<Cell>;

int rune_count(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count every byte that is not a continuation byte
  return n;
}

class Formatter {
 public:
  Formatter(std::vector<Line> lines, int minwidth, int padding, std::vector<int>* remembered)
      : lines_(std::move(lines)), minwidth_(minwidth), padding_(padding), remembered_(remembered) {}

  std::string run() {
    format(0, lines_.size());
    return std::move(out_);
  }

 private:
  // Lays out the lines [line0, line1) knowing the widths of the columns left of `widths_.size()`.
  void format(size_t line0, size_t line1) {
    const size_t column = widths_.size();
    for (size_t t = line0; t < line1; ++t) {
      if (column + 1 >= lines_[t].size()) continue;  // no tab-terminated cell in this column
      // Lines before the block have no cell in this column: print them as they are.
      write_lines(line0, t);
      line0 = t;
      // The block: consecutive lines that have a cell in this column.
      int width = minwidth_;
      for (; t < line1; ++t) {
        if (column + 1 >= lines_[t].size()) break;
        width = std::max(width, lines_[t][column].width + padding_);
      }
      if (remembered_) remember(column, width);
      widths_.push_back(width);
      format(line0, t);  // columns to the right, per block
      widths_.pop_back();
      line0 = t;
      // (the line at t ends the block and has no cell here; the loop's ++t may skip it safely)
    }
    write_lines(line0, line1);
  }

  // liggitt/tabwriter's RememberWidths (kubectl's flag): a column is as wide as it ever was in
  // this writer, across flushes, and widens for good when a wider cell comes.
  void remember(size_t column, int& width) {
    std::vector<int>& m = *remembered_;
    if (m.size() < column) m.insert(m.end(), widths_.begin() + static_cast<std::ptrdiff_t>(m.size()), widths_.end());
    if (m.size() == column) m.push_back(width);
    else if (m[column] > width) width = m[column];
    else m[column] = width;
  }

  void write_lines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; ++i) {
      const Line& line = lines_[i];
      for (size_t j = 0; j < line.size(); ++j) {
        out_ += line[j].text;
        if (j < widths_.size()) out_.append(static_cast<size_t>(std::max(0, widths_[j] - line[j].width)), ' ');
      }
      // The last buffered line has no newline of its own (it is the text after the final LF).
      if (i + 1 != lines_.size()) out_ += '\n';
    }
  }

  std::vector<Line> lines_;
  int minwidth_, padding_;
  std::vector<int>* remembered_;
  std::vector<int> widths_;
  std::string out_;
};

}  // namespace

std::string tabwrite(const std::string& text, int minwidth, int /*tabwidth: only used with tab padding*/,
                     int padding, std::vector<int>* remembered) {
  std::vector<Line> lines(1);
  std::string cell;
  auto end_cell = [&] {
    int w = rune_count(cell);
    lines.back().push_back(Cell{std::move(cell), w});
    cell.clear();
  };
  for (char ch : text) {
    switch (ch) {
      case '\t':
      case '\v':
        end_cell();
        break;
      case '\n':
      case '\f':
        end_cell();         // a newline always terminates the current (last) cell of the line
        lines.emplace_back();
        break;
      default:
        cell += ch;
    }
  }
  if (!cell.empty()) end_cell();  // Flush terminates a non-empty partial cell
  return Formatter(std::move(lines), minwidth, padding, remembered).run();
}

}  // namespace kubesim::kubectl
