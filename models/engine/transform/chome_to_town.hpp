// chome_to_town.hpp — transform's one rewrite of a 番地以下 that changes how
// it reads: a 丁目 written in 番地以下 (町字 鞍月, 番地以下 1丁目) moved into
// the 町字 (鞍月一丁目), done only where the Address Base Registry has that
// 町字 in the row's city and reads the rest of the numbers as they are
// written; anything else stays for a person (docs/transform.md).
#pragma once
#include <string>
#include <string_view>

#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/transform/value_fixer.hpp"

namespace gifkit::models {

// The row's address as the 丁目 move reads it (the values after their fixes).
struct ChomeAddress {
  std::string_view prefecture;  // 都道府県
  std::string_view city;        // 市区町村（郡）
  std::string_view town;        // 町字, as written (鞍月)
  std::string_view block;       // 番地以下 holding the 丁目 (1丁目, 3丁目1021番地)
};

// What the move makes of it.
struct ChomeMove {
  std::string town;   // the 町字 as the ABR writes it (鞍月一丁目)
  std::string block;  // the rest of 番地以下 in the DS-442 form ("" or 1021)
};

// Moves the 丁目 at the start of address.block into the 町字 when the ABR
// (abr) confirms the result: the 町字 written plus that 丁目 is one 町字 of
// the row's city, and the numbers after it are registered or not checked
// there. block_field is 番地以下's item (the rest is fixed as one: it must
// come out clean). False, with why saying what the ABR did not confirm,
// otherwise; and false with why empty when block does not start with a
// 丁目 (番 and 号 out of order: never moved).
bool move_chome_to_town(AddressLookup& abr, ValueFixer& fixer, const FieldSpec& block_field,
                        const ChomeAddress& address, ChomeMove& out, std::string& why);

}  // namespace gifkit::models
