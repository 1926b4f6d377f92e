// corporation.hpp — a corporation as the registry holds it now, by name: the
// one type for it above the table (the engine's RegisteredCorporation is this
// type, models/engine/lookups/corporation_lookup.hpp). It is a view of the
// latest row of the 法人番号 table (a HoujinRecord, houjin_lookup.hpp): the
// columns a caller compares, with the names of its codes; corporation_of
// makes it from a row (houjin_lookup.hpp), CorporationReader::find_state
// reads it straight. A value type with no reader attached: the engine's
// lookup interfaces name it (tests/check_layering.sh allows that one include).
#pragma once
#include <string>

#include "registries/houjin/columns/houjin_columns.hpp"

namespace gifkit::registries::houjin {

// Empty strings for values the registry has not got (a deleted number keeps
// only number, process and update date).
struct Corporation {
  std::string number;            // 13 digits
  std::string process;           // 処理区分 of the latest record ("01", "21", "99"...)
  std::string process_name;      // "登記記録の閉鎖等", "削除"...
  std::string update_date;       // YYYY-MM-DD the registry's source published it
  std::string name;              // 商号又は名称
  std::string prefecture;        // 国内所在地（都道府県）
  std::string city;              // 国内所在地（市区町村）
  std::string street;            // 国内所在地（丁目番地等）
  std::string close_date;        // 登記記録の閉鎖等年月日, "" while open
  std::string close_cause;       // its code ("11")
  std::string close_cause_name;  // its name ("合併による解散等")
  std::string successor;         // 承継先法人番号, "" when none

  // The registered address written out: 都道府県 + 市区町村 + 丁目番地等.
  std::string address() const { return prefecture + city + street; }
  // The number was deleted from the register (処理区分 99).
  bool deleted() const { return process == "99"; }
  // Closed (has a close date) or deleted.
  bool closed() const { return !close_date.empty() || deleted(); }
  // Sets process_name and close_cause_name from the codes.
  void name_codes() {
    process_name = houjin::process_name(process);
    close_cause_name = houjin::close_cause_name(close_cause);
  }
};

}  // namespace gifkit::registries::houjin
