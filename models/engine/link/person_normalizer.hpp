// person_normalizer.hpp — one row's items as link compares them: 氏名
// (spaces dropped, widths folded, then through the character data's fold:
// 髙 → 高), its reading (grammars/text/kana_reading), 生年月日 (ISO, slashes,
// 和暦: grammars/values/date's loose grammar), 性別 (codes and labels:
// grammars/dictionaries/sex_labels) and 住所 (through the Address Base Registry to its
// 町字 and numbers when a registry is given and knows the place; else the
// address fold: 2丁目1番地2号, 2-1-2 and 二丁目一番二号 alike; 方書 after the
// numbers set aside).
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

#include "grammars/values/address_fold.hpp"
#include "models/engine/link/link_items.hpp"
#include "models/engine/lookups/address_lookup.hpp"
#include "models/engine/lookups/character_lookup.hpp"

namespace gifkit::models {

// The items of a row as written (氏 and 名 joined by one space).
struct WrittenPerson {
  std::string_view name, kana, birth_date, sex, address, id, number;
};

class PersonNormalizer {
 public:
  // fold_tables: the text of address_fold.tsv; characters and addresses may
  // be null. texts must outlive this. Throws std::runtime_error when the
  // fold tables have an error.
  PersonNormalizer(std::string_view fold_tables, CharacterLookup* characters,
                   AddressLookup* addresses, LinkTexts& texts);

  // The record of row, its compared items made from its written ones.
  PersonRecord make(std::uint64_t row, const WrittenPerson& person);

  // The address's keys by the address fold alone (no registry): up to its
  // numbers ("文京区白山|2-1-2") and up to its 町字 ("文京区白山"). A leading
  // 都道府県 is left out, so an address written without it compares equal.
  void fold_address(std::string_view address, std::string& address_key, std::string& town_key);

  std::uint64_t addresses_by_registry() const { return by_registry_; }

 private:
  struct AddressKeys {
    std::uint32_t address = 0, town = 0, abr_address = 0, abr_town = 0;
  };
  AddressKeys address_keys(std::string_view address);
  std::uint32_t folded_name(std::string_view plain);

  grammars::AddressFoldTables tables_;
  CharacterLookup* characters_;
  AddressLookup* addresses_;
  LinkTexts& texts_;
  std::uint64_t by_registry_ = 0;
  // Households share addresses and names repeat: each is normalized once.
  std::unordered_map<std::string, AddressKeys> address_cache_;
  std::unordered_map<std::uint32_t, std::uint32_t> folded_of_plain_;
  grammars::FoldedAddress folded_;
  grammars::AddressKey key_;
  std::string address_key_, town_key_;
};

}  // namespace gifkit::models
