// corporation_lookup.hpp — the interface through which the engine reaches
// the 法人番号 data of a base registry (DESIGN §3): the registered state of a
// corporation by its number, the corporations of a name, and the changes of
// one since a date. validate's corporation rules
// (models/engine/checks/registry_rules.hpp) and transform's 法人番号
// (models/engine/transform/corporation_codes.hpp) take it;
// models/session/session_lookup.hpp implements it over a registry file built
// by `gifkit registry build`, and tests may implement it over anything.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::models {

// A corporation as the registry holds it now. Empty strings for values the
// registry has not got (a deleted number keeps only number, process and
// update date).
struct RegisteredCorporation {
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
};

// A change of a corporation in the registry: an event of the 法人番号 change
// feed (registries/houjin/changes/change_feed.hpp), as the report shows it.
struct RegistryChange {
  std::string kind;     // "renamed", "moved", "closed", … (the table of kinds)
  std::string summary;  // "renamed (11) published 2025-03-11, …: name A → B"
};

class CorporationLookup {
 public:
  virtual ~CorporationLookup() = default;

  // True when the registry holds 法人番号 data.
  virtual bool has_corporations() const { return true; }
  // Why a number the registry has not got may still be registered — its
  // 法人番号 data is daily diff files only, or the bulk files of some
  // prefectures only — so validate reports it not checked rather than
  // not-in-registry; "" when the registry holds every corporation it knows of.
  virtual std::string missing_not_checked_because() const { return {}; }

  // Fills out with the registered corporation of this number and returns
  // true, or returns false when the registry does not have the number. out's
  // strings keep their capacity: the fast path for a caller that looks up
  // every row. Throws when the registry cannot be read.
  virtual bool find_corporation(std::string_view number, RegisteredCorporation& out) = 0;

  // The registered corporations named `name`: the name index's exact
  // matches (keys equal after its name fold, registries/houjin/names/name_key.hpp),
  // open and closed, not those the NTA hides from its own search; at most
  // limit of them (a caller asks for one more than it can use to know when
  // there are too many). Empty without 法人番号 data. Throws when the
  // registry cannot be read or has no name index.
  virtual std::vector<RegisteredCorporation> corporations_named(std::string_view /*name*/,
                                                                std::size_t /*limit*/) {
    return {};
  }

  // The changes of the corporation with this number published on or after
  // since (YYYY-MM-DD), in the order published, into out (cleared). False
  // when the lookup has no change feed; then out is empty.
  virtual bool corporation_changes(std::string_view /*number*/, std::string_view /*since*/,
                                   std::vector<RegistryChange>& out) {
    out.clear();
    return false;
  }

  // What the registry is, for notes in reports ("houjin.db").
  virtual std::string description() const = 0;

  // As find_corporation, for one-off callers.
  std::optional<RegisteredCorporation> corporation(std::string_view number) {
    RegisteredCorporation found;
    if (!find_corporation(number, found)) return std::nullopt;
    return found;
  }
};

}  // namespace gifkit::models
