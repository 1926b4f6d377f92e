// moji_read_nta.cpp — the National Tax Agency's JIS縮退マップ as tab-separated text: two header
// rows, a row per JIS X 0213 character (面区点, Unicode, JIS区分, コード変換, 文字列変換 ①–④,
// 備考), the map's own notes after the table skipped; a 類似字形 the 備考 names becomes a row of
// its own.
#include <algorithm>
#include <string>

#include "registries/moji/detail/moji_reading.hpp"

namespace gifkit::registries::moji::detail {

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
        alias.source = grammars::utf8_of(*cp);
        alias.replacement = row.source;
        alias.rule = NtaRule::similar;
        alias.note = row.note;
        rows.nta(alias);
      }
    }
  }
  return tally.counts();
}

}  // namespace gifkit::registries::moji::detail
