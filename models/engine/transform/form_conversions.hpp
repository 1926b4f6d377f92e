// form_conversions.hpp — the conversions between the split and combined
// forms of one piece of information, row by row: 氏名 ↔ 氏 + 名 at the
// model's separator, a time range into 開始時間 + 終了時間, the address parts
// ↔ 連結表記, and the 全国地方公共団体コード and 町字ID the Address Base
// Registry gives an address. A conversion that is not certain for a row
// writes nothing for it and says why (the caller lists it for review and
// keeps the value in the change log).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/engine/lookups/address_lookup.hpp"

namespace gifkit::models {

// Why a conversion could not be made for a row, with what it might be; or,
// when it was made but its slots write the input differently (an address
// the registry writes in its own way), how they write it.
struct ConversionDoubt {
  std::string why;
  std::string candidates;
  std::string rewritten;  // set only by a conversion that succeeded
};

class FormConversion {
 public:
  virtual ~FormConversion() = default;
  // Fills out (one value per output slot, in the conversion's order) from
  // in (one value per input column, in its order). Returns false, with
  // doubt filled and out left empty, when the conversion is not certain.
  virtual bool convert(const std::vector<std::string_view>& in, std::vector<std::string>& out,
                       ConversionDoubt& doubt) = 0;
  // The transform rule logged for it ("name-split", "address-join", …).
  virtual std::string_view rule() const = 0;
};

// Splits at separator where the value holds it exactly once (a single " "
// also matches one full-width space): 出路樽 太郎 → 出路樽 | 太郎. Two slots.
std::unique_ptr<FormConversion> make_separator_split(std::string separator);
// Joins two values with separator; one empty value is the other alone. One slot.
std::unique_ptr<FormConversion> make_separator_join(std::string separator);
// 13:00～17:00 (any dash or wave dash, full- or half-width digits) → two
// times hh:mm. Two slots.
std::unique_ptr<FormConversion> make_time_range_split();

// The address forms a row can hold, as input.
enum class AddressInput {
  four_items,   // 都道府県, 市区町村, 町字, 番地以下 (+ 建物名等)
  three_items,  // 都道府県, 市区町村, 町字以下 (+ 建物名等)
  one_line,     // 連結表記
};

// The parts in (4 or 3 items, then 建物名等 when the input has it)
// as one 連結表記, written as the normalizer writes an address line
// (registries/abr/address_fields.hpp address_line). One slot.
std::unique_ptr<FormConversion> make_address_join(AddressInput form);

// The address of in (any AddressInput, then 建物名等 when the input has it)
// normalized with the registry, into eight slots: 全国地方公共団体コード,
// 町字ID, 都道府県, 市区町村（郡）, 町字, 番地以下, 建物名等, and the address
// in the form it was read in (連結表記 or 町字以下) written in the DS-442
// form ("" when there is nothing to rewrite: see ds442_town_and_block).
// Not certain when it is ambiguous or stops above a 町字. registry must
// outlive the conversion.
std::unique_ptr<FormConversion> make_address_split(AddressInput form, AddressLookup& registry);

}  // namespace gifkit::models
