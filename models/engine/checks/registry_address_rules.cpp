// registry_address_rules.cpp — the Address Base Registry's part of
// RegistryRules (registry_rules.hpp): the codes of a row (全国地方公共団体コード,
// 町字ID) looked up and compared with the 都道府県 / 市区町村 / 町字 / 郵便番号
// written beside them, and a written address (a one-line 住所, 都道府県 +
// 市区町村 + 町字以下, the four items) normalized with the ABR: it must reach
// a registered 町字 and number where the ABR has them, agree with the codes
// and postal code beside it, and write 番地以下 in the DS-442 form.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "grammars/dictionaries/place_qualifiers.hpp"
#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/values/geo.hpp"
#include "models/engine/checks/address_self.hpp"
#include "models/engine/checks/registry_rules.hpp"
#include "models/engine/checks/value_checks.hpp"

namespace gifkit::models {
namespace {

using namespace registry_codes;

// An address part folded for comparison: widths and dashes, spaces removed,
// a leading 大字 or 字 dropped (people write 大字池島 and 池島 alike).
std::string fold_address_part(std::string_view utf8) {
  std::string folded = grammars::fold_width_and_dashes(utf8);
  std::erase_if(folded, [](char c) { return c == ' ' || c == '\t'; });
  return std::string(grammars::place_qualifiers().without_qualifier(folded));
}

// The registered forms a row's value of `with` may take ("" entries left
// out): a city with and without its 郡, a town with its 丁目 in kanji
// (二丁目, as the ABR writes it) or in digits (2丁目).
std::vector<std::string> registered_forms(RegisteredValue with, const RegisteredArea& area,
                                          const RegisteredTown& town) {
  std::vector<std::string> forms;
  switch (with) {
    case RegisteredValue::prefecture:
      forms.push_back(area.prefecture);
      break;
    case RegisteredValue::city:
      if (area.city.empty()) break;  // a prefecture's own code
      forms.push_back(area.county + area.city + area.ward);
      if (!area.county.empty()) forms.push_back(area.city + area.ward);
      break;
    case RegisteredValue::local_government_name:
      forms.push_back(area.prefecture + area.county + area.city + area.ward);
      if (!area.county.empty()) forms.push_back(area.prefecture + area.city + area.ward);
      break;
    case RegisteredValue::town:
      forms.push_back(town.oaza_cho + town.chome + town.koaza);
      if (!town.chome_number.empty())
        forms.push_back(town.oaza_cho + town.chome_number + "丁目" + town.koaza);
      break;
    default:
      break;
  }
  return forms;
}

bool is_block_char(char c) {
  return (c >= '0' && c <= '9') || c == '-';
}

// True when text holds tail with no digit or hyphen right before or after it
// ("白山2-1-2 ビル" holds "2-1-2"; "12-1-2" does not).
bool holds_number(std::string_view text, std::string_view tail) {
  for (std::size_t at = text.find(tail); at != std::string_view::npos;
       at = text.find(tail, at + 1)) {
    const bool starts = at == 0 || !is_block_char(text[at - 1]);
    const std::size_t end = at + tail.size();
    const bool ends = end == text.size() || !is_block_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

// The digits of a postal code as written (〒112-0001, １１２０００１ → 1120001).
std::string postal_digits(std::string_view written) {
  std::string digits = grammars::fold_width_and_dashes(written);
  std::erase_if(digits, [](char c) { return c < '0' || c > '9'; });
  return digits;
}

// An area's name as a report names it: 郡 + 市区町村 + 区 (焼津市), or the
// prefecture for a prefecture's own code.
std::string area_name(const RegisteredArea& area) {
  return area.city.empty() ? area.prefecture : area.county + area.city + area.ward;
}

std::string with_reason(std::string_view reason) {
  return reason.empty() ? std::string() : " (" + std::string(reason) + ")";
}

}  // namespace

void RegistryRules::check_address(const BoundCheck& check,
                                  const std::vector<std::string_view>& fields,
                                  const std::vector<std::uint8_t>& cell_has_problem,
                                  std::vector<RegistryFinding>& findings, bool& town_found) {
  const auto key = static_cast<std::size_t>(check.key_column);
  if (key >= fields.size() || fields[key].empty() || cell_has_problem[key]) return;
  auto not_in_registry = [&](int column, std::string value) {
    RegistryFinding finding;
    finding.code = kNotInRegistry;
    finding.column = column;
    finding.value = std::move(value);
    finding.values = {{"registry", addresses_.description()}, {"reason", ""}};
    findings.push_back(std::move(finding));
  };
  row_lg_code_.assign(fields[key]);
  row_machiaza_id_.clear();
  const bool looked_up_before = row_looked_up_;
  row_looked_up_ = true;
  if (!addresses_.find_area(fields[key], area_)) {
    not_in_registry(check.key_column, std::string(fields[key]));
    return;
  }
  const auto town_key = static_cast<std::size_t>(check.town_key_column);
  if (check.town_key_column >= 0 && town_key < fields.size() && !fields[town_key].empty() &&
      !cell_has_problem[town_key]) {
    town_found = addresses_.find_town(fields[key], fields[town_key], town_);
    row_machiaza_id_.assign(fields[town_key]);
    if (!town_found && !addresses_.holds_towns_of(fields[key])) {
      // The ABR is published per area: a registry without the 町字 of this
      // city cannot say whether the 町字ID is registered. Asked, not checked
      // (the row counts as not checked in the accuracy figures).
      row_looked_up_ = looked_up_before;
      row_not_checked_ = true;
      if (report_not_checked_) {
        RegistryFinding finding;
        finding.code = kNotChecked;
        finding.column = check.town_key_column;
        finding.value = std::string(fields[town_key]);
        finding.values = {{"registry", addresses_.description()},
                          {"reason", "the registry holds no 町字 of " + std::string(fields[key]) +
                                         " " + area_name(area_)}};
        findings.push_back(std::move(finding));
      }
    } else if (!town_found) {
      // The value as the dataset wrote it; the city it was looked up in, in the reason.
      RegistryFinding finding;
      finding.code = kNotInRegistry;
      finding.column = check.town_key_column;
      finding.value = std::string(fields[town_key]);
      finding.values = {{"registry", addresses_.description()},
                        {"reason", " (no such 町字 of " + std::string(fields[key]) + " " +
                                       area_name(area_) + ")"}};
      findings.push_back(std::move(finding));
    }
  }
  if (!report_mismatches_ && !report_inconsistent_) return;
  for (const BoundComparison& comparison : check.comparisons)
    compare_address(comparison, town_found, fields, findings);
}

void RegistryRules::compare_address(const BoundComparison& comparison, bool town_found,
                                    const std::vector<std::string_view>& fields,
                                    std::vector<RegistryFinding>& findings) {
  const bool needs_town =
      comparison.with == RegisteredValue::town || comparison.with == RegisteredValue::postal_code;
  if (needs_town && !town_found) return;
  join_cells(fields, comparison.columns, row_value_);
  if (row_value_.empty()) return;
  row_cross_checked_ = true;
  RegistryFinding finding;
  finding.column = comparison.columns.front();
  finding.field = comparison.field;
  if (comparison.with == RegisteredValue::postal_code) {
    if (!report_inconsistent_ || town_.postal_code.empty()) return;
    if (postal_digits(row_value_) == town_.postal_code) return;
    finding.code = kInconsistent;
    finding.value = row_value_;
    finding.suggestion = town_.postal_code;
    finding.values = {{"reason", "is not the postal code of the 町字 " + town_.oaza_cho +
                                     town_.chome + town_.koaza + " (the ABR gives " +
                                     town_.postal_code + ")"}};
    findings.push_back(std::move(finding));
    return;
  }
  if (!report_mismatches_) return;
  const std::vector<std::string> forms = registered_forms(comparison.with, area_, town_);
  if (forms.empty()) return;
  const std::string row = fold_address_part(row_value_);
  for (const std::string& form : forms)
    if (row_value_ == form || row == fold_address_part(form)) return;
  // A 町字 written another way (湯島二丁目 for 湯島２丁目, 鷺ノ森 for 鷺森):
  // agrees when the address normalizer, given the registered city and the
  // written 町字, reaches the row's own codes.
  if (comparison.with == RegisteredValue::town &&
      addresses_.locate_town(area_.prefecture + area_.county + area_.city + area_.ward + row_value_,
                             located_lg_code_, located_machiaza_id_) &&
      located_lg_code_ == row_lg_code_ && located_machiaza_id_ == row_machiaza_id_)
    return;
  finding.code = kMismatch;
  finding.value = row_value_;
  finding.suggestion = forms.front();
  finding.values = {{"what", std::string(registered_value_name(comparison.with))},
                    {"expected", forms.front()}};
  findings.push_back(std::move(finding));
}

bool RegistryRules::in_another_country(const BoundCheck& check,
                                       const std::vector<std::string_view>& fields) {
  const auto at = static_cast<std::size_t>(check.country_column);
  return check.country_column >= 0 && at < fields.size() && is_another_country(fields[at]);
}

void RegistryRules::bind_written(const Model& model, const RegistryCheck& check,
                                 const std::function<int(const std::string&)>& column_of,
                                 BoundCheck& bound) {
  for (const std::vector<std::string>& form : check.written) {
    BoundWritten written;
    for (const std::string& path : form) {
      const int column = column_of(path);
      const FieldSpec* field = model.find_field(path);
      if (column < 0 || field == nullptr) {
        written.columns.clear();
        break;
      }
      written.columns.push_back(column);
      written.area_code.push_back(field->type == ValueType::local_government_code);
      written.carries_city_block = check.city_block_form && field->type != ValueType::city_block &&
                                   field->type != ValueType::local_government_code;
      written.width_checked = is_address_line(*field);
    }
    if (!written.columns.empty()) bound.written.push_back(std::move(written));
  }
}

bool RegistryRules::join_written(const BoundWritten& form,
                                 const std::vector<std::string_view>& fields,
                                 const std::vector<std::uint8_t>& cell_has_problem) {
  written_address_.clear();
  written_has_gaps_ = false;
  bool has_text = false;
  for (std::size_t i = 0; i < form.columns.size(); ++i) {
    const auto column = static_cast<std::size_t>(form.columns[i]);
    if (column >= fields.size()) return false;
    if (form.area_code[i]) {
      if (cell_has_problem[column] || !addresses_.find_area(fields[column], area_)) return false;
      written_address_ += area_.prefecture + area_.county + area_.city + area_.ward;
      continue;
    }
    // An empty part (no 都道府県, no 番地以下) is left to the normalizer,
    // which stops where the written address stops.
    written_address_ += fields[column];
    has_text = has_text || !fields[column].empty();
    written_has_gaps_ = written_has_gaps_ || fields[column].empty();
  }
  return has_text;
}

void RegistryRules::check_written(const BoundCheck& check,
                                  const std::vector<std::string_view>& fields,
                                  const std::vector<std::uint8_t>& cell_has_problem,
                                  bool codes_reported, bool town_found,
                                  std::vector<RegistryFinding>& findings) {
  // The first form with every item filled, else the first whose last item
  // (the whole address, 町字以下 or 番地以下) is, else the first.
  const BoundWritten* form = &check.written.front();  // the caller checks there is one
  auto filled = [&](int column) {
    const auto at = static_cast<std::size_t>(column);
    return at < fields.size() && !fields[at].empty();
  };
  int best = 0;
  for (const BoundWritten& candidate : check.written) {
    const int rank = std::all_of(candidate.columns.begin(), candidate.columns.end(), filled) ? 2
                     : filled(candidate.columns.back())                                      ? 1
                                                                                             : 0;
    if (rank > best) {
      best = rank;
      form = &candidate;
      if (rank == 2) break;
    }
  }
  if (!join_written(*form, fields, cell_has_problem)) return;
  if (!addresses_.normalize_address(written_address_, normalized_)) return;
  const bool looked_up_before = row_looked_up_;
  row_looked_up_ = true;
  const AddressStop stop = normalized_.stop;
  const bool town_located = !normalized_.machiaza_id.empty();
  // Several cities or 町字 fit (the address is short of a part): nothing to
  // say. A 地番 written without the branch the ABR requires (949 of 949-1…)
  // is reported below, as a number not in the registry.
  if (stop == AddressStop::unreadable || (stop == AddressStop::ambiguous && !town_located)) return;
  if (stop == AddressStop::no_town_data) {
    ++towns_not_checked_;
    row_looked_up_ = looked_up_before;  // asked, but nothing could be checked
    row_not_checked_ = true;
    if (report_inconsistent_) check_point(check, fields, cell_has_problem, false, findings);
    return;
  }
  if (!codes_reported && report_missing_ && stop != AddressStop::complete &&
      stop != AddressStop::number_not_checked) {
    // No place, no city or no 町字 of the registry: the address does not
    // exist as written (an error); a 丁目 or number the ABR lacks: a warning,
    // as the ABR's 住居表示 and 地番 data may lag behind.
    const bool above_town = stop == AddressStop::no_place || stop == AddressStop::no_city;
    // A form with an empty part (町字以下 without its 都道府県 and 市区町村) that
    // reaches no city is incomplete, not unknown: the required items' business.
    if (above_town && written_has_gaps_) return;
    RegistryFinding finding;
    finding.code = kNotInRegistry;
    // At the item that failed: the first (the place), the 町字 (the item
    // before a 番地以下 field), or the last (the number).
    const bool town_level = stop == AddressStop::no_town || stop == AddressStop::partial_town;
    const std::size_t items = form->columns.size();
    finding.column = above_town ? form->columns.front()
                     : town_level && !form->carries_city_block && items >= 2
                         ? form->columns[items - 2]
                         : form->columns.back();
    finding.value = written_address_;
    finding.values = {{"registry", addresses_.description()},
                      {"reason", with_reason(normalized_.reason)}};
    if (stop == AddressStop::partial_town || stop == AddressStop::number_not_registered ||
        stop == AddressStop::ambiguous)
      finding.severity = Severity::warning;
    findings.push_back(std::move(finding));
  }
  if (!town_located) return;
  if (!addresses_.find_town(normalized_.lg_code, normalized_.machiaza_id, located_town_))
    located_town_ = RegisteredTown();
  if (!codes_reported && report_mismatches_) {
    // The codes written beside the address must be the ones it has.
    auto code_differs = [&](int column, const std::string& located, std::string_view what) {
      const auto at = static_cast<std::size_t>(column);
      if (column < 0 || at >= fields.size() || fields[at].empty() || cell_has_problem[at])
        return false;
      row_cross_checked_ = true;
      if (fields[at] == located) return false;
      RegistryFinding finding;
      finding.code = kMismatch;
      finding.column = column;
      finding.value = std::string(fields[at]);
      finding.suggestion = located;
      finding.values = {{"what", std::string(what) + " of " + written_address_ + ":"},
                        {"expected", located}};
      findings.push_back(std::move(finding));
      return true;
    };
    if (!code_differs(check.key_column, normalized_.lg_code, "全国地方公共団体コード"))
      code_differs(check.town_key_column, normalized_.machiaza_id, "町字ID");
  }
  if (!codes_reported && !town_found && report_inconsistent_ &&
      !located_town_.postal_code.empty()) {
    // A 郵便番号 beside the address, or a 〒 in front of it.
    const auto at = static_cast<std::size_t>(check.postal_code_column);
    const bool postal_column = check.postal_code_column >= 0 && at < fields.size() &&
                               !fields[at].empty() && !cell_has_problem[at];
    const std::string digits =
        postal_digits(postal_column ? fields[at] : std::string_view(normalized_.postal_code));
    if (!digits.empty()) row_cross_checked_ = true;
    if (!digits.empty() && digits != located_town_.postal_code) {
      const std::string town = normalized_.prefecture + normalized_.city_and_county +
                               normalized_.town + " (the ABR gives " + located_town_.postal_code +
                               ")";
      RegistryFinding finding;
      finding.code = kInconsistent;
      finding.column = postal_column ? check.postal_code_column : form->columns.front();
      finding.value = postal_column ? std::string(fields[at]) : written_address_;
      finding.suggestion = located_town_.postal_code;
      finding.values = {{"reason", postal_column ? "is not the postal code of " + town
                                                 : "starts with 〒" + digits +
                                                       ", not the postal code of " + town}};
      findings.push_back(std::move(finding));
    }
  }
  if (report_inconsistent_) check_point(check, fields, cell_has_problem, true, findings);
  if (report_format_ && form->carries_city_block) check_city_block_form(*form, fields, findings);
}

namespace {

std::string kilometres(double metres) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f km", metres / 1000.0);
  return buffer;
}

// A cell as decimal degrees; false when it is not a plain number.
bool degrees_of(std::string_view cell, double& out) {
  if (cell.empty()) return false;
  std::string text(cell);
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

}  // namespace

// The point against the place (docs/validate.md "Point versus place"): the ABR
// has representative points, not boundaries, so a point is suspicious only
// when it lies outside its city's extent as the registry knows it — far from
// every point of its own city's places the registry holds, else beyond the
// reach of its city's point (city_extents.tsv: islands have their own) — and
// nearer to another city's. Certain (an error) where the registry knows the
// city's places and the point lies among another city's places or far
// beyond its own, or where the point is far outside the city's prefecture;
// otherwise a warning with the distances (to the nearest 町字 where the
// registry has them).
void RegistryRules::check_point(const BoundCheck& check,
                                const std::vector<std::string_view>& fields,
                                const std::vector<std::uint8_t>& cell_has_problem, bool town_level,
                                std::vector<RegistryFinding>& findings) {
  constexpr double kNearPlace = 2000;      // metres from a point of the city's places
  constexpr double kBeyondExtent = 10000;  // metres beyond every place of the city: outside
  // Metres beyond every city point of the prefecture: outside it (a city's
  // places reach some 50 km from its point: 延岡市北浦町 is 25 km from every
  // city point of 宮崎県 and nearer to 大分県佐伯市's).
  constexpr double kBeyondPrefecture = 60000;
  const auto lat_at = static_cast<std::size_t>(check.latitude_column);
  const auto lon_at = static_cast<std::size_t>(check.longitude_column);
  if (check.latitude_column < 0 || check.longitude_column < 0 || lat_at >= fields.size() ||
      lon_at >= fields.size() || cell_has_problem[lat_at] || cell_has_problem[lon_at])
    return;
  double lat = 0, lon = 0;
  if (!degrees_of(fields[lat_at], lat) || !degrees_of(fields[lon_at], lon)) return;
  // Near the place the address reaches (its residence, parcel or 町字): consistent.
  if (town_level && normalized_.point.known &&
      grammars::distance_m(lat, lon, normalized_.point.lat, normalized_.point.lon) <= kNearPlace) {
    row_cross_checked_ = true;
    return;
  }
  if (!addresses_.places_near(normalized_.lg_code, lat, lon, kNearPlace, near_)) return;
  row_cross_checked_ = true;
  // Within the city's extent: near one of its places, else within the reach
  // of its point (a merged city's former towns, its islands).
  if (near_.own_m <= (near_.own_has_places ? kNearPlace : near_.own_reach_m)) return;
  if (!near_.other_found || near_.other_m >= near_.own_m) return;
  const std::string city = normalized_.prefecture + normalized_.city_and_county;
  bool certain = false;
  std::string reason = "is " + kilometres(near_.own_m) + " from ";
  if (near_.own_has_places) {
    // Among another city's places, or far beyond every place of its own.
    certain = (near_.other_by_place && near_.other_m <= kNearPlace) || near_.own_m > kBeyondExtent;
    reason += "every place of " + city + " the ABR has (the nearest: " + near_.own_place + ")";
  } else {
    // Only the city's point is known: outside the city only when outside its prefecture.
    certain = !near_.other_same_prefecture && near_.prefecture_m > kBeyondPrefecture;
    reason += "the ABR's point of " + city + " (the registry has no point of its 町字";
    reason += certain
                  ? "), " + kilometres(near_.prefecture_m) + " from every city of " +
                        normalized_.prefecture + ","
                  : "; its places lie within " + kilometres(near_.own_reach_m) + " of that point)";
  }
  reason += " and nearer to " + near_.other_name + " (" + kilometres(near_.other_m) +
            (near_.other_by_place ? "" : ", its city's point") + ")";
  if (!certain) reason += ": the ABR has no boundaries, check the point";
  RegistryFinding finding;
  finding.code = kInconsistent;
  finding.column = check.latitude_column;
  finding.value = std::string(fields[lat_at]) + ", " + std::string(fields[lon_at]);
  finding.field = "緯度/経度";
  if (!certain) finding.severity = Severity::warning;
  finding.values = {{"reason", std::move(reason)}};
  findings.push_back(std::move(finding));
}

// DS-442: in 町字以下 (and so in the one-line address), 丁目 and 番地・号 are
// half-width digits joined by half-width hyphens (白山2-1-2); a 町字 with a
// 小字 keeps its name up to the 字 (高川甲1324). The suggestion is the
// normalized address in that form.
void RegistryRules::check_city_block_form(const BoundWritten& form,
                                          const std::vector<std::string_view>& fields,
                                          std::vector<RegistryFinding>& findings) {
  const std::string& block = normalized_.city_block;
  if (block.empty() || !std::all_of(block.begin(), block.end(), is_block_char)) return;
  const std::string tail = ds442_numbers(normalized_, located_town_.chome_number);
  const auto column = static_cast<std::size_t>(form.columns.back());
  const std::string_view written = fields[column];
  if (holds_number(written, tail)) return;
  const bool width_only = holds_number(grammars::dashes_between_digits(grammars::normalize_dashes(
                                           grammars::fold_ascii_width(written))),
                                       tail);
  // Full-width digits or dashes alone: the form of the text, which the
  // address line's value check reports whether or not the registry holds the
  // 町字 (the registry adds existence, never the form).
  if (width_only && form.width_checked) return;
  std::string suggestion =
      form.columns.size() == 1
          ? ds442_address_line(normalized_, located_town_.chome_number, normalized_.building)
          : ds442_town_and_block(normalized_, located_town_.chome_number);
  if (form.columns.size() != 1 && !normalized_.building.empty()) {
    suggestion += " " + normalized_.building;
  }
  RegistryFinding finding;
  finding.code = width_only ? "wrong-width" : "invalid-format";
  finding.column = form.columns.back();
  finding.value = std::string(written);
  finding.suggestion = std::move(suggestion);
  finding.values = {
      {"reason", width_only ? "uses full-width digits or dashes; DS-442 asks for half-width digits "
                              "and hyphens in 番地以下"
                            : "does not write 丁目 and 番地以下 in the DS-442 form (half-width "
                              "digits joined by hyphens, e.g. " +
                                  tail + ")"}};
  findings.push_back(std::move(finding));
}

}  // namespace gifkit::models
