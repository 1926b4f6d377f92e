// link_compare.cpp — the comparison of two records' items (link_compare.hpp).
#include "models/engine/link/link_compare.hpp"

#include <cassert>
#include <cstdlib>

#include "grammars/text/edit_distance.hpp"

namespace gifkit::models {

namespace {

// The number of code points of UTF-8 text.
std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// True when the two texts are at most one code point apart (an edit).
bool within_one(std::string_view a, std::string_view b) {
  const std::size_t na = code_points(a), nb = code_points(b);
  if ((na > nb ? na - nb : nb - na) > 1) return false;
  thread_local std::u32string pa, pb;
  pa = grammars::to_code_points(a);
  pb = grammars::to_code_points(b);
  return grammars::edit_distance(pa, pb, 1) <= 1;
}

// split's 名 (and its reading) ends whole's name, which has another 氏: a
// changed 氏 where whole was written without a space.
bool changed_family(const PersonRecord& split, const PersonRecord& whole, const LinkTexts& texts) {
  const std::string_view given = texts.names.text(split.given);
  const std::string_view name = texts.names.text(whole.name_folded);
  if (name.size() <= given.size() || !name.ends_with(given)) return false;
  if (name.substr(0, name.size() - given.size()) == texts.names.text(split.family)) return false;
  if (split.given_reading == 0 || whole.reading == 0) return true;
  return texts.readings.text(whole.reading).ends_with(texts.readings.text(split.given_reading));
}

}  // namespace

AgreementLevel compare_names(const PersonRecord& a, const PersonRecord& b, const LinkTexts& texts) {
  const bool written = a.name_plain != 0 && b.name_plain != 0;
  const bool read = a.reading != 0 && b.reading != 0;
  if (!written && !read) {
    // One side only written, the other only read: the reading check decides.
    if (!texts.reads_as) return AgreementLevel::missing;
    std::optional<bool> plausible;
    if (a.name_plain != 0 && a.reading == 0 && b.reading != 0 && b.name_plain == 0)
      plausible = texts.reads_as(a.get(WrittenItem::name), b.get(WrittenItem::kana));
    else if (b.name_plain != 0 && b.reading == 0 && a.reading != 0 && a.name_plain == 0)
      plausible = texts.reads_as(b.get(WrittenItem::name), a.get(WrittenItem::kana));
    if (!plausible) return AgreementLevel::missing;
    return *plausible ? AgreementLevel::reading : AgreementLevel::disagree;
  }
  // Readings more than one kana apart say two people, whatever the kanji
  // (河野 read コウノ and カワノ). Asked only of names written alike.
  const auto readings_differ = [&] {
    return read && a.reading != b.reading &&
           !within_one(texts.readings.text(a.reading), texts.readings.text(b.reading));
  };
  if (written && a.name_plain == b.name_plain)
    return readings_differ() ? AgreementLevel::close : AgreementLevel::exact;
  if (written && a.name_folded == b.name_folded)
    return readings_differ() ? AgreementLevel::close : AgreementLevel::folded;
  if (read && a.reading == b.reading) return AgreementLevel::reading;
  // 氏 changed (a marriage), 名 and its reading the same.
  if (written && a.given != 0 && a.given == b.given && a.family != b.family &&
      (!read || a.given_reading == 0 || a.given_reading == b.given_reading))
    return AgreementLevel::close;
  // The same, one side written without a space between 氏 and 名 (山本亘).
  if (written && ((a.given != 0 && b.given == 0 && changed_family(a, b, texts)) ||
                  (b.given != 0 && a.given == 0 && changed_family(b, a, texts))))
    return AgreementLevel::close;
  // One character off: a typo or a variant the fold does not know — but
  // only where no reading says otherwise: names whose kanji and readings
  // both differ are two names (太郎 タロウ and 次郎 ジロウ), and a typo made
  // through an input method keeps the reading (一郎 and 一朗: level reading).
  if (written && !read) {
    const std::string_view x = texts.names.text(a.name_folded), y = texts.names.text(b.name_folded);
    if (code_points(x) >= 2 && within_one(x, y)) return AgreementLevel::close;
  } else if (!written) {
    const std::string_view x = texts.readings.text(a.reading), y = texts.readings.text(b.reading);
    if (code_points(x) >= 4 && within_one(x, y)) return AgreementLevel::close;
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
  if (a.address == 0 || b.address == 0) return AgreementLevel::missing;
  if (a.abr_town != 0 && b.abr_town != 0) {
    // Both matched by the Address Base Registry: its codes decide.
    if (a.abr_address == b.abr_address) return AgreementLevel::exact;
    return a.abr_town == b.abr_town ? AgreementLevel::close : AgreementLevel::disagree;
  }
  if (a.address == b.address) return AgreementLevel::exact;
  if (a.town != 0 && a.town == b.town) return AgreementLevel::close;
  return AgreementLevel::disagree;
}

LinkLevels compare_records(const PersonRecord& a, const PersonRecord& b, const LinkTexts& texts) {
  return {compare_names(a, b, texts), compare_birth_dates(a, b), compare_sexes(a.sex, b.sex),
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
