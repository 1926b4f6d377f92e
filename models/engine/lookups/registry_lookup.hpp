// registry_lookup.hpp — the small interface through which the validation
// engine reaches a base registry (DESIGN §3): the registered state of a
// corporation by 法人番号, and an area / 町字 of the Address Base Registry by
// 全国地方公共団体コード and 町字ID. validate works without one (the registry rules of
// the models are then skipped); models/session/session_lookup.hpp implements it over
// a registry file built by `gifkit registry build`, and tests may implement
// it over anything.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/lookups/matched_address.hpp"

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

// A 全国地方公共団体コード as the Address Base Registry holds it.
struct RegisteredArea {
  std::string prefecture;  // 都道府県
  std::string county;      // 郡 ("" for most)
  std::string city;        // 市区町村 ("" for a prefecture's own code)
  std::string ward;        // 政令市の区 ("" for most)
};

// A 町字 (lg_code + 町字ID) as the Address Base Registry holds it.
struct RegisteredTown {
  std::string oaza_cho;      // 大字・町名
  std::string chome;         // 丁目名 (二丁目)
  std::string chome_number;  // its number (2), "" when none
  std::string koaza;         // 小字名
  std::string postal_code;   // 郵便番号 (7 digits), "" where the ABR has none
};

// A city found by its point (RegistryLookup::nearest_city).
struct NearestCity {
  std::string lg_code;
  std::string name;  // 都道府県 + 郡 + 市区町村 + 区
  double distance_m = 0;
};

class RegistryLookup {
 public:
  virtual ~RegistryLookup() = default;

  // True when the registry holds Address Base Registry data (the address
  // rules are skipped otherwise, with a note).
  virtual bool has_addresses() const { return false; }
  // The area of this code, or false when the registry does not know it.
  virtual bool find_area(std::string_view /*lg_code*/, RegisteredArea& /*out*/) { return false; }
  // The 町字 of (lg_code, 町字ID), or false when the registry does not know it.
  virtual bool find_town(std::string_view /*lg_code*/, std::string_view /*machiaza_id*/,
                         RegisteredTown& /*out*/) {
    return false;
  }
  // Normalizes a written-out address (都道府県 + 市区町村 + 町字 + 番地以下…)
  // with the address normalizer against the registry, into out; false when
  // the lookup has no normalizer (no ABR data or no fold tables).
  virtual bool normalize_address(std::string_view /*address*/, MatchedAddress& /*out*/) {
    return false;
  }
  // The 町字 a written-out address reaches, into lg_code / machiaza_id;
  // false when it stops above a 町字, is ambiguous, or there is no normalizer.
  bool locate_town(std::string_view address, std::string& lg_code, std::string& machiaza_id) {
    MatchedAddress found;
    if (!normalize_address(address, found) || found.ambiguous || found.machiaza_id.empty())
      return false;
    lg_code = std::move(found.lg_code);
    machiaza_id = std::move(found.machiaza_id);
    return true;
  }
  // The city (or 政令市 ward) whose ABR representative point is nearest to
  // (lat, lon): its code, its name and the distance in metres; false without
  // ABR data.
  virtual bool nearest_city(double /*lat*/, double /*lon*/, NearestCity& /*out*/) { return false; }
  // The ABR representative point of a city (or ward); false when unknown.
  virtual bool city_point(std::string_view /*lg_code*/, double& /*lat*/, double& /*lon*/) {
    return false;
  }
  // True when the registry holds 法人番号 data.
  virtual bool has_corporations() const { return true; }

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
  // The registry's data date (YYYY-MM-DD), "" when unknown.
  virtual std::string data_date() const { return {}; }

  // text as the registry's character data compares names: variation
  // selectors dropped, each character outside JIS X 0208 folded (髙 → 高, 﨑 →
  // 崎; registries/moji/name_fold.hpp); text as it is without character data.
  virtual std::string fold_characters(std::string_view text) { return std::string(text); }

  // As find_corporation, for one-off callers.
  std::optional<RegisteredCorporation> corporation(std::string_view number) {
    RegisteredCorporation found;
    if (!find_corporation(number, found)) return std::nullopt;
    return found;
  }
};

}  // namespace gifkit::models
