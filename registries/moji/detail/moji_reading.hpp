// detail/moji_reading.hpp — what the readers of the character files share
// (moji_read_mj.cpp, moji_read_jis.cpp, moji_read_nta.cpp, moji_sources.cpp):
// small parsers, a line reader, a CSV record reader, the row tally, and the
// readers of each format. Private to registries/moji.
#pragma once
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/csv_reader.hpp"
#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "registries/db/source_files.hpp"
#include "registries/moji/moji_sources.hpp"

namespace gifkit::registries::moji::detail {

inline bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

inline std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// A UTF-8 field that is one character (a code point, or a base and its
// selector): true when it is.
inline bool is_one_character(std::string_view text) {
  if (text.empty() || grammars::find_invalid_utf8(text) != std::string_view::npos) return false;
  grammars::TextUnitReader reader(text);
  grammars::TextUnit unit;
  if (!reader.next(unit) || reader.next(unit)) return false;
  return true;
}

// Reads lines of a stream (LF or CRLF; a BOM dropped), numbering them.
class LineReader {
 public:
  explicit LineReader(std::FILE* file) : file_(file) {}
  bool next(std::string& line) {
    line.clear();
    int c;
    bool any = false;
    while ((c = std::fgetc(file_)) != EOF) {
      any = true;
      if (c == '\n') break;
      line.push_back(static_cast<char>(c));
    }
    if (!any) return false;
    ++number_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    return true;
  }
  std::uint64_t number() const { return number_; }

 private:
  std::FILE* file_;
  std::uint64_t number_ = 0;
};

// The records of a CSV or TSV source; reader errors reject the record.
class Records {
 public:
  Records(SourceStream& source, char delimiter)
      : reader_(source.file(), source.display_name(), options(delimiter),
                [this](const grammars::CsvError& error) {
                  if (error_.empty()) error_ = error.message;
                }) {}
  bool next(grammars::CsvRecord& record) {
    error_.clear();
    return reader_.next(record);
  }
  const std::string& error() const { return error_; }

 private:
  static grammars::CsvOptions options(char delimiter) {
    grammars::CsvOptions options;
    options.delimiter = delimiter;
    options.encoding = grammars::Encoding::utf8;
    return options;
  }
  grammars::CsvReader reader_;
  std::string error_;
};

// Counts rows and reports rejected ones.
class Tally {
 public:
  Tally(const std::string& file, const RejectedRowHandler& on_rejected)
      : file_(file), on_rejected_(on_rejected) {}
  void accept() { ++counts_.rows; }
  void reject(std::uint64_t line, std::string reason) {
    ++counts_.rejected;
    if (on_rejected_) on_rejected_({file_, line, std::move(reason)});
  }
  MojiReadCounts counts() const { return counts_; }

 private:
  const std::string& file_;
  const RejectedRowHandler& on_rejected_;
  MojiReadCounts counts_;
};

// The column of each name in a header record, -1 when absent.
inline std::vector<int> bind_columns(const std::vector<std::string_view>& header,
                                     const std::vector<std::string_view>& names) {
  std::vector<int> at(names.size(), -1);
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view name = trim(header[i]);
    if (i == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);
    for (std::size_t n = 0; n < names.size(); ++n)
      if (name == names[n] && at[n] < 0) at[n] = static_cast<int>(i);
  }
  return at;
}

inline std::string_view field_at(const grammars::CsvRecord& record, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= record.fields.size()) return {};
  return trim(record.fields[column]);
}

// "3404_E0101" (or "3404") as UTF-8; "" when malformed.
inline std::string parse_mj_ucs(std::string_view text) {
  std::string sequence;
  std::size_t parts = 0;
  while (!text.empty()) {
    std::size_t underscore = text.find('_');
    auto cp = parse_code_point(text.substr(0, underscore), true);
    if (!cp) return {};
    if (parts > 0 && !grammars::is_variation_selector(*cp)) return {};
    grammars::append_utf8(sequence, *cp);
    ++parts;
    if (underscore == std::string_view::npos) break;
    text.remove_prefix(underscore + 1);
  }
  return parts == 0 || parts > 2 ? std::string() : sequence;
}

// The readers of each format (the source read from its start).
MojiReadCounts read_mj(SourceStream& source, bool ivs_table, MojiRowHandler& rows,
                       const RejectedRowHandler& on_rejected);
MojiReadCounts read_jisx0213(SourceStream& source, MojiRowHandler& rows,
                             const RejectedRowHandler& on_rejected);
MojiReadCounts read_set(SourceStream& source, const std::string& set_name, MojiRowHandler& rows,
                        const RejectedRowHandler& on_rejected);
MojiReadCounts read_nta_map(SourceStream& source, MojiRowHandler& rows,
                            const RejectedRowHandler& on_rejected);

// The member a set line names ("4E00", "4E00 # comment", "908A_E0102"), as
// UTF-8; "" when it names none.
std::string set_line_member(std::string_view line);

}  // namespace gifkit::registries::moji::detail
