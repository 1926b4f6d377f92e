// crosswalk.hpp — the item correspondences between the three machine-readable
// releases of the GIF core data model (2022 CSV catalogs, 2024 XSD, 2025 XSD),
// read from models/crosswalks/gif-releases.tsv (its header comment says the
// format). One function reads the file (read_crosswalk); relations between any
// two releases are derived from the rows (relation_between), the relations the
// file states for adjacent releases are checked against them by the unit test
// (test_crosswalk.cpp). Used by `gifkit model diff` and by transform's
// conversion of an earlier release's columns (release_columns.hpp).
#pragma once
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::models {

// The releases, oldest first; an index into CrosswalkRow's arrays.
inline constexpr std::array<std::string_view, 3> kGifReleases = {"2022", "2024", "2025"};
// The index of a release ("2022" → 0), or nullopt for no GIF release.
std::optional<std::size_t> release_index(std::string_view release);

enum class CrossRelation { same, renamed, moved, split, merged, removed, added, none };
std::string_view cross_relation_name(CrossRelation relation);  // "same", …, "-" for none
std::optional<CrossRelation> parse_cross_relation(std::string_view name);

// Whether a value of the item carries over to the 2025 item: unchanged
// (carry), if the 2025 item's checks pass or certainly fix it (check: the same
// meaning in another form, a code list), or only by a person (review).
enum class ValueCarry { carry, check, review, none };
std::string_view value_carry_name(ValueCarry value);  // "carry", "check", "review", "-"

struct CrosswalkRow {
  bool is_class = false;                // a class line (else an item line)
  std::array<std::string, 3> classes;   // per release; "" when the release has none
  std::array<std::string, 3> items;     // per release, item lines only; "" when none
  std::array<CrossRelation, 2> stated;  // 2022 → 2024, 2024 → 2025, as the file says
  ValueCarry value = ValueCarry::none;
  std::string note;
  int line = 0;  // in the file

  bool present(std::size_t release) const { return !classes[release].empty(); }
  // "Class.item" (or "Class" for a class line); "" when absent.
  std::string qualified(std::size_t release) const;
};

// Why the file cannot be used: "FILE:LINE:COLUMN: what was expected".
struct CrosswalkError {
  std::string message;
};

class Crosswalk {
 public:
  const std::vector<CrosswalkRow>& rows() const { return rows_; }
  const std::string& file() const { return file_; }

  // The class of release `to` that class `name` of release `from` became
  // (or came from); "" when none.
  std::string counterpart_class(std::size_t from, std::size_t to, std::string_view name) const;

  // The relation of row's item (or class) from release `from` to release
  // `to` (from ≠ to, either order), derived from the rows: absent on one
  // side → added/removed; one source with several targets → split; several
  // sources of one class with one target → merged; a target outside the
  // counterpart class → moved; else renamed or same by the names.
  CrossRelation relation_between(const CrosswalkRow& row, std::size_t from, std::size_t to) const;

  // The item lines of class `name` in release `release` (any row naming it), in file order.
  std::vector<const CrosswalkRow*> item_rows_of(std::size_t release, std::string_view name) const;

  // The item line whose release cell is "Class.item" (the first, for a split), or nullptr.
  const CrosswalkRow* find_item(std::size_t release, std::string_view class_name,
                                std::string_view item) const;

 private:
  friend Crosswalk read_crosswalk(const std::filesystem::path& file);
  CrossRelation forward_relation(const CrosswalkRow& row, std::size_t from, std::size_t to) const;
  std::vector<CrosswalkRow> rows_;
  std::string file_;
};

// Reads a crosswalk file (format: the header comment of models/crosswalks/gif-releases.tsv).
// Throws CrosswalkError for a file that cannot be read, a line without 8 columns, an
// unknown kind, relation or value, or a cell that is not "Class" / "Class.item" / "-".
Crosswalk read_crosswalk(const std::filesystem::path& file);

// Where the shipped crosswalk lives below a models folder.
std::filesystem::path crosswalk_path(const std::filesystem::path& models_dir);

}  // namespace gifkit::models
