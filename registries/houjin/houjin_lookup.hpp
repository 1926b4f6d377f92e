// houjin_lookup.hpp — queries of the 法人番号 tables of a registry: the
// current state of a corporation and its imported history, by number.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/houjin_columns.hpp"

namespace gifkit::registries::houjin {

// One record in the 30 columns of kHoujinColumns ("" for an empty value).
using HoujinRecord = std::array<std::string, kHoujinColumnCount>;

// The stored (latest) state of the corporation with this 13-digit number,
// or nothing. Throws RegistryError when the registry has no 法人番号 tables.
std::optional<HoujinRecord> find_corporation(const RegistryDb& db, std::string_view number);

// Every imported row of that corporation, oldest first (by update date,
// then change date, then import order).
std::vector<HoujinRecord> corporation_history(const RegistryDb& db, std::string_view number);

}  // namespace gifkit::registries::houjin
