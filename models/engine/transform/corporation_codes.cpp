// corporation_codes.cpp — see corporation_codes.hpp.
#include "models/engine/transform/corporation_codes.hpp"

#include <cassert>

#include "models/engine/checks/registry_rules.hpp"

namespace gifkit::models {
namespace {

constexpr std::string_view kAddNumber = "corporate-number-from-registry";
constexpr std::size_t kListed = 5;  // candidates named in a review entry

bool is_corporate_number_form(std::string_view value) {
  if (value.size() != 13) return false;
  for (char c : value)
    if (c < '0' || c > '9') return false;
  return true;
}

// "7000012050002 東京都千代田区霞が関３丁目１－１; …" (at most kListed).
std::string listed(const std::vector<RegisteredCorporation>& corporations) {
  std::string text;
  for (std::size_t i = 0; i < corporations.size() && i < kListed; ++i) {
    if (!text.empty()) text += "; ";
    text += corporations[i].number + " " + corporations[i].name + " " + corporations[i].address();
  }
  if (corporations.size() > kListed) text += "; …";
  return text;
}

// A closed (or deleted) corporation's number, for review: the row may
// want its successor's.
CorporationDoubt closed_doubt(const CorporationColumns& check,
                              const RegisteredCorporation& corporation) {
  return {check.key, corporation.number,
          corporation.number + " is " + (corporation.deleted() ? "deleted" : "closed") +
              (corporation.close_date.empty() ? "" : " since " + corporation.close_date) +
              (corporation.successor.empty() ? "" : "; its successor is " + corporation.successor),
          "closed-corporation", corporation.successor};
}

}  // namespace

CorporationCodes::CorporationCodes(std::vector<CorporationColumns> checks,
                                   CorporationLookup& registry, CharacterLookup& characters,
                                   bool update)
    : checks_(std::move(checks)), registry_(registry), characters_(characters), update_(update) {
  for ([[maybe_unused]] const CorporationColumns& check : checks_)
    assert(check.key >= 0 && check.name >= 0);
}

void CorporationCodes::apply(std::vector<std::string>& row, std::vector<CorporationEdit>& edits,
                             std::vector<CorporationDoubt>& doubts) {
  edits.clear();
  doubts.clear();
  for (const CorporationColumns& check : checks_) {
    if (row[static_cast<std::size_t>(check.key)].empty()) {
      add_number(check, row, edits, doubts);
    } else {
      compare_with_registered(check, row, edits, doubts);
    }
  }
}

const std::string& CorporationCodes::joined_address(const CorporationColumns& check,
                                                    const std::vector<std::string>& row) {
  address_.clear();
  for (int column : check.address) address_ += row[static_cast<std::size_t>(column)];
  return address_;
}

// A row without a 法人番号: the number of the one registered corporation
// with this name at this address. The name alone is never enough (株式会社石井
// is two corporations in one day's NTA file).
void CorporationCodes::add_number(const CorporationColumns& check, std::vector<std::string>& row,
                                  std::vector<CorporationEdit>& edits,
                                  std::vector<CorporationDoubt>& doubts) {
  const std::string& name = row[static_cast<std::size_t>(check.name)];
  if (name.empty()) return;
  std::vector<RegisteredCorporation> named = registry_.corporations_named(name, kCandidates + 1);
  std::erase_if(named, [&](const RegisteredCorporation& corporation) {
    return corporation.deleted() ||
           !agrees_with_registered(RegisteredValue::name, name, corporation.name, characters_);
  });
  if (named.empty()) return;  // not registered under this name: nothing to propose
  const std::string& address = joined_address(check, row);
  if (address.empty()) {
    doubts.push_back({check.key, name,
                      "not added: no address to tell which registered " + name + " this is (" +
                          std::to_string(named.size()) + " of that name)",
                      std::string(kAddNumber), listed(named)});
    return;
  }
  std::vector<RegisteredCorporation> here;
  for (RegisteredCorporation& corporation : named) {
    if (agrees_with_registered(RegisteredValue::address, address, corporation.address(),
                               characters_))
      here.push_back(std::move(corporation));
  }
  if (here.size() == 1) {
    row[static_cast<std::size_t>(check.key)] = here.front().number;
    edits.push_back({check.key, "", here.front().number, std::string(kAddNumber)});
    if (here.front().closed()) doubts.push_back(closed_doubt(check, here.front()));
    return;
  }
  const std::vector<RegisteredCorporation>& shown = here.empty() ? named : here;
  doubts.push_back({check.key, name + " " + address,
                    here.empty() ? "not added: " + name + " is registered, but not at " + address
                                 : "not added: " + std::to_string(here.size()) +
                                       " registered corporations have this name and address",
                    std::string(kAddNumber), listed(shown)});
}

// A row with a 法人番号: its registered state against the row's name and
// address; a stale one replaced with --update-from-registry, else reviewed.
void CorporationCodes::compare_with_registered(const CorporationColumns& check,
                                               std::vector<std::string>& row,
                                               std::vector<CorporationEdit>& edits,
                                               std::vector<CorporationDoubt>& doubts) {
  const std::string number = row[static_cast<std::size_t>(check.key)];
  if (!is_corporate_number_form(number)) return;  // its own problem, from the value fixer
  if (!registry_.find_corporation(number, found_)) {
    doubts.push_back({check.key, number,
                      number + " is not in the registry " + registry_.description(),
                      "not-in-registry", ""});
    return;
  }
  if (found_.closed()) {
    doubts.push_back(closed_doubt(check, found_));
    if (found_.deleted()) return;
  }
  std::string& name = row[static_cast<std::size_t>(check.name)];
  if (!name.empty() && !found_.name.empty() &&
      !agrees_with_registered(RegisteredValue::name, name, found_.name, characters_)) {
    if (update_) {
      edits.push_back({check.name, name, found_.name, "registry-name"});
      name = found_.name;
    } else {
      doubts.push_back({check.name, name,
                        name + " differs from the registered name " + found_.name +
                            " (--update-from-registry writes it)",
                        "registry-mismatch", found_.name});
    }
  }
  const std::string registered = found_.address();
  const std::string& address = joined_address(check, row);
  if (address.empty() || registered.empty() ||
      agrees_with_registered(RegisteredValue::address, address, registered, characters_))
    return;
  if (!update_ || !check.address_kind_fits) {
    doubts.push_back(
        {check.address.front(), address,
         address + " differs from the registered address " + registered +
             (!update_ ? " (--update-from-registry writes it)"
                       : " (the registry does not say where its 町字 ends: written in parts, "
                         "it is left to a person)"),
         "registry-mismatch", registered});
    return;
  }
  // 連結表記, or 都道府県 + 市区町村 + 町字以下: the registry's three parts.
  const std::vector<std::string> parts =
      check.address.size() == 1
          ? std::vector<std::string>{registered}
          : std::vector<std::string>{found_.prefecture, found_.city, found_.street};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string& cell = row[static_cast<std::size_t>(check.address[i])];
    if (cell == parts[i]) continue;
    edits.push_back({check.address[i], cell, parts[i], "registry-address"});
    cell = parts[i];
  }
}

}  // namespace gifkit::models
