// chars_check.hpp — `gifkit chars check` and `chars shrink` as library
// functions (the command and the service call them), beside validate,
// transform and diff; the character data itself (sets, what a character is,
// the shrink choice per character) is registries/moji/'s. Any CSV/TSV or
// plain-text file, or a workbook's sheet (check only: shrink cannot rewrite
// a workbook), read record by record through the one dataset reader
// (models/engine/dataset/dataset_reader.hpp, with raw records); every
// character outside a set found with its place (file, line, row, column,
// its position in the field or line) and what it is (code points, MJ
// numbers, issue) and how it would be replaced (registries/moji/shrink.hpp), each distinct
// character analysed once; shrink writes the input with every unique
// replacement made, a log line per changed value keeping the original, and
// a review line per character that needs a person.
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammars/io/text_records.hpp"
#include "models/engine/checks/individual_number.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/moji/character_set.hpp"
#include "registries/moji/shrink.hpp"

namespace gifkit::models {

struct TextCheckOptions {
  // How each file is read: its layout (automatic: by file name), encoding, a
  // workbook's sheet (its name or 1-based number; "": the first) and the
  // caps on what reading a workbook may cost. Read with raw records always.
  DatasetReadOptions reading;
  // CSV/TSV: the columns to check, by header name or 1-based number; empty:
  // every column. The header row itself is checked only when every column is.
  std::vector<std::string> columns;
  // Called now and then with the bytes read of the current file and its size
  // (0 when unknown: stdin).
  std::function<void(std::uint64_t read, std::uint64_t size)> progress;
  // The header names of 個人番号 (chars shrink: such a column is copied
  // masked); null: columns are judged by their values only.
  const IndividualNumberHeaders* individual_number_headers = nullptr;
};

// Where a character is.
struct CharacterPlace {
  std::string file;
  std::uint64_t line = 0;    // physical line (1-based)
  std::uint64_t row = 0;     // CSV/TSV: record number (the header is 1); 0 for text
  std::uint32_t field = 0;   // CSV/TSV: 1-based field number; 0 for text
  std::string column;        // CSV/TSV: the header's name of the field
  std::string cell;          // a workbook: the cell ("B12"; line is then the sheet row)
  std::size_t position = 0;  // 1-based place among the characters of the field (or line)
};

// A distinct character outside the set: what it is, how it is replaced, how
// often it was seen and where first.
struct OffendingCharacter {
  std::string text;              // UTF-8 (the unit; for invalid bytes the bytes)
  std::string code_points;       // "U+908A U+E0102"; for invalid bytes "bytes 82 A0"
  std::vector<std::int64_t> mj;  // its MJ numbers (of its base when mj_of_base)
  bool mj_of_base = false;
  bool has_selector = false;        // a base with a variation selector
  bool selector_not_in_mj = false;  // … that no MJ character is
  std::string issue;  // what is wrong beyond the set: "a control character", …; "" when none
  registries::moji::ShrinkChoice choice;
  std::uint64_t count = 0;
  CharacterPlace first;
};

// Where the findings go.
class TextCheckSink {
 public:
  virtual ~TextCheckSink() = default;
  // A character outside the set at place: unit is its text there (for
  // invalid bytes: those bytes), value the field (or line) it is in.
  virtual void character(const CharacterPlace& place, const OffendingCharacter& character,
                         std::string_view unit, std::string_view value) = 0;
  // A problem of the input (a file that cannot be read: line 0; bytes that are
  // not of the encoding; a malformed CSV record).
  virtual void problem(const std::string& file, std::uint64_t line, const std::string& message) = 0;
};

struct TextCheckTotals {
  std::uint64_t files = 0;       // read
  std::uint64_t unreadable = 0;  // could not be opened
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;     // lines, or CSV records
  std::uint64_t characters = 0;  // characters outside the set, all of them
  std::uint64_t problems = 0;
  std::uint64_t unknown_columns = 0;  // files whose header lacks a --column (not checked)
};

// Scans files for the characters a set does not hold. One per run: it keeps
// the distinct characters (their analysis is done once).
class TextChecker {
 public:
  TextChecker(const registries::moji::CharacterData& data,
              const registries::moji::CharacterSet& set, TextCheckOptions options);
  ~TextChecker();

  // Checks one file ("-": stdin). Returns false when it could not be opened
  // (reported to sink as a problem with line 0).
  bool check_file(const std::string& path, TextCheckSink& sink);

  const TextCheckTotals& totals() const { return totals_; }
  // The distinct characters found, in the order first seen.
  std::vector<const OffendingCharacter*> distinct() const;

  const registries::moji::CharacterSet& set() const { return set_; }
  // The encoding the last file was read in (detected, or the one given).
  grammars::Encoding last_encoding() const { return last_encoding_; }

