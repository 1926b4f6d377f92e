// moji_sources.cpp — see moji_sources.hpp. The CSV and TSV files are read
// with grammars' CsvReader (BOM, quoting, CRLF), the line formats (the JIS
// X 0213 mapping, the IMI sets) a line at a time.
#include "registries/moji/moji_sources.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <memory>

#include "grammars/csv_reader.hpp"
#include "grammars/text_units.hpp"
#include "grammars/utf8.hpp"
#include "registries/db/source_files.hpp"

namespace gifkit::registries::moji {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

constexpr std::array<std::pair<MojiKind, std::string_view>, 5> kKindNames = {{
    {MojiKind::mj, "moji-mj"},
    {MojiKind::mj_ivs, "moji-mj-ivs"},
    {MojiKind::jisx0213, "moji-jisx0213"},
    {MojiKind::set, "moji-set"},
    {MojiKind::nta_map, "moji-nta-map"},
}};

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string utf8_of(char32_t cp) {
  std::string text;
  grammars::append_utf8(text, cp);
  return text;
}

// A UTF-8 field that is one character (a code point, or a base and its
// selector): true when it is.
bool is_one_character(std::string_view text) {
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
std::vector<int> bind_columns(const std::vector<std::string_view>& header,
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

std::string_view field_at(const grammars::CsvRecord& record, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= record.fields.size()) return {};
  return trim(record.fields[column]);
}

// "3404_E0101" (or "3404") as UTF-8; "" when malformed.
std::string parse_mj_ucs(std::string_view text) {
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

MojiReadCounts read_mj(SourceStream& source, bool ivs_table, MojiRowHandler& rows,
                       const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  Records records(source, ',');
  grammars::CsvRecord record;
  if (!records.next(record)) throw NotCharacterSource(file + ": the file is empty");
  const std::string_view character_column = ivs_table ? "ucs" : "kanji";
  auto at = bind_columns(record.fields, {"mj", character_column, "lines", "yomi", "shrink", "jis"});
  if (at[0] < 0 || at[1] < 0) {
    throw NotCharacterSource(file + ": the header names no mj or " + std::string(character_column) +
                             " column");
  }
  while (records.next(record)) {
    if (record.malformed) {
      tally.reject(record.line, records.error().empty() ? "malformed record" : records.error());
      continue;
    }
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    MjRow row;
    std::string_view mj = field_at(record, at[0]);
    if (mj.starts_with("MJ")) mj.remove_prefix(2);
    auto number = parse_int(mj);
    if (!number || *number <= 0) {
      tally.reject(record.line, "mj '" + std::string(mj) + "' is not an MJ number");
      continue;
    }
    row.mj = *number;
    std::string_view character = field_at(record, at[1]);
    if (ivs_table) {
      std::string_view list = character;
      bool bad = false;
      while (!list.empty()) {
        std::size_t semicolon = list.find(';');
        std::string sequence = parse_mj_ucs(list.substr(0, semicolon));
        if (sequence.empty()) bad = true;
        row.sequences.push_back(sequence);
        if (semicolon == std::string_view::npos) break;
        list.remove_prefix(semicolon + 1);
      }
      if (bad || row.sequences.empty()) {
        tally.reject(record.line, "ucs '" + std::string(character) +
                                      "' is not a code point and selector (3404_E0101)");
        continue;
      }
    } else {
      if (!is_one_character(character)) {
        tally.reject(record.line, "kanji '" + std::string(character) +
                                      "' is not one character (a code point or a base and its "
                                      "variation selector)");
        continue;
      }
      row.sequences.emplace_back(character);
    }
    std::string_view strokes = field_at(record, at[2]);
    if (!strokes.empty()) {
      auto value = parse_int(strokes);
      if (!value || *value < 0) {
        tally.reject(record.line, "lines '" + std::string(strokes) + "' is not a stroke count");
        continue;
      }
      row.strokes = *value;
    }
    row.readings = field_at(record, at[3]);
    row.shrink = field_at(record, at[4]);
    if (grammars::find_invalid_utf8(row.shrink) != std::string_view::npos ||
        grammars::find_invalid_utf8(row.readings) != std::string_view::npos) {
      tally.reject(record.line, "shrink or yomi is not UTF-8");
      continue;
    }
    row.jis_counterpart = field_at(record, at[5]);
    if (!row.jis_counterpart.empty()) {
      auto position = parse_jis_position(row.jis_counterpart);
      if (!position) {
        tally.reject(record.line, "jis '" + row.jis_counterpart + "' is not a 面区点 (1-25-66)");
        continue;
      }
      row.jis_counterpart = position->text();
    }
    rows.mj(row);
    tally.accept();
  }
  return tally.counts();
}

// "0x2477", "0xA1A1" (plane 2 has the high bit) → its place.
std::optional<JisPosition> position_of_code(std::string_view text) {
  if (!text.starts_with("0x") || text.size() != 6) return std::nullopt;
  auto code = parse_code_point(text.substr(2), true);
  if (!code) return std::nullopt;
  JisPosition position;
  position.plane = (*code & 0x8000) != 0 ? 2 : 1;
  position.row = static_cast<int>((*code >> 8) & 0x7F) - 0x20;
  position.cell = static_cast<int>(*code & 0x7F) - 0x20;
  if (position.row < 1 || position.row > 94 || position.cell < 1 || position.cell > 94)
    return std::nullopt;
  return position;
}

// The code point after "marker U+" in a comment ("Fullwidth: U+FF0C").
std::optional<char32_t> alternate_after(std::string_view comment, std::string_view marker) {
  const std::size_t at = comment.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = comment.substr(at + marker.size());
  std::size_t end = 0;
  while (end < rest.size() && is_hex_digit(rest[end])) ++end;
  return parse_code_point(rest.substr(0, end), true);
}

MojiReadCounts read_jisx0213(SourceStream& source, MojiRowHandler& rows,
                             const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  LineReader lines(source.file());
  std::string line;
  while (lines.next(line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string_view text = line;
    std::size_t tab1 = text.find('\t');
    std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : text.find('\t', tab1 + 1);
    auto position = position_of_code(text.substr(0, tab1));
    if (!position || tab1 == std::string_view::npos) {
      tally.reject(lines.number(), "not a mapping line (0xXXXX<TAB>U+XXXX)");
      continue;
    }
    std::string_view ucs =
        text.substr(tab1 + 1, tab2 == std::string_view::npos ? tab2 : tab2 - tab1 - 1);
    std::string_view comment = tab2 == std::string_view::npos ? "" : text.substr(tab2 + 1);
    if (ucs.empty()) continue;  // <reserved>
    JisRow row;
    row.position = *position;
    bool bad = !ucs.starts_with("U+");
    ucs.remove_prefix(std::min<std::size_t>(2, ucs.size()));
    while (!bad && !ucs.empty()) {
      std::size_t plus = ucs.find('+');
      auto cp = parse_code_point(ucs.substr(0, plus), true);
      if (!cp)
        bad = true;
      else
        grammars::append_utf8(row.sequence, *cp);
      if (plus == std::string_view::npos) break;
      ucs.remove_prefix(plus + 1);
    }
    if (bad || row.sequence.empty()) {
      tally.reject(lines.number(), "the Unicode field is not U+XXXX or U+XXXX+XXXX");
      continue;
    }
    if (auto fullwidth = alternate_after(comment, "Fullwidth: U+"))
      row.alternates.push_back(*fullwidth);
    if (auto windows = alternate_after(comment, "Windows: U+")) row.alternates.push_back(*windows);
    if (position->plane == 2 || comment.find("[2000]") != std::string_view::npos) row.added = 2000;
    if (comment.find("[2004]") != std::string_view::npos) row.added = 2004;
    rows.jis(row);
    tally.accept();
  }
  return tally.counts();
}

// The value of `key: "value"` in an IMI header comment line, or "".
std::string header_value(std::string_view line, std::string_view key) {
  std::size_t at = line.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + key.size());
  std::size_t open = rest.find('"');
  std::size_t close = open == std::string_view::npos ? open : rest.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return std::string(rest.substr(open + 1, close - open - 1));
}

// The member a set line names ("4E00", "4E00 # comment", "908A_E0102"), as
// UTF-8; "" when it names none.
std::string set_line_member(std::string_view line) {
  std::string_view token = trim(line.substr(0, line.find_first_of(" \t#")));
  if (token.starts_with("U+") || token.starts_with("u+")) token.remove_prefix(2);
  return parse_mj_ucs(token);
}

MojiReadCounts read_set(SourceStream& source, const std::string& set_name, MojiRowHandler& rows,
                        const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  LineReader lines(source.file());
  SetInfo info;
  info.name = set_name;
  bool announced = false;
  std::string line;
  while (lines.next(line)) {
    std::string_view text = trim(line);
    if (text.empty()) continue;
    if (text[0] == '#') {
      if (!announced) {
        if (info.uri.empty()) info.uri = header_value(text, "参照 URI:");
        if (info.title.empty()) info.title = header_value(text, "名称:");
      }
      continue;
    }
    if (!announced) {
      rows.set(info);
      announced = true;
    }
    std::string member = set_line_member(text);
    if (member.empty()) {
      tally.reject(lines.number(), "'" + std::string(text.substr(0, 40)) +
                                       "' is not a hex code point (4E00) or a code point and "
                                       "selector (908A_E0102)");
      continue;
    }
    rows.set_member(set_name, member);
    tally.accept();
  }
  if (!announced) rows.set(info);
  return tally.counts();
}

// "u+3000" or "u+304B u+309A" as UTF-8; "" when malformed.
std::string parse_nta_unicode(std::string_view text) {
  std::string sequence;
  while (!text.empty()) {
    std::size_t space = text.find(' ');
    auto cp = parse_code_point(text.substr(0, space));
    if (!cp) return {};
    grammars::append_utf8(sequence, *cp);
    if (space == std::string_view::npos) break;
    text = trim(text.substr(space + 1));
  }
  return sequence;
}

MojiReadCounts read_nta_map(SourceStream& source, MojiRowHandler& rows,
                            const RejectedRowHandler& on_rejected) {
  const std::string& file = source.display_name();
  Tally tally(file, on_rejected);
  Records records(source, '\t');
  grammars::CsvRecord record;
  // Two header rows: the groups, then the columns (面区点コード, Unicode, …).
  bool header_seen = false;
  while (!header_seen && records.next(record))
    header_seen = !record.fields.empty() && trim(record.fields[0]) == "面区点コード";
  if (!header_seen)
    throw NotCharacterSource(file + ": no header row starting 面区点コード (the JIS縮退マップ's)");
  while (records.next(record)) {
    if (record.malformed) {
      tally.reject(record.line, records.error().empty() ? "malformed record" : records.error());
      continue;
    }
    // The notes after the table (JIS縮退マップについて …) are rows of one field.
    if (record.fields.size() < 7) continue;
    NtaRow row;
    std::string_view place = field_at(record, 0);
    if (!place.empty()) {
      row.position = parse_jis_position(place);
      if (!row.position) {
        tally.reject(record.line, "面区点コード '" + std::string(place) + "' is not a 面区点");
        continue;
      }
    }
    row.source = parse_nta_unicode(field_at(record, 1));
    if (row.source.empty()) {
      tally.reject(record.line, "Unicode '" + std::string(field_at(record, 1)) + "' is not u+XXXX");
      continue;
    }
    row.kubun = field_at(record, 3);
    row.note = field_at(record, 16);
    std::string string_replacement;
    bool bad = false;
    for (int column = 11; column <= 14; ++column) {
      std::string_view unicode = field_at(record, column);
      if (unicode.empty()) continue;
      std::string part = parse_nta_unicode(unicode);
      if (part.empty()) bad = true;
      string_replacement += part;
    }
    std::string code_replacement = parse_nta_unicode(field_at(record, 5));
    if (bad || (!field_at(record, 5).empty() && code_replacement.empty())) {
      tally.reject(record.line, "a replacement is not u+XXXX");
      continue;
    }
    if (!string_replacement.empty()) {
      row.rule = NtaRule::string;
      row.replacement = string_replacement;
    } else if (!code_replacement.empty()) {
      row.rule = NtaRule::code;
      row.replacement = code_replacement;
    }
    rows.nta(row);
    tally.accept();
    // 類似字形u+2014は本文字に変換する: U+2014 is converted to this character.
    constexpr std::string_view kSimilar = "類似字形";
    std::size_t similar = row.note.find(kSimilar);
    if (similar != std::string::npos) {
      std::string_view rest = std::string_view(row.note).substr(similar + kSimilar.size());
      std::size_t end = 2;
      while (end < rest.size() && is_hex_digit(rest[end])) ++end;
      if (auto cp = parse_code_point(rest.substr(0, end))) {
        NtaRow alias;
        alias.source = utf8_of(*cp);
        alias.replacement = row.source;
        alias.rule = NtaRule::similar;
        alias.note = row.note;
        rows.nta(alias);
      }
    }
  }
  return tally.counts();
}

}  // namespace

std::string JisPosition::text() const {
  return std::to_string(plane) + "-" + std::to_string(row) + "-" + std::to_string(cell);
}

std::optional<JisPosition> parse_jis_position(std::string_view text) {
  JisPosition position;
  int* parts[] = {&position.plane, &position.row, &position.cell};
  for (int i = 0; i < 3; ++i) {
    std::size_t dash = text.find('-');
    if ((i < 2) == (dash == std::string_view::npos)) return std::nullopt;
    auto value = parse_int(text.substr(0, dash));
    if (!value) return std::nullopt;
    *parts[i] = *value;
    if (dash != std::string_view::npos) text.remove_prefix(dash + 1);
  }
  if (position.plane < 1 || position.plane > 2 || position.row < 1 || position.row > 94 ||
      position.cell < 1 || position.cell > 94)
    return std::nullopt;
  return position;
}

int jis_level(const JisPosition& position) {
  if (position.plane == 2) return 4;
  const int row = position.row;
  const int cell = position.cell;
  if (row <= 13) return 0;
  if (row >= 16 && (row < 47 || (row == 47 && cell <= 51))) return 1;
  if (row >= 48 && (row < 84 || (row == 84 && cell <= 6))) return 2;
  return 3;
}

std::string_view kind_name(MojiKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "";
}

std::optional<MojiKind> parse_kind(std::string_view name) {
  for (const auto& [kind, n] : kKindNames)
    if (n == name) return kind;
  return std::nullopt;
}

std::string_view nta_rule_name(NtaRule rule) {
  switch (rule) {
    case NtaRule::code:
      return "code";
    case NtaRule::string:
      return "string";
    case NtaRule::similar:
      return "similar";
    case NtaRule::none:
      break;
  }
  return "none";
}

std::string mj_name(std::int64_t mj) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "MJ%06lld", static_cast<long long>(mj));
  return buffer;
}

