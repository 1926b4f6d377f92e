// crosswalk.cpp — see crosswalk.hpp.
#include "models/engine/model/crosswalk.hpp"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <set>

namespace gifkit::models {

namespace {

constexpr std::array<std::string_view, 8> kRelationNames = {"same",   "renamed", "moved", "split",
                                                            "merged", "removed", "added", "-"};
constexpr std::size_t kCrosswalkColumns = 8;

// One tab-separated cell and the 1-based byte column it starts at.
struct CrosswalkCell {
  std::string text;
  std::size_t column = 1;
};

std::vector<CrosswalkCell> split_crosswalk_line(const std::string& line) {
  std::vector<CrosswalkCell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    cells.push_back({line.substr(start, tab == std::string::npos ? std::string::npos : tab - start),
                     start + 1});
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cells;
}

bool is_identifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Inverts a relation for the opposite direction (a split one way is a merge the other).
CrossRelation reversed(CrossRelation relation) {
  switch (relation) {
    case CrossRelation::split:
      return CrossRelation::merged;
    case CrossRelation::merged:
      return CrossRelation::split;
    case CrossRelation::removed:
      return CrossRelation::added;
    case CrossRelation::added:
      return CrossRelation::removed;
    default:
      return relation;
  }
}

}  // namespace

std::optional<std::size_t> release_index(std::string_view release) {
  for (std::size_t i = 0; i < kGifReleases.size(); ++i)
    if (kGifReleases[i] == release) return i;
  return std::nullopt;
}

std::string_view cross_relation_name(CrossRelation relation) {
  return kRelationNames[static_cast<std::size_t>(relation)];
}

std::optional<CrossRelation> parse_cross_relation(std::string_view name) {
  for (std::size_t i = 0; i < kRelationNames.size(); ++i)
    if (kRelationNames[i] == name) return static_cast<CrossRelation>(i);
  return std::nullopt;
}

std::string_view value_carry_name(ValueCarry value) {
  switch (value) {
    case ValueCarry::carry:
      return "carry";
    case ValueCarry::check:
      return "check";
    case ValueCarry::review:
      return "review";
    case ValueCarry::none:
      break;
  }
  return "-";
}

std::string CrosswalkRow::qualified(std::size_t release) const {
  if (!present(release)) return "";
  return is_class ? classes[release] : classes[release] + "." + items[release];
}

std::string Crosswalk::counterpart_class(std::size_t from, std::size_t to,
                                         std::string_view name) const {
  for (const CrosswalkRow& row : rows_)
    if (row.is_class && row.classes[from] == name) return row.classes[to];
  return "";
}

std::vector<const CrosswalkRow*> Crosswalk::item_rows_of(std::size_t release,
                                                         std::string_view name) const {
  std::vector<const CrosswalkRow*> found;
  for (const CrosswalkRow& row : rows_)
    if (!row.is_class && row.classes[release] == name) found.push_back(&row);
  return found;
}

const CrosswalkRow* Crosswalk::find_item(std::size_t release, std::string_view class_name,
                                         std::string_view item) const {
  for (const CrosswalkRow& row : rows_)
    if (!row.is_class && row.classes[release] == class_name && row.items[release] == item)
      return &row;
  return nullptr;
}

CrossRelation Crosswalk::forward_relation(const CrosswalkRow& row, std::size_t from,
                                          std::size_t to) const {
  assert(from < to && to < kGifReleases.size());
  if (!row.present(from)) return row.present(to) ? CrossRelation::added : CrossRelation::none;
  if (!row.present(to)) return CrossRelation::removed;
  const std::string source = row.qualified(from), target = row.qualified(to);
  std::set<std::string> targets_of_source, sources_of_target;
  for (const CrosswalkRow& other : rows_) {
    if (other.is_class != row.is_class || !other.present(from) || !other.present(to)) continue;
    if (other.qualified(from) == source) targets_of_source.insert(other.qualified(to));
    // A merge of items is within one class; classes folded together are class lines.
    const bool same_scope = row.is_class || other.classes[from] == row.classes[from];
    if (other.qualified(to) == target && same_scope)
      sources_of_target.insert(other.qualified(from));
  }
  if (targets_of_source.size() > 1) return CrossRelation::split;
  if (sources_of_target.size() > 1) return CrossRelation::merged;
  if (row.is_class)
    return row.classes[from] == row.classes[to] ? CrossRelation::same : CrossRelation::renamed;
  if (row.classes[to] != counterpart_class(from, to, row.classes[from]))
    return CrossRelation::moved;
  return row.items[from] == row.items[to] ? CrossRelation::same : CrossRelation::renamed;
}

CrossRelation Crosswalk::relation_between(const CrosswalkRow& row, std::size_t from,
                                          std::size_t to) const {
  assert(from != to && from < kGifReleases.size() && to < kGifReleases.size());
  return from < to ? forward_relation(row, from, to) : reversed(forward_relation(row, to, from));
}

Crosswalk read_crosswalk(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CrosswalkError{file.string() + ": cannot be read"};
  Crosswalk crosswalk;
  crosswalk.file_ = file.string();
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::vector<CrosswalkCell> cells = split_crosswalk_line(line);
    auto fail = [&](std::size_t column, const std::string& what) {
      throw CrosswalkError{file.string() + ":" + std::to_string(number) + ":" +
                           std::to_string(column) + ": " + what};
    };
    if (cells.size() != kCrosswalkColumns)
      fail(1,
           "expected 8 tab-separated columns (kind, 2022, 2024, 2025, r22_24, r24_25, value, "
           "note), found " +
               std::to_string(cells.size()));
    CrosswalkRow row;
    row.line = number;
    if (cells[0].text == "class")
      row.is_class = true;
    else if (cells[0].text != "item")
      fail(cells[0].column, "expected class or item, found '" + cells[0].text + "'");
    for (std::size_t release = 0; release < kGifReleases.size(); ++release) {
      const CrosswalkCell& cell = cells[1 + release];
      if (cell.text == "-") continue;
      const std::size_t dot = cell.text.find('.');
      const std::string class_name = cell.text.substr(0, dot);
      const std::string item = dot == std::string::npos ? "" : cell.text.substr(dot + 1);
      const bool fits = row.is_class ? dot == std::string::npos && is_identifier(class_name)
                                     : is_identifier(class_name) && is_identifier(item);
      if (!fits)
        fail(cell.column, std::string("expected ") + (row.is_class ? "Class" : "Class.item") +
                              " or -, found '" + cell.text + "'");
      row.classes[release] = class_name;
      row.items[release] = item;
    }
    for (std::size_t step = 0; step < 2; ++step) {
      const CrosswalkCell& cell = cells[4 + step];
      const std::optional<CrossRelation> relation = parse_cross_relation(cell.text);
      if (!relation)
        fail(cell.column,
             "expected same, renamed, moved, split, merged, removed, added or -, found '" +
                 cell.text + "'");
      row.stated[step] = *relation;
    }
    const std::string& value = cells[6].text;
    if (value == "carry")
      row.value = ValueCarry::carry;
    else if (value == "check")
      row.value = ValueCarry::check;
    else if (value == "review")
      row.value = ValueCarry::review;
    else if (value != "-")
      fail(cells[6].column, "expected carry, check, review or -, found '" + value + "'");
    row.note = cells[7].text;
    if (!row.present(0) && !row.present(1) && !row.present(2))
      fail(cells[1].column, "a line names no class of any release");
    crosswalk.rows_.push_back(std::move(row));
  }
  return crosswalk;
}

std::filesystem::path crosswalk_path(const std::filesystem::path& models_dir) {
  return models_dir / "crosswalks" / "gif-releases.tsv";
}

}  // namespace gifkit::models
