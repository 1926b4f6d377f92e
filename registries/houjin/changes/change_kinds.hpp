// change_kinds.hpp — the kinds of change of the 法人番号 change feed (new,
// renamed, moved, closed, merged, …): which kind each 処理区分 (process code,
// FORMAT.md §4.1) of an NTA row is, and which fields say what changed. The
// table is data, models/dictionaries/houjin_change_kinds.tsv, loaded at run
// time; this file only reads and checks it. Used by the change feed
// (change_feed.hpp) and, through it, by `gifkit registry changes`, the
// service's /v1/changes and validate --changed-since.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::houjin {

// A field a kind shows (ChangeKindRule::shows): a column of kHoujinColumns,
// or kAddressShown for the domestic address written out (prefectureName +
// cityName + streetNumber).
inline constexpr std::size_t kAddressShown = kHoujinColumnCount;

// One line of the table.
struct ChangeKindRule {
  std::string process;             // a 処理区分 code: "21"
  bool needs_successor = false;    // applies only to rows with a successorCorporateNumber
  std::string kind;                // "merged"
  std::vector<std::size_t> shows;  // the fields that say what changed (kAddressShown: the address)
  std::string meaning;             // one line for people
};

class ChangeKinds {
 public:
  // Reads the table: lines of process, when, kind, shows and meaning
  // separated by tabs; blank lines and lines starting with # skipped (the
  // file's own header says the format). False, with "file:line: reason" in
  // errors, when the file cannot be read, a line is malformed (an unknown
  // process code, a `when` other than - or successor, a kind name not in
  // lower-case letters, digits and hyphens, an unknown field), a process
  // and `when` repeat, or a process code the importer accepts has no line
  // with `when` -.
  bool load(const std::filesystem::path& file, std::vector<std::string>& errors);

  bool empty() const { return rules_.empty(); }
  const std::vector<ChangeKindRule>& rules() const { return rules_; }

  // The rule of a row with this process code: the successor line when the
  // row names a successor and the process has one, else the process's
  // line; nullptr for a process the table lacks (never after a load that
  // succeeded, for a code the importer accepts).
  const ChangeKindRule* rule_for(std::string_view process, bool has_successor) const;

  // True when name is the kind of some line.
  bool has_kind(std::string_view name) const;
  // The kinds, each once, in the table's order: "new, renamed, …".
  std::string kind_list() const;

 private:
  std::vector<ChangeKindRule> rules_;
};

// The name of a field a kind shows: the NTA's field name, or "address".
std::string_view shown_field_name(std::size_t field);

}  // namespace gifkit::registries::houjin
