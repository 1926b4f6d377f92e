// link_compare.hpp — two records' items compared, each at the strongest level
// that holds (link_items.hpp AgreementLevel): the comparison vector of a
// candidate pair, and its pattern (one number for the four levels, what the
// weights are estimated over).
#pragma once
#include <array>
#include <cstdint>

#include "models/engine/link/link_items.hpp"

namespace gifkit::models {

using LinkLevels = std::array<AgreementLevel, kLinkItemCount>;

// The number of patterns: every combination of the four items' levels.
inline constexpr std::size_t kLinkPatternCount = 6 * 6 * 6 * 6;
static_assert(kAgreementLevelCount == 6);

// texts: the pools the records' ids are of (the names' and readings' texts
// are read for "one character off").
AgreementLevel compare_names(const PersonRecord& a, const PersonRecord& b, const LinkTexts& texts);
AgreementLevel compare_birth_dates(const PersonRecord& a, const PersonRecord& b);
AgreementLevel compare_sexes(std::uint8_t a, std::uint8_t b);
AgreementLevel compare_addresses(const PersonRecord& a, const PersonRecord& b);

LinkLevels compare_records(const PersonRecord& a, const PersonRecord& b, const LinkTexts& texts);

std::uint16_t pattern_of(const LinkLevels& levels);
LinkLevels levels_of(std::uint16_t pattern);

}  // namespace gifkit::models
