// person_normalizer.cpp — one row's items as link compares them (see
// person_normalizer.hpp).
#include "models/engine/link/person_normalizer.hpp"

#include <cassert>
#include <stdexcept>

#include "grammars/dictionaries/number_marks.hpp"
#include "grammars/dictionaries/sex_labels.hpp"
#include "grammars/text/edit_distance.hpp"
#include "grammars/text/kana_reading.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/address_numbers.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/lookups/matched_address.hpp"

namespace gifkit::models {

namespace {

// Text without spaces (ASCII and U+3000), widths folded: a name as compared.
std::string plain_name(std::string_view written) {
  const std::string folded = grammars::fold_ascii_width(written);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t pos = 0; pos < folded.size();) {
    const std::size_t start = pos;
    const char32_t cp = grammars::decode_utf8(folded, pos);
    if (cp == U' ' || cp == U'\u3000' || cp == U'\t' || cp == U'・') continue;
    out.append(folded, start, pos - start);
  }
  return out;
}

bool is_digit(char32_t cp) {
  return cp >= U'0' && cp <= U'9';
}

// A leading 都道府県 (東京都, 北海道, 大阪府, 神奈川県): 3 or 4 characters, the
// last one of 都道府県; its length, or 0.
std::size_t prefecture_length(std::u32string_view text) {
  for (const std::size_t length : {std::size_t{3}, std::size_t{4}}) {
    if (text.size() <= length) continue;
    const char32_t last = text[length - 1];
    if (last == U'都' || last == U'道' || last == U'府' || last == U'県') return length;
  }
  return 0;
}

// YYYY-DD-MM read as a date (1985-24-12 → 19851224) when the middle number
// cannot be a month and the last can; 0 otherwise. Separators - / . only.
std::int32_t swapped_date(std::string_view text) {
  int numbers[3] = {0, 0, 0}, count = 0, digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      if (count >= 3) return 0;
      numbers[count] = numbers[count] * 10 + (c - '0');
      ++digits;
    } else if ((c == '-' || c == '/' || c == '.') && digits > 0) {
      ++count;
      digits = 0;
    } else {
      return 0;
    }
  }
  if (count != 2 || digits == 0) return 0;
  const int year = numbers[0], day = numbers[1], month = numbers[2];
  if (year < 1000 || day <= 12 || !grammars::is_valid_date(year, month, day)) return 0;
  return year * 10000 + month * 100 + day;
}

// Where 氏 and 名 part in a written name: the first ASCII space or U+3000
// after something, and its length in bytes; npos when there is none.
std::pair<std::size_t, std::size_t> first_blank(std::string_view text) {
  const std::string_view trimmed = grammars::trim_blanks(text);
  const std::size_t offset = static_cast<std::size_t>(trimmed.data() - text.data());
  const std::size_t ascii = trimmed.find(' ');
  const std::size_t ideographic = trimmed.find("\u3000");
  if (ascii == std::string_view::npos && ideographic == std::string_view::npos)
    return {std::string_view::npos, 0};
  if (ascii < ideographic) return {offset + ascii, 1};
  return {offset + ideographic, 3};
}

std::string utf8_of(std::u32string_view text) {
  std::string out;
  for (const char32_t cp : text) grammars::append_utf8(out, cp);
  return out;
}

}  // namespace

PersonNormalizer::PersonNormalizer(std::string_view fold_tables, CharacterLookup* characters,
                                   AddressLookup* addresses, LinkTexts& texts)
    : characters_(characters), addresses_(addresses), texts_(texts) {
  std::vector<std::string> errors;
  tables_ = grammars::parse_address_fold_tables(fold_tables, errors);
  if (!errors.empty()) throw std::runtime_error("address_fold.tsv: " + errors.front());
}

void PersonNormalizer::fold_address(std::string_view address, std::string& address_key,
                                    std::string& town_key) {
  grammars::fold_address_text(address, folded_);
  const std::u32string text =
      grammars::digits_before_number_marks(grammars::to_code_points(folded_.text));
  // The numbers start at the first digit that is not part of a place's name
  // (北1条: one number followed by a kanji without a mark).
  std::size_t first_digit = 0;
  std::string numbers;
  for (std::size_t at = 0; at < text.size();) {
    if (!is_digit(text[at])) {
      ++at;
      continue;
    }
    numbers.clear();
    std::size_t end = at, groups = 0;
    bool ends_in_mark = false;
    while (end < text.size() && is_digit(text[end])) {
      if (!numbers.empty()) numbers.push_back('-');
      while (end < text.size() && is_digit(text[end])) numbers.push_back(char(text[end++]));
      ++groups;
      const std::size_t mark = grammars::number_mark_length(text, end);
      ends_in_mark = mark > 0;
      if (mark == 0) break;
      end += mark;
      while (end < text.size() && text[end] == U' ') ++end;
    }
    const bool in_name = groups == 1 && !ends_in_mark && end < text.size() && text[end] != U' ' &&
                         text[end] >= 0x4E00 && text[end] <= 0x9FFF;
    if (!in_name) {
      first_digit = at;
      break;
    }
    numbers.clear();
    at = end;
    first_digit = text.size();
  }
  if (numbers.empty()) first_digit = text.size();
  // The part before the numbers, through the key fold (spaces dropped,
  // variants, 丁目's kanji numerals), without a leading 都道府県.
  grammars::make_address_key(utf8_of(text.substr(0, first_digit)), tables_, key_);
  const std::u32string town = grammars::to_code_points(key_.key);
  town_key = utf8_of(std::u32string_view(town).substr(prefecture_length(town)));
  address_key = town_key + "|" + numbers;
}

