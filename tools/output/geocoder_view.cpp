// geocoder_view.cpp — see geocoder_view.hpp. The field order, the nulls and
// the CSV quoting are those of abr-geocoder's formatters
// (src/interface/format/*-transform.ts): JSON.stringify of an object whose
// missing strings are null and whose rsdt_addr_flg, when undefined, is left
// out; CSV fields quoted only where it quotes them.
#include "tools/output/geocoder_view.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "grammars/text/utf8.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools {

namespace {

namespace abr = gifkit::registries::abr;

bool is_js_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

bool contains_any(std::string_view text, std::string_view characters) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = pos;
    grammars::decode_utf8(text, pos);
    if (characters.find(text.substr(start, pos - start)) != std::string_view::npos) return true;
  }
  return false;
}

bool has_ascii_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// abr-geocoder's DASH_SYMBOLS (config/constant-values.ts).
constexpr std::string_view kDashSymbols = "－-−‐‒–—─━―ーｰ⏤⎯﹘‑⁃﹣";
// The characters after which no space is put before the rest (its DASH and
// SPACE are its own stand-ins, '@' and '␣').
constexpr std::string_view kNoSpaceAfter = "号番通条町街丁階線F@␣";

// The UTF-16 units of text, full-width letters and digits as ASCII.
std::u32string score_units(std::string_view text) {
  std::u32string units;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = grammars::decode_utf8(text, pos);
    if ((c >= U'０' && c <= U'９') || (c >= U'Ａ' && c <= U'Ｚ') || (c >= U'ａ' && c <= U'ｚ'))
      c -= 0xFEE0;
    if (c > 0xFFFF) {
      units.push_back(0xD800 + ((c - 0x10000) >> 10));
      units.push_back(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      units.push_back(c);
    }
  }
  return units;
}

