// row_chome_doubts.hpp — the 丁目 doubts of a transform's row settled at its
// end: a 番地以下 holding a 丁目 (OutputRow::fix held it) moved into the 町字
// where the Address Base Registry confirms it (chome_to_town.hpp), else its
// leftovers to review.
#pragma once
#include <cstdint>

#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/transform/output_row.hpp"

namespace gifkit::models {

// Settles output.chome_doubts of row (its record number) and clears them:
// each 番地以下 with a 丁目 moved into the 町字 where abr (may be null)
// confirms it, both changes logged `chome-to-town`; else its leftovers to
// review, the value as it was.
void settle_chome_doubts(OutputRow& output, AddressLookup* abr, std::uint64_t row);

}  // namespace gifkit::models