PersonNormalizer::AddressKeys PersonNormalizer::address_keys(std::string_view address) {
  if (address.empty()) return {};
  auto [cached, added] = address_cache_.try_emplace(std::string(address));
  AddressKeys& keys = cached->second;
  if (!added) return keys;
  fold_address(address, address_key_, town_key_);
  keys.address = texts_.addresses.intern(address_key_);
  keys.town = texts_.addresses.intern(town_key_);
  MatchedAddress matched;
  if (addresses_ != nullptr && addresses_->has_addresses() &&
      addresses_->normalize_address(address, matched) && !matched.machiaza_id.empty()) {
    const std::string town = "abr:" + matched.lg_code + matched.machiaza_id;
    keys.abr_town = texts_.addresses.intern(town);
    keys.abr_address = texts_.addresses.intern(town + "|" + matched.city_block);
  }
  return keys;
}

std::uint32_t PersonNormalizer::folded_name(std::string_view plain) {
  const std::uint32_t plain_id = texts_.names.intern(plain);
  if (plain_id == 0 || characters_ == nullptr) return plain_id;
  auto [found, added] = folded_of_plain_.try_emplace(plain_id);
  if (added) found->second = texts_.names.intern(characters_->fold_characters(plain));
  return found->second;
}

PersonRecord PersonNormalizer::make(std::uint64_t row, const WrittenPerson& person) {
  PersonRecord record;
  record.row = row;
  const std::string_view written[kWrittenItemCount] = {
      person.name,    person.kana, person.birth_date, person.sex,
      person.address, person.id,   person.number};
  std::size_t size = 0;
  for (const std::string_view text : written) size += text.size();
  record.written.reserve(size);
  std::string masked;
  for (std::size_t i = 0; i < kWrittenItemCount; ++i) {
    // Compared as read (below), shown masked: a 個人番号 typed into an ID,
    // a name or an address is in no output.
    if (written[i].size() >= 12 && grammars::mask_individual_numbers_in(written[i], masked)) {
      record.written += masked;
      if (static_cast<WrittenItem>(i) == WrittenItem::id) record.id_read = person.id;
    } else {
      record.written += written[i];
    }
    record.written_ends[i] = static_cast<std::uint32_t>(record.written.size());
  }

  const std::string plain = plain_name(person.name);
  record.name_plain = texts_.names.intern(plain);
  record.name_folded = folded_name(plain);
  if (const auto [space, width] = first_blank(person.name); space != std::string_view::npos) {
    record.family = folded_name(plain_name(person.name.substr(0, space)));
    record.given = folded_name(plain_name(person.name.substr(space + width)));
  }
  record.reading = texts_.readings.intern(grammars::fold_kana_reading(person.kana));
  if (const auto [space, width] = first_blank(person.kana); space != std::string_view::npos)
    record.given_reading =
        texts_.readings.intern(grammars::fold_kana_reading(person.kana.substr(space + width)));

  const std::string_view birth_text = grammars::trim_blanks(person.birth_date);
  if (const auto date = grammars::parse_loose_date(birth_text)) {
    record.birth = date->year * 10000 + date->month * 100 + date->day;
  } else if (const std::int32_t swapped = swapped_date(birth_text); swapped > 0) {
    record.birth = swapped;
    record.birth_swapped = true;
  }
  if (const auto code = grammars::sex_labels().code_of(person.sex);
      code && (*code == 1 || *code == 2))
    record.sex = static_cast<std::uint8_t>(*code);

  const AddressKeys keys = address_keys(person.address);
  record.address = keys.address;
  record.town = keys.town;
  record.abr_address = keys.abr_address;
  record.abr_town = keys.abr_town;
  if (keys.abr_town != 0) ++by_registry_;
  assert(record.birth == -1 || record.birth > 10000000);
  assert(record.id_key() == person.id);
  return record;
}

}  // namespace gifkit::models