std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1), next(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    next[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      next[j] = std::min({next[j - 1] + 1, row[j] + 1, row[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(row, next);
  }
  return row[b.size()];
}

// Runs of ' ' as one (JavaScript's / +/g).
std::string single_spaced(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

std::string joined_numbers(std::initializer_list<std::string_view> parts,
                           std::string_view separator, bool stop_at_empty) {
  std::string out;
  for (std::string_view part : parts) {
    if (part.empty()) {
      if (stop_at_empty) break;
      continue;
    }
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// The numbers of the address's place as abr-geocoder writes them.
std::string numbers_of(const abr::NormalizedAddress& r) {
  if (r.match_level == abr::MatchLevel::parcel)
    return joined_numbers({r.prc_num1, r.prc_num2, r.prc_num3}, "-", true);
  return joined_numbers({r.blk_num, r.rsdt_num, r.rsdt_num2}, "-", false);
}

// A JSON member "name":value, null when value is empty.
void text_or_null(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":";
  if (value.empty()) {
    out += "null";
  } else {
    append_json_string(out, value);
  }
}

// The members of a result from "output" on (abr-geocoder's order), without
// the braces; the first with no comma.
void result_members(std::string& out, const abr::NormalizedAddress& r, const abr::PlaceIds& ids,
                    std::string_view output, double score) {
  out += "\"output\":";
  append_json_string(out, output);
  out += ",\"others\":[";
  std::string_view others = js_trimmed(r.others);
  if (!others.empty()) append_json_string(out, others);
  out += "],\"score\":";
  append_json_number(out, score);
  out += ",\"match_level\":";
  append_json_string(out, abr::match_level_name(r.match_level));
  out += ",\"coordinate_level\":";
  append_json_string(out, geocoder_coordinate_level(r));
  out += ",\"lat\":";
  append_json_number(out, r.point.known ? r.point.lat : NAN);
  out += ",\"lon\":";
  append_json_number(out, r.point.known ? r.point.lon : NAN);
  text_or_null(out, "lg_code", r.lg_code);
  text_or_null(out, "machiaza_id", r.machiaza_id);
  if (ids.rsdt_addr_flg) out += ",\"rsdt_addr_flg\":" + std::to_string(*ids.rsdt_addr_flg);
  text_or_null(out, "blk_id", ids.blk_id);
  text_or_null(out, "rsdt_id", ids.rsdt_id);
  text_or_null(out, "rsdt2_id", ids.rsdt2_id);
  text_or_null(out, "prc_id", ids.prc_id);
  text_or_null(out, "pref", r.pref);
  text_or_null(out, "county", r.county);
  text_or_null(out, "city", r.city);
  text_or_null(out, "ward", r.ward);
  text_or_null(out, "oaza_cho", r.oaza_cho);
  text_or_null(out, "chome", r.chome);
  text_or_null(out, "koaza", r.koaza);
  text_or_null(out, "blk_num", r.blk_num);
  text_or_null(out, "rsdt_num", r.rsdt_num);
  text_or_null(out, "rsdt_num2", r.rsdt_num2);
  text_or_null(out, "prc_num1", r.prc_num1);
  text_or_null(out, "prc_num2", r.prc_num2);
  text_or_null(out, "prc_num3", r.prc_num3);
}

std::string json_record(std::string_view input, const abr::NormalizedAddress& r,
                        const abr::PlaceIds& ids, std::string_view output, double score) {
  std::string out = "{\"query\":{\"input\":";
  append_json_string(out, input);
  out += "},\"result\":{";
  result_members(out, r, ids, output, score);
  out += "}}";
  return out;
}

std::string feature(std::string_view input, const abr::NormalizedAddress& r,
                    const abr::PlaceIds& ids, std::string_view output, double score) {
  std::string out = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[";
  append_json_number(out, r.point.known ? r.point.lon : NAN);
  out += ',';
  append_json_number(out, r.point.known ? r.point.lat : NAN);
  out += "]},\"properties\":{\"input\":";
  append_json_string(out, input);
  out += ',';
  result_members(out, r, ids, output, score);
  out += "}}";
  return out;
}

// abr-geocoder's quoting of its input column: each run of one or two '"'
// doubled to two, the whole in quotes.
std::string csv_input(std::string_view input) {
  std::string out = "\"";
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '"') {
      out += "\"\"";
      if (i + 1 < input.size() && input[i + 1] == '"') ++i;
    } else {
      out += input[i];
    }
  }
  return out + "\"";
}

std::string csv_quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string number_text(bool known, double value) {
  if (!known) return "";
  std::string out;
  append_json_number(out, value);
  return out;
}

std::string csv_answer(std::string_view input, const abr::NormalizedAddress& r,
                       const abr::PlaceIds& ids, std::string_view output, double score) {
  std::string others(js_trimmed(r.others));
  std::vector<std::string> row = {csv_input(input),
                                  csv_quoted(output),
                                  others.empty() ? "" : csv_quoted(others),
                                  number_text(true, score),
                                  std::string(abr::match_level_name(r.match_level)),
                                  std::string(geocoder_coordinate_level(r)),
                                  number_text(r.point.known, r.point.lat),
                                  number_text(r.point.known, r.point.lon),
                                  csv_quoted(r.lg_code),
                                  csv_quoted(r.machiaza_id),
                                  ids.rsdt_addr_flg ? std::to_string(*ids.rsdt_addr_flg) : "",
                                  ids.blk_id,
                                  ids.rsdt_id,
                                  ids.rsdt2_id,
                                  ids.prc_id,
                                  r.pref,
                                  r.county,
                                  r.city,
                                  r.ward,
                                  r.oaza_cho,
                                  r.chome,
                                  r.koaza,
                                  r.blk_num,
                                  r.rsdt_num,
                                  r.rsdt_num2,
                                  r.prc_num1,
                                  r.prc_num2,
                                  r.prc_num3};
  std::string out =
      "input,output,others,score,match_level,coordinate_level,lat,lon,lg_code,machiaza_id,"
      "rsdt_addr_flg,blk_id,rsdt_id,rsdt2_id,prc_id,pref,county,city,ward,oaza_cho,chome,koaza,"
      "blk_num,rsdt_num,rsdt_num2,prc_num1,prc_num2,prc_num3\n";
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    out += row[i];
  }
  return out + "\n";
}

}  // namespace

std::optional<GeocoderFormat> geocoder_format(std::string_view name) {
  static constexpr std::pair<std::string_view, GeocoderFormat> kNames[] = {
      {"json", GeocoderFormat::json},           {"csv", GeocoderFormat::csv},
      {"geojson", GeocoderFormat::geojson},     {"ndjson", GeocoderFormat::ndjson},
      {"ndgeojson", GeocoderFormat::ndgeojson}, {"simplified", GeocoderFormat::simplified}};
  for (const auto& [text, format] : kNames)
    if (text == name) return format;
  return std::nullopt;
}

std::string_view geocoder_media_type(GeocoderFormat format) {
  return format == GeocoderFormat::csv || format == GeocoderFormat::simplified ? "text/x-csv"
                                                                               : "application/json";
}

std::string_view js_trimmed(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t pos = begin;
    if (!is_js_space(grammars::decode_utf8(text, pos))) break;
    begin = pos;
  }
  text.remove_prefix(begin);
  // From the end: the last character starts at the last byte not 10xxxxxx.
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t pos = start;
    if (!is_js_space(grammars::decode_utf8(text, pos))) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

std::string geocoder_output(const abr::NormalizedAddress& r) {
  std::string out = r.pref + r.county + r.city + r.ward + r.oaza_cho + r.chome + r.koaza;
  const std::string numbers = numbers_of(r);
  out += numbers;
  const std::string_view other = js_trimmed(r.others);
  if (!other.empty()) {
    if (!contains_any(numbers, kNoSpaceAfter) && has_ascii_digit(numbers)) {
      const bool head_digit = other[0] >= '0' && other[0] <= '9';
      std::size_t pos = 0;
      grammars::decode_utf8(other, pos);
      const bool head_dash = kDashSymbols.find(other.substr(0, pos)) != std::string_view::npos;
      if (head_digit || !head_dash) out += ' ';
    }
    out += other;
  }
  out = single_spaced(out);
  // "丁目-N" → "丁目N".
  static constexpr std::string_view kChomeDash = "丁目-";
  for (std::size_t at = out.find(kChomeDash); at != std::string::npos;
       at = out.find(kChomeDash, at + 1)) {
    const std::size_t digit = at + kChomeDash.size();
    if (digit < out.size() && out[digit] >= '0' && out[digit] <= '9') out.erase(digit - 1, 1);
  }
  return std::string(js_trimmed(out));
}

double geocoder_score(std::string_view output, std::string_view input) {
  std::string spaced;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t start = pos;
    char32_t c = grammars::decode_utf8(input, pos);
    if (c == U' ' || c == U'\u3000') {
      if (spaced.empty() || spaced.back() != ' ') spaced += ' ';
    } else {
      spaced.append(input.substr(start, pos - start));
    }
  }
  const std::u32string a = score_units(output), b = score_units(spaced);
  const std::size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return NAN;
  const double invert = static_cast<double>(levenshtein(a, b)) / static_cast<double>(longest);
  return (100 - std::floor(invert * 100)) / 100;
}

std::string_view geocoder_coordinate_level(const abr::NormalizedAddress& r) {
  const std::string& from = r.coordinate_level;
  if (from == "residence") return "residential_detail";
  if (from == "block") return "residential_block";
  if (from == "parcel") return "parcel";
  if (from == "machiaza" || from == "machiaza_centroid")
    return r.chome.empty() && r.koaza.empty() ? "machiaza" : "machiaza_detail";
  if (from == "city") return "city";
  if (from == "prefecture") return "prefecture";
  return "unknown";
}

std::string geocoder_answer(GeocoderFormat format, std::string_view input,
                            const abr::NormalizedAddress& result, const abr::PlaceIds& ids) {
  const std::string output = geocoder_output(result);
  const double score = geocoder_score(output, input);
  switch (format) {
    case GeocoderFormat::json:
      return "[" + json_record(input, result, ids, output, score) + "]\n";
    case GeocoderFormat::ndjson:
      return json_record(input, result, ids, output, score) + "\n";
    case GeocoderFormat::geojson:
      return "{\"type\":\"FeatureCollection\", \"features\":[" +
             feature(input, result, ids, output, score) + "]}\n";
    case GeocoderFormat::ndgeojson:
      return feature(input, result, ids, output, score) + "\n";
    case GeocoderFormat::csv:
      return csv_answer(input, result, ids, output, score);
    case GeocoderFormat::simplified:
      return "input,output,score,match_level\n" + csv_input(input) + "," + csv_quoted(output) +
             "," + number_text(true, score) + "," +
             csv_quoted(abr::match_level_name(result.match_level)) + "\n";
  }
  return {};
}

}  // namespace gifkit::tools
