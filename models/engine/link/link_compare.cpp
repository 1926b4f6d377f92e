// link_compare.cpp — the comparison of two records' items (link_compare.hpp).
#include "models/engine/link/link_compare.hpp"

#include <cassert>
#include <cstdlib>

#include "grammars/edit_distance.hpp"

namespace gifkit::models {

namespace {

bool within_one(std::u32string_view a, std::u32string_view b) {
  const std::size_t longer = std::max(a.size(), b.size());
  const std::size_t shorter = std::min(a.size(), b.size());
  if (longer - shorter > 1) return false;
  return grammars::edit_distance(a, b, 1) <= 1;
}

}  // namespace

AgreementLevel compare_names(const PersonRecord& a, const PersonRecord& b) {
  const bool written = !a.name_plain.empty() && !b.name_plain.empty();
  const bool read = !a.reading.empty() && !b.reading.empty();
  if (!written && !read) return AgreementLevel::missing;
  // Readings more than one kana apart say two people, whatever the kanji
  // (河野 read コウノ and カワノ).
  const bool readings_differ =
      read && a.reading != b.reading && !within_one(a.reading_points, b.reading_points);
  if (written && a.name_plain == b.name_plain)
    return readings_differ ? AgreementLevel::close : AgreementLevel::exact;
  if (written && a.name_folded == b.name_folded)
    return readings_differ ? AgreementLevel::close : AgreementLevel::folded;
  if (read && a.reading == b.reading) return AgreementLevel::reading;
  // One character off: a typo or a variant the fold does not know — but
  // only where no reading says otherwise: names whose kanji and readings
  // both differ are two names (太郎 タロウ and 次郎 ジロウ), and a typo made
  // through an input method keeps the reading (一郎 and 一朗: level reading).
  // 氏 changed (a marriage), 名 and its reading the same.
  if (written && !a.given_folded.empty() && a.given_folded == b.given_folded &&
      a.family_folded != b.family_folded &&
      (!read || a.given_reading.empty() || a.given_reading == b.given_reading))
    return AgreementLevel::close;
  if (written && !read) {
    if (a.name_points.size() >= 2 && within_one(a.name_points, b.name_points))
      return AgreementLevel::close;
  } else if (!written && a.reading_points.size() >= 4 &&
             within_one(a.reading_points, b.reading_points)) {
    return AgreementLevel::close;
  }
  return AgreementLevel::disagree;
}

AgreementLevel compare_birth_dates(const PersonRecord& ra, const PersonRecord& rb) {
  const std::int32_t a = ra.birth, b = rb.birth;
  if (a < 0 || b < 0) return AgreementLevel::missing;
  if (a == b)
    return ra.birth_swapped || rb.birth_swapped ? AgreementLevel::close : AgreementLevel::exact;
  const int ay = a / 10000, am = a / 100 % 100, ad = a % 100;
  const int by = b / 10000, bm = b / 100 % 100, bd = b % 100;
  if (ay == by && am == bd && ad == bm) return AgreementLevel::close;  // day and month swapped
  // One digit of YYYYMMDD off, or two neighbours swapped.
  const std::string x = std::to_string(a), y = std::to_string(b);
  if (x.size() == y.size()) {
    int differ = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i] != y[i] && differ++ == 0) first = i;
    if (differ == 1) return AgreementLevel::close;
    if (differ == 2 && first + 1 < x.size() && x[first] == y[first + 1] && x[first + 1] == y[first])
      return AgreementLevel::close;
  }
  return AgreementLevel::disagree;
}

AgreementLevel compare_sexes(std::uint8_t a, std::uint8_t b) {
  if (a == 0 || b == 0) return AgreementLevel::missing;
  return a == b ? AgreementLevel::exact : AgreementLevel::disagree;
}

AgreementLevel compare_addresses(const PersonRecord& a, const PersonRecord& b) {
  if (a.address_key.empty() || b.address_key.empty()) return AgreementLevel::missing;
  if (!a.abr_town_key.empty() && !b.abr_town_key.empty()) {
    // Both matched by the Address Base Registry: its codes decide.
    if (a.abr_address_key == b.abr_address_key) return AgreementLevel::exact;
    return a.abr_town_key == b.abr_town_key ? AgreementLevel::close : AgreementLevel::disagree;
  }
  if (a.address_key == b.address_key) return AgreementLevel::exact;
  if (!a.town_key.empty() && a.town_key == b.town_key) return AgreementLevel::close;
  return AgreementLevel::disagree;
}

LinkLevels compare_records(const PersonRecord& a, const PersonRecord& b) {
  return {compare_names(a, b), compare_birth_dates(a, b), compare_sexes(a.sex, b.sex),
          compare_addresses(a, b)};
}

std::uint16_t pattern_of(const LinkLevels& levels) {
  std::uint16_t pattern = 0;
  for (std::size_t i = kLinkItemCount; i-- > 0;)
    pattern = static_cast<std::uint16_t>(pattern * kAgreementLevelCount +
                                         static_cast<std::uint16_t>(levels[i]));
  assert(pattern < kLinkPatternCount);
  return pattern;
}

LinkLevels levels_of(std::uint16_t pattern) {
  assert(pattern < kLinkPatternCount);
  LinkLevels levels{};
  for (std::size_t i = 0; i < kLinkItemCount; ++i) {
    levels[i] = static_cast<AgreementLevel>(pattern % kAgreementLevelCount);
    pattern = static_cast<std::uint16_t>(pattern / kAgreementLevelCount);
  }
  return levels;
}

}  // namespace gifkit::models