std::optional<std::int64_t> parse_mj_name(std::string_view text) {
  if (text.size() < 3 || (text[0] != 'M' && text[0] != 'm') || (text[1] != 'J' && text[1] != 'j'))
    return std::nullopt;
  text.remove_prefix(2);
  if (text.size() > 9) return std::nullopt;
  auto value = parse_int(text);
  if (!value || *value <= 0) return std::nullopt;
  return *value;
}

std::optional<char32_t> parse_code_point(std::string_view text, bool bare) {
  if (text.starts_with("U+") || text.starts_with("u+")) {
    text.remove_prefix(2);
  } else if (!bare) {
    return std::nullopt;
  }
  if (text.empty() || text.size() > 6) return std::nullopt;
  for (char c : text)
    if (!is_hex_digit(c)) return std::nullopt;
  unsigned long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (value > 0x10FFFF) return std::nullopt;
  return static_cast<char32_t>(value);
}

std::string set_name_of(std::string_view file_name) {
  std::size_t slash = file_name.find_last_of("/:");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  return std::string(file_name.substr(0, dot));
}

MojiKindGuess detect_moji_kind(SourceStream& source) {
  std::string head(kSniffBytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), source.file()));
  if (head.starts_with("\xEF\xBB\xBF")) head.erase(0, 3);
  std::string_view text = head;
  MojiKindGuess guess;
  // The first line that is not blank or a comment.
  std::string_view first;
  bool comments = false;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      comments = true;
      continue;
    }
    first = line;
    break;
  }
  if (first.starts_with("mj,kanji,") || first == "mj,kanji")
    guess.kind = MojiKind::mj;
  else if (first.starts_with("mj,ucs"))
    guess.kind = MojiKind::mj_ivs;
  else if (first.starts_with("0x") && first.find("\tU+") == 6)
    guess.kind = MojiKind::jisx0213;
  else if (first.starts_with("変換元の文字") || first.starts_with("面区点コード\tUnicode"))
    guess.kind = MojiKind::nta_map;
  else if (!first.empty() && !set_line_member(first).empty() && (comments || first.size() <= 12))
    guess.kind = MojiKind::set;
  if (!guess.kind) {
    std::string shown(first.substr(0, 60));
    guess.seen = first.empty() ? "the file holds no data line"
                               : "the first line is '" + shown + (first.size() > 60 ? "…'" : "'");
  }
  return guess;
}

MojiReadCounts read_moji_source(SourceStream& source, MojiKind kind, const std::string& set_name,
                                MojiRowHandler& rows, const RejectedRowHandler& on_rejected) {
  switch (kind) {
    case MojiKind::mj:
      return read_mj(source, false, rows, on_rejected);
    case MojiKind::mj_ivs:
      return read_mj(source, true, rows, on_rejected);
    case MojiKind::jisx0213:
      return read_jisx0213(source, rows, on_rejected);
    case MojiKind::set:
      return read_set(source, set_name, rows, on_rejected);
    case MojiKind::nta_map:
      return read_nta_map(source, rows, on_rejected);
  }
  return {};
}

}  // namespace gifkit::registries::moji
