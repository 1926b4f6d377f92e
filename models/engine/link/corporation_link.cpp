// corporation_link.cpp — a list of corporations linked to the registry's
// 法人番号 data (see corporation_link.hpp).
#include "models/engine/link/corporation_link.hpp"

#include <cassert>

#include "grammars/text/text_fold.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/checks/registry_fold.hpp"
#include "models/engine/link/link_compare.hpp"

namespace gifkit::models {

namespace {

// Registered corporations of one name asked for at most (one more tells
// that there are more).
constexpr std::size_t kMostCandidates = 50;

// A name as compared: the legal forms written out, widths and spaces
// folded, then the character data's fold (髙 = 高).
std::string folded_name(std::string_view name, CharacterLookup* characters) {
  const std::string folded = fold_corporate_name(name);
  return characters != nullptr ? characters->fold_characters(folded) : folded;
}

AgreementLevel compare_corporate_names(std::string_view written, std::string_view registered,
                                       CharacterLookup* characters) {
  if (written.empty() || registered.empty()) return AgreementLevel::missing;
  if (written == registered) return AgreementLevel::exact;
  return folded_name(written, characters) == folded_name(registered, characters)
             ? AgreementLevel::folded
             : AgreementLevel::disagree;
}

}  // namespace

void link_corporations(const LinkOptions& options, PersonNormalizer& normalizer,
                       LinkResult& result) {
  assert(options.corporations != nullptr);
  CorporationLookup& registry = *options.corporations;
  for (std::uint32_t i = 0; i < result.left.size(); ++i) {
    const PersonRecord& row = result.left[i];
    CorporationLink link;
    link.record = i;
    const std::string_view name = row.get(WrittenItem::name);
    const std::string number(grammars::trim_blanks(row.get(WrittenItem::number)));
    // The registered corporation's address as a record of its own, compared
    // as two people's addresses are.
    const auto address_level = [&](const RegisteredCorporation& corporation) {
      const PersonRecord registered =
          normalizer.make(0, {{}, {}, {}, {}, corporation.address(), {}, {}});
      return compare_addresses(row, registered);
    };
    if (!number.empty() && grammars::check_corporate_number(number).ok()) {
      link.candidates = 1;
      if (registry.find_corporation(number, link.registered)) {
        link.name = compare_corporate_names(name, link.registered.name, options.characters);
        link.address = address_level(link.registered);
        link.rule = "number";
        link.certain = agrees(link.name) || link.address == AgreementLevel::exact;
        link.review = !link.certain;
      } else {
        link.rule = "not-registered";
        link.registered = {};
        link.review = true;
      }
    } else if (name.empty()) {
      link.rule = "not-found";
    } else {
      const std::vector<RegisteredCorporation> found =
          registry.corporations_named(name, kMostCandidates + 1);
      link.candidates = found.size();
      std::vector<std::size_t> exact, close;
      std::vector<AgreementLevel> levels;
      for (std::size_t c = 0; c < found.size(); ++c) {
        levels.push_back(address_level(found[c]));
        if (levels.back() == AgreementLevel::exact) exact.push_back(c);
        if (levels.back() == AgreementLevel::close) close.push_back(c);
      }
      const auto take = [&](std::size_t c, const char* rule, bool certain) {
        link.registered = found[c];
        link.name = compare_corporate_names(name, found[c].name, options.characters);
        link.address = levels[c];
        link.rule = rule;
        link.certain = certain;
        link.review = !certain;
      };
      if (found.empty()) {
        link.rule = "not-found";
      } else if (exact.size() == 1) {
        take(exact.front(), "name-and-address", true);
      } else if (exact.size() > 1 || (exact.empty() && close.size() > 1)) {
        link.rule = "ambiguous";
        link.review = true;
      } else if (close.size() == 1) {
        take(close.front(), "name-and-town", false);
      } else if (row.address == 0) {
        // No address to tell them apart by: the only one of that name, or several.
        if (found.size() == 1) {
          take(0, "name-only", false);
        } else {
          link.rule = "ambiguous";
          link.review = true;
        }
      } else {
        link.rule = "address-differs";
        link.review = true;
      }
    }
    if (!link.registered.number.empty()) ++result.summary.links;
    if (link.certain) ++result.summary.certain;
    if (link.review) ++result.summary.review;
    result.corporation_links.push_back(std::move(link));
  }
}

}  // namespace gifkit::models