 protected:
  // A character outside the set found in a record: in field (0-based; 0 for
  // text), at offset in the field's value, length bytes, position-th character.
  struct Found {
    std::size_t field = 0;
    std::size_t offset = 0;
    std::size_t length = 0;
    std::size_t position = 0;
    const OffendingCharacter* character = nullptr;
  };
  // Called once a file is open, before its first record; false stops the
  // file there (the override told sink why). The default reads every file.
  virtual bool on_open(const DatasetReader& reader, const std::string& file, TextCheckSink& sink);
  // Called for every record read, after its characters were reported, with
  // them; the default does nothing (shrink writes the record).
  virtual void on_record(const grammars::TextRecord& record, const std::vector<Found>& found,
                         const std::string& file);
  // True (the default) when on_record need not see the records of plain
  // text that hold nothing outside the set: read_file then scans whole blocks
  // of lines and makes records only of the lines where the kernel stops.
  virtual bool scans_whole_lines() const { return true; }
  // Reads path; false when it cannot be opened.
  bool read_file(const std::string& path, TextCheckSink& sink);
  bool had_bom_ = false;  // of the file being read (valid from the first record)
  grammars::Encoding last_encoding_ = grammars::Encoding::utf8;

 private:
  // The characters outside the set in one value, added to found.
  void find_outside(std::string_view value, std::size_t field, std::vector<Found>& found);
  // Reports the characters found in record to sink, each with its place.
  void report(const grammars::TextRecord& record, const std::vector<Found>& found,
              const std::string& path, bool tabular, bool workbook, const DatasetReader& reader,
              TextCheckSink& sink);
  // Plain-text lines at once: the kernel runs over them; each line where it
  // stops becomes record and is checked (check_record()); records counts
  // every line.
  template <class CheckRecord>
  void scan_lines(const grammars::TextLines& lines, grammars::TextRecord& record,
                  CheckRecord& check_record, std::uint64_t& records);
  // The analysis of a unit (done once per distinct text).
  OffendingCharacter& analyse(std::string_view unit_text, const grammars::TextUnit& unit);
  // Binds --column to the header; false (a problem) when one is not there.
  bool bind_columns(const std::vector<std::string>& header, const std::string& file,
                    TextCheckSink& sink);
  bool field_checked(std::size_t field) const {
    return checked_fields_.empty() || (field < checked_fields_.size() && checked_fields_[field]);
  }

  const registries::moji::CharacterData& data_;
  const registries::moji::CharacterSet& set_;
  TextCheckOptions options_;
  TextCheckTotals totals_;
  std::unordered_map<std::string, std::unique_ptr<OffendingCharacter>> characters_;
  std::vector<const OffendingCharacter*> order_;
  std::vector<bool> checked_fields_;  // of the current file; empty: every field
  bool header_checked_ = true;
  std::vector<std::string> header_;                           // of the current file (CSV/TSV)
  grammars::TextLayout layout_ = grammars::TextLayout::text;  // of the current file

 protected:
  const std::vector<std::string>& header() const { return header_; }
  grammars::TextLayout layout() const { return layout_; }
  const TextCheckOptions& options() const { return options_; }
};

// One changed value, for the change log.
struct ShrinkChange {
  CharacterPlace place;  // position: of the first change in the value
  std::string original;  // the value as it was
  std::string shrunk;    // as written
  // Each replacement: its position in the value, from, to, the rule and what gave it.
  struct Replacement {
    std::size_t position = 0;
    std::string from;
    std::string to;
    registries::moji::ShrinkRule rule = registries::moji::ShrinkRule::mj_shrink;
    std::string source;
  };
  std::vector<Replacement> replacements;
};

// Where shrink's log and review go.
class ShrinkSink : public TextCheckSink {
 public:
  virtual void change(const ShrinkChange& change) = 0;
};

struct ShrinkTotals {
  std::uint64_t replaced = 0;  // characters replaced
  std::uint64_t review = 0;    // characters left for review
  std::uint64_t values_changed = 0;
  std::uint64_t masked = 0;  // values or lines written with a 個人番号 masked
};

// Writes one file with every unique replacement made; everything else
// (other characters, quoting, line ends, a BOM) as it was. The output is
// UTF-8. A CSV/TSV record the reader reports as malformed cannot be copied
// byte for byte: shrink_file then refuses the file (false, a problem) and the
// caller must not keep the output.
class TextShrinker : public TextChecker {
 public:
  TextShrinker(const registries::moji::CharacterData& data,
               const registries::moji::CharacterSet& set, TextCheckOptions options);
  // Shrinks path into out; changes and review go to sink. False when the
  // file could not be read whole (sink told why).
  bool shrink_file(const std::string& path, std::ostream& out, ShrinkSink& sink);
  const ShrinkTotals& shrink_totals() const { return shrink_totals_; }

 private:
  bool scans_whole_lines() const override;
  bool on_open(const DatasetReader& reader, const std::string& file, TextCheckSink& sink) override;
  void on_record(const grammars::TextRecord& record, const std::vector<Found>& found,
                 const std::string& file) override;
  // Which fields of a record (tabular) are copied masked: the one rule of a
  // value read once (mask_streamed_value), per column of the file.
  void find_masks(const grammars::TextRecord& record);

  std::ostream* out_ = nullptr;
  ShrinkSink* sink_ = nullptr;
  bool refused_ = false;
  bool first_record_ = true;
  ShrinkTotals shrink_totals_;
  std::vector<IndividualNumberColumn> number_columns_;  // per column of the current file
  std::vector<char> named_columns_;                     // per column: its header names 個人番号
  std::vector<std::string> masked_;                     // per field of the record: its value masked
  std::vector<char> is_masked_;                         // per field: masked_ holds it
};

}  // namespace gifkit::models
