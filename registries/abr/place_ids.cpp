// place_ids.cpp — see place_ids.hpp. Each level reads the one table that
// holds its place by the numbers the matcher found (the ABR's numbers are
// text; an absent second or third number is NULL or "").
#include "registries/abr/place_ids.hpp"

namespace gifkit::registries::abr {
namespace {

constexpr const char* kResidenceIds =
    "SELECT blk_id, rsdt_id, rsdt2_id FROM abr_rsdt WHERE lg_code = ?1 AND machiaza_id = ?2 AND "
    "blk_num = ?3 AND rsdt_num = ?4 AND COALESCE(rsdt_num2, '') = ?5 LIMIT 1";
constexpr const char* kBlockId =
    "SELECT blk_id FROM abr_rsdt_blk WHERE lg_code = ?1 AND machiaza_id = ?2 AND blk_num = ?3 "
    "LIMIT 1";
constexpr const char* kParcelId =
    "SELECT prc_id FROM abr_parcel WHERE lg_code = ?1 AND machiaza_id = ?2 AND prc_num1 = ?3 AND "
    "COALESCE(prc_num2, '') = ?4 AND COALESCE(prc_num3, '') = ?5 LIMIT 1";
constexpr const char* kTownFlagOf =
    "SELECT rsdt_addr_flg FROM abr_town WHERE lg_code = ?1 AND machiaza_id = ?2 "
    "ORDER BY rsdt_addr_flg DESC LIMIT 1";

Statement place_ids_query(const RegistryDb& db, const char* sql, const NormalizedAddress& r) {
  Statement select = db.prepare(sql);
  select.bind_text(1, r.lg_code);
  select.bind_text(2, r.machiaza_id);
  return select;
}

}  // namespace

PlaceIds find_place_ids(const RegistryDb& db, const NormalizedAddress& r) {
  PlaceIds ids;
  if (r.machiaza_id.empty()) return ids;
  switch (r.match_level) {
    case MatchLevel::residential_detail: {
      ids.rsdt_addr_flg = 1;
      Statement select = place_ids_query(db, kResidenceIds, r);
      select.bind_text(3, r.blk_num);
      select.bind_text(4, r.rsdt_num);
      select.bind_text(5, r.rsdt_num2);
      if (select.step()) {
        ids.blk_id = select.column_text(0);
        ids.rsdt_id = select.column_text(1);
        ids.rsdt2_id = select.column_text(2);
      }
      return ids;
    }
    case MatchLevel::residential_block: {
      ids.rsdt_addr_flg = 1;
      Statement select = place_ids_query(db, kBlockId, r);
      select.bind_text(3, r.blk_num);
      if (select.step()) ids.blk_id = select.column_text(0);
      return ids;
    }
    case MatchLevel::parcel: {
      ids.rsdt_addr_flg = 0;
      Statement select = place_ids_query(db, kParcelId, r);
      select.bind_text(3, r.prc_num1);
      select.bind_text(4, r.prc_num2);
      select.bind_text(5, r.prc_num3);
      if (select.step()) ids.prc_id = select.column_text(0);
      return ids;
    }
    case MatchLevel::machiaza:
    case MatchLevel::machiaza_detail: {
      Statement select = place_ids_query(db, kTownFlagOf, r);
      if (select.step()) {
        const std::string flag(select.column_text(0));
        if (flag == "0" || flag == "1") ids.rsdt_addr_flg = flag == "1" ? 1 : 0;
      }
      return ids;
    }
    default:
      return ids;
  }
}

}  // namespace gifkit::registries::abr
