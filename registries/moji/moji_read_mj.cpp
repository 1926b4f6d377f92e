// moji_read_mj.cpp — the MJ table (mojikiban_moji.csv: mj, kanji, lines, yomi, shrink, jis) and its
// IVS table (mojikiban_moji_ivs.csv: mj, ucs "3404_E0101[;…]", …), columns bound by name.
#include <algorithm>
#include <string>

#include "registries/moji/detail/moji_reading.hpp"

namespace gifkit::registries::moji::detail {

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
    rows.mj(std::move(row));
    tally.accept();
  }
  return tally.counts();
}

}  // namespace gifkit::registries::moji::detail
