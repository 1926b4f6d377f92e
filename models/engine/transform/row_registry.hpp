// row_registry.hpp — the 法人番号 registry's step of a transform's row
// (corporation_codes.hpp, for a model with a corporation registry check):
// its additions and replacements written into the output row and logged,
// a registered value fixed like any other, the codes derived from an
// address it replaced derived again, its doubts to review.
#pragma once
#include <cstdint>
#include <vector>

#include "models/engine/lookups/registry_lookup.hpp"
#include "models/engine/transform/corporation_codes.hpp"
#include "models/engine/transform/output_row.hpp"
#include "models/engine/transform/row_conversions.hpp"

namespace gifkit::models {

class RowRegistry {
 public:
  // output.plan has corporation checks; registry holds 法人番号 data. update:
  // replace a stale name or address by the registered one
  // (--update-from-registry).
  RowRegistry(OutputRow& output, RowConversions& conversions, RegistryLookup& registry, bool update)
      : output_(output),
        conversions_(conversions),
        corporations_(output.plan.corporations, registry, registry, update) {}

  // The registry's additions and replacements on row (its record number).
  void apply(std::uint64_t row);

 private:
  OutputRow& output_;
  RowConversions& conversions_;
  CorporationCodes corporations_;
  std::vector<CorporationEdit> edits_;
  std::vector<CorporationDoubt> doubts_;
};

}  // namespace gifkit::models
