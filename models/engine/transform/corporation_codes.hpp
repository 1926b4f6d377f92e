// corporation_codes.hpp — what transform takes from the 法人番号 registry, row
// by row, for a model with a corporation registry check (<registry-check
// registry="corporation">, LegalEntity's): the 法人番号 of a corporation
// whose name and address agree with exactly one registered corporation, and
// — with --update-from-registry only (the once-only workflow: 法人は登記さえ
// 変えればよい) — the registered name and address in place of stale ones.
// Everything else it notices (two corporations of that name at that
// address, a name registered only elsewhere, a number the registry does not
// have or that is closed, a stale name without the option) is a doubt for
// the review list. It works on the output row, after every other fix, and
// compares as validate's registry rules do (agrees_with_registered).
#pragma once
#include <string>
#include <vector>

#include "models/engine/lookups/character_lookup.hpp"
#include "models/engine/lookups/corporation_lookup.hpp"
#include "models/engine/model/model.hpp"

namespace gifkit::models {

// A corporation check bound to output columns (indexes into the output row).
struct CorporationColumns {
  int key = -1;              // the 法人番号 (a column of the output; maybe added for this)
  int name = -1;             // the name compared with the registered one
  std::vector<int> address;  // the address compared (cells joined), empty when none
  bool address_kind_fits = false;  // address is 連結表記 or 都道府県 + 市区町村 + 町字以下:
                                   // the registered address can be written into it
};

// One cell changed: output column, before, after, the transform rule.
struct CorporationEdit {
  int column = -1;
  std::string from, to, rule;
};

// Something only a person can settle, at an output column.
struct CorporationDoubt {
  int column = -1;
  std::string value, why, code, candidates;
};

class CorporationCodes {
 public:
  // registry must hold 法人番号 data; characters compares names as the
  // registry's character data does (agrees_with_registered). Both must
  // outlive this. update: replace a stale name or address by the registered one.
  CorporationCodes(std::vector<CorporationColumns> checks, CorporationLookup& registry,
                   CharacterLookup& characters, bool update);

  // Looks the row up and edits it in place: each change appended to edits,
  // each doubt to doubts (both cleared first).
  void apply(std::vector<std::string>& row, std::vector<CorporationEdit>& edits,
             std::vector<CorporationDoubt>& doubts);

  // How many registered corporations of one name are read at most (one more
  // tells there are too many to list).
  static constexpr std::size_t kCandidates = 20;

 private:
  void add_number(const CorporationColumns& check, std::vector<std::string>& row,
                  std::vector<CorporationEdit>& edits, std::vector<CorporationDoubt>& doubts);
  void compare_with_registered(const CorporationColumns& check, std::vector<std::string>& row,
                               std::vector<CorporationEdit>& edits,
                               std::vector<CorporationDoubt>& doubts);
  // The row's address cells joined (into address_).
  const std::string& joined_address(const CorporationColumns& check,
                                    const std::vector<std::string>& row);

  std::vector<CorporationColumns> checks_;
  CorporationLookup& registry_;
  CharacterLookup& characters_;  // names compared as the registry's character data does
  bool update_;
  RegisteredCorporation found_;
  std::string address_;
};

}  // namespace gifkit::models
