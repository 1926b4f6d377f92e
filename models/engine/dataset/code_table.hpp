// code_table.hpp — a user's own table of codes: the codes a system writes
// (a clinic's test code A0123) and the standard codes they stand for
// (J00-0001), as the Digital Agency's medical example has it. A mapping file
// names it for a column (column_mapping.hpp "codes"); transform then writes
// the standard code beside the column, or in its place (docs/transform.md
// "Code tables"). The table is a CSV, TSV or .xlsx file with a header row, or
// a JSON object written in the mapping file itself.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gifkit::models {

// Why a code table cannot be used; message is "FILE:LINE: what" (or
// "FILE: what" for the file as a whole).
struct CodeTableError {
  std::string message;
};

class CodeTable {
 public:
  // Reads file (CSV, TSV or an .xlsx's first sheet; UTF-8 or Shift_JIS):
  // a header row, then one code a row. columns names the header of the
  // codes read and of the standard codes; empty: the first two columns.
  // Throws CodeTableError: the file cannot be read, a named column is
  // missing, a row has no code, or a code is listed twice with two
  // different standard codes (written in either width: see key()).
  static CodeTable from_file(const std::filesystem::path& file,
                             const std::pair<std::string, std::string>& columns);
  // The table of pairs (code, standard code) written in a mapping file;
  // where names it in errors. Throws CodeTableError as from_file.
  static CodeTable from_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                              const std::string& where);

  // The standard code of code, or nullptr when the table does not list it.
  // A code listed with an empty standard code answers "". Codes are
  // compared as key() folds them.
  const std::string* find(std::string_view code) const;

  // Whether code is one of the standard codes the table gives (a value
  // already converted: transform on its own output leaves it).
  bool gives(std::string_view code) const { return standards_.count(key(code)) != 0; }

  // How codes are compared: spaces around trimmed, full-width letters,
  // digits and signs read as ASCII (Ａ０１２３ is A0123); case kept.
  static std::string key(std::string_view code);

  // What the table is called in messages: its file's name, or "the mapping's table".
  const std::string& name() const { return name_; }
  // The pairs as written (for a table written in the mapping file, saved back).
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }
  std::size_t size() const { return codes_.size(); }

 private:
  // Adds one pair read at where (FILE:LINE); throws on a conflict.
  void add(std::string code, std::string standard, const std::string& where);

  std::string name_;
  std::unordered_map<std::string, std::string> codes_;  // key(code) → standard code
  std::unordered_map<std::string, std::string> where_;  // key(code) → where it was read
  std::unordered_set<std::string> standards_;           // key() of every standard code
  std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace gifkit::models
