// link_items.hpp — the four items record linkage compares (氏名, 生年月日,
// 性別, 住所), the levels at which two values of an item agree, and a
// dataset's rows read into records of normalized items: which columns hold
// each item (bound through the model's header names), and each row's values
// as written and as compared.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::models {

enum class LinkItem : std::uint8_t { name, birth_date, sex, address };
inline constexpr std::size_t kLinkItemCount = 4;
std::string_view link_item_name(LinkItem item);  // "name", "birth_date", "sex", "address"

// How two values of an item agree, from the strongest: exact (the same after
// the width fold; a date or an address: the same once normalized), folded
// (the same after the character data's fold: 髙 = 高), reading (the same
// reading, the written names differ), close (one character or digit off, day
// and month swapped, the same 町字 with other numbers), disagree; missing
// when a side has no value (the item then adds nothing).
enum class AgreementLevel : std::uint8_t { missing, exact, folded, reading, close, disagree };
inline constexpr std::size_t kAgreementLevelCount = 6;
std::string_view agreement_level_name(AgreementLevel level);  // "missing", "exact", …
// Agreement in the sense of the rules (all four, three without 性別): the
// same value, or the same once folded. A name only read the same (other
// kanji) is not agreement: such a link is never certain.
inline bool agrees(AgreementLevel level) {
  return level == AgreementLevel::exact || level == AgreementLevel::folded;
}

// The 0-based columns of a file that hold the items (-1: none).
struct LinkItemColumns {
  int family_name = -1, given_name = -1, full_name = -1;
  int family_kana = -1, given_kana = -1, full_kana = -1;
  int birth_date = -1, sex = -1, id = -1;
  std::vector<int> address;  // the address parts, in the model's order
  std::vector<std::string> headers;
  // The items this file has a column for.
  bool has(LinkItem item) const;
};

// One row, its items as written and as compared.
struct PersonRecord {
  std::uint64_t row = 0;  // record number (the header is row 1)
  std::string id;         // the --id column's value
  // As written (氏 and 名 joined by a space).
  std::string name, kana, birth_text, sex_text, address;
  // As compared.
  std::string name_plain;                      // spaces dropped, widths folded
  std::string name_folded;                     // name_plain through the character fold
  std::string family_folded, given_folded;     // when the name is split (氏 and 名, or a space)
  std::string given_reading;                   // the reading of 名, when split
  std::string reading;                         // grammars::fold_kana_reading of kana
  std::u32string name_points, reading_points;  // name_folded and reading as code points
  std::int32_t birth = -1;                     // YYYYMMDD, -1 unknown
  // The birth date was read with day and month swapped (1985-24-12: no
  // month 24): it then agrees at most at level close.
  bool birth_swapped = false;
  std::uint8_t sex = 0;  // 1, 2, or 0 unknown
  // The address by the address fold: up to its numbers (方書 set aside),
  // and up to its 町字; by the Address Base Registry when it matched the
  // address to a 町字 (its codes and numbers), else "".
  std::string address_key, town_key;
  std::string abr_address_key, abr_town_key;
};

}  // namespace gifkit::models
