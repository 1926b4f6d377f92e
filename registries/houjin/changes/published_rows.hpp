// published_rows.hpp — the registry's imported 法人番号 rows by the day the
// NTA published them (updateDate), every row as imported (re-sent and
// corrected rows too, unlike the change feed's events), with the filters of
// the NTA Web-API's /diff (a prefecture or city code, 法人種別 groups), a
// page at a time, and the newest updateDate the registry holds: what
// `gifkit serve`'s /4/diff answers with. Read through the index
// corporation_history_by_update_date.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"

namespace gifkit::registries::houjin {

struct PublishedRowsQuery {
  std::string from;  // YYYY-MM-DD: updateDate on or after it
  std::string to;    // YYYY-MM-DD: on or before it
  // The first digits of the kinds kept ("13": 1xx and 3xx); "" every kind.
  std::string kind_leads;
  std::string prefecture_code;  // "13"; "" any
  std::string city_code;        // "101" (with a prefecture code); "" any
  std::uint64_t offset = 0;
  std::uint64_t limit = 2000;
};

struct PublishedRows {
  std::uint64_t count = 0;         // every row of the query, without offset and limit
  std::vector<HoujinRecord> rows;  // the page: by updateDate, then import order
};

// Throws RegistryError when the registry holds no 法人番号 history.
PublishedRows published_rows(const RegistryDb& db, const PublishedRowsQuery& query);

// The newest updateDate of the imported rows ("" when none).
std::string newest_update_date(const RegistryDb& db);

}  // namespace gifkit::registries::houjin
