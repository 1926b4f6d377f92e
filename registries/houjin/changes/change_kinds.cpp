// change_kinds.cpp — see change_kinds.hpp.
#include "registries/houjin/changes/change_kinds.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>

#include "grammars/dictionaries/table_lines.hpp"

namespace gifkit::registries::houjin {
namespace {

constexpr std::string_view kAddressName = "address";

bool is_kind_name(std::string_view name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z' || name.back() == '-') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The field named name (an NTA field name or "address"), or nothing.
std::optional<std::size_t> field_named(std::string_view name) {
  if (name == kAddressName) return kAddressShown;
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    if (kHoujinColumns[i].nta_name == name) return i;
  return std::nullopt;
}

// The fields of a `shows` cell ("-" for none) into shows; the first
// unknown name when there is one.
std::string read_shows(std::string_view cell, std::vector<std::size_t>& shows) {
  if (cell == "-") return {};
  for (std::size_t start = 0; start <= cell.size();) {
    std::size_t comma = std::min(cell.find(',', start), cell.size());
    std::string_view name = cell.substr(start, comma - start);
    auto field = field_named(name);
    if (!field) return std::string(name);
    shows.push_back(*field);
    start = comma + 1;
  }
  return {};
}

}  // namespace

bool ChangeKinds::load(const std::filesystem::path& file, std::vector<std::string>& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.push_back(file.string() + ": cannot read the file");
    return false;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<ChangeKindRule> rules;
  const std::size_t errors_before = errors.size();
  grammars::for_each_table_line(text, [&](std::size_t line,
                                          const std::vector<std::string_view>& fields) {
    auto bad = [&](const std::string& why) {
      errors.push_back(file.string() + ":" + std::to_string(line) + ": " + why);
    };
    if (fields.size() != 5) {
      bad("expected 5 tab-separated fields (process, when, kind, shows, meaning), found " +
          std::to_string(fields.size()));
      return;
    }
    ChangeKindRule rule;
    rule.process = fields[0];
    if (process_name(rule.process).empty()) {
      bad("'" + rule.process + "' is not a 処理区分 code of the NTA's data");
      return;
    }
    if (fields[1] != "-" && fields[1] != "successor") {
      bad("when is '" + std::string(fields[1]) + "'; expected - or successor");
      return;
    }
    rule.needs_successor = fields[1] == "successor";
    rule.kind = fields[2];
    if (!is_kind_name(rule.kind)) {
      bad("kind '" + rule.kind + "' is not a name of lower-case letters, digits and hyphens");
      return;
    }
    const std::string unknown = read_shows(fields[3], rule.shows);
    if (!unknown.empty()) {
      bad("shows '" + unknown + "', which is neither an NTA field name nor address");
      return;
    }
    rule.meaning = fields[4];
    for (const auto& other : rules) {
      if (other.process == rule.process && other.needs_successor == rule.needs_successor) {
        bad("process " + rule.process + " with when " + std::string(fields[1]) + " is given twice");
        return;
      }
    }
    rules.push_back(std::move(rule));
  });
  for (std::string_view code : process_codes()) {
    const bool covered = std::any_of(rules.begin(), rules.end(), [&](const ChangeKindRule& rule) {
      return rule.process == code && !rule.needs_successor;
    });
    if (!covered) {
      errors.push_back(file.string() + ": process " + std::string(code) + " (" +
                       std::string(process_name(code)) + ") has no line with when -");
    }
  }
  if (errors.size() != errors_before) return false;
  rules_ = std::move(rules);
  return true;
}

const ChangeKindRule* ChangeKinds::rule_for(std::string_view process, bool has_successor) const {
  const ChangeKindRule* plain = nullptr;
  for (const auto& rule : rules_) {
    if (rule.process != process) continue;
    if (rule.needs_successor && has_successor) return &rule;
    if (!rule.needs_successor) plain = &rule;
  }
  return plain;
}

bool ChangeKinds::has_kind(std::string_view name) const {
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](const ChangeKindRule& rule) { return rule.kind == name; });
}

std::string ChangeKinds::kind_list() const {
  std::vector<std::string_view> seen;
  std::string list;
  for (const auto& rule : rules_) {
    if (std::find(seen.begin(), seen.end(), rule.kind) != seen.end()) continue;
    seen.push_back(rule.kind);
    list += (list.empty() ? "" : ", ") + rule.kind;
  }
  return list;
}

std::string_view shown_field_name(std::size_t field) {
  return field == kAddressShown ? kAddressName : kHoujinColumns.at(field).nta_name;
}

}  // namespace gifkit::registries::houjin
