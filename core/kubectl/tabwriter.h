// kubesim — column alignment exactly as Go's text/tabwriter does it (padchar ' ', no flags),
// which is what every kubectl table and every `describe` goes through.
//
// The rules (spec §0.2): text is cut into lines (LF) and cells (TAB). A cell ended by a TAB belongs
// to a column; the last piece of a line does not and is never padded. A column block is a run of
// consecutive lines that all have a cell in that column; the column's width in the block is
// max(cell width + padding), at least minwidth, and inner columns are laid out per block.
// Widths count UTF-8 code points, as Go counts runes.
//
// kubectl get tables use (minwidth 6, tabwidth 4, padding 3); describe and rollout history use
// (0, 8, 2).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::kubectl {

// Aligns a whole text at once (equivalent to one Write followed by Flush). With `remembered`
// (RememberWidths, which kubectl sets: it matters when one writer flushes several times, as a
// watch does after every event) each column is at least as wide as it was in earlier flushes,
// and `remembered` is updated.
std::string tabwrite(const std::string& text, int minwidth, int tabwidth, int padding,
                     std::vector<int>* remembered = nullptr);

inline std::string tabwrite_get(const std::string& text) { return tabwrite(text, 6, 4, 3); }
inline std::string tabwrite_describe(const std::string& text) { return tabwrite(text, 0, 8, 2); }

// The streaming form, for writers that flush part-way (describe flushes before its Events
// table, so the events are aligned on their own).
class TabWriter {
 public:
  TabWriter(int minwidth, int tabwidth, int padding) : minwidth_(minwidth), tabwidth_(tabwidth), padding_(padding) {}
  void write(std::string_view s) { pending_.append(s); }
  // Aligns everything written since the last flush and appends it to the output.
  void flush() { out_ += tabwrite(pending_, minwidth_, tabwidth_, padding_); pending_.clear(); }
  // Flushes, then returns the whole output.
  std::string str() { flush(); return out_; }

 private:
  int minwidth_, tabwidth_, padding_;
  std::string pending_, out_;
};

}  // namespace kubesim::kubectl
