// abr_columns.cpp — see abr_columns.hpp. The catalogue below is the ABR's
// published column list (FORMAT.md; the Japanese names of the 2022 trial
// files and the data dictionary of the Digital Agency's specification).
#include "registries/abr/abr_columns.hpp"

#include <algorithm>
#include <array>

#include "grammars/text/text_fold.hpp"

namespace gifkit::registries::abr {
namespace {

using C = ColumnCheck;

constexpr ColumnSpec column(std::string_view name, std::string_view japanese,
                            std::string_view old_name, ColumnCheck check = C::text,
                            std::string_view codes = {}) {
  return {name, japanese, old_name, check, codes};
}

// Every column of every ABR table. japanese may hold several spellings
// separated by '|' (a column renamed between editions).
constexpr std::array kColumns = {
    column("lg_code", "全国地方公共団体コード", "", C::lg_code),
    column("machiaza_id", "町字ID", "town_id", C::machiaza_id),
    column("machiaza_type", "町字区分コード", "town_code", C::code, "12345"),
    column("pref", "都道府県名", "pref_name"),
    column("pref_kana", "都道府県名_カナ", "pref_name_kana"),
    column("pref_roma", "都道府県名_英字", "pref_name_roma"),
    column("county", "郡名", "county_name"),
    column("county_kana", "郡名_カナ", "county_name_kana"),
    column("county_roma", "郡名_英字", "county_name_roma"),
    column("city", "市区町村名", "city_name"),
    column("city_kana", "市区町村名_カナ", "city_name_kana"),
    column("city_roma", "市区町村名_英字", "city_name_roma"),
    column("ward", "政令市区名", "od_city_name"),
    column("ward_kana", "政令市区名_カナ", "od_city_name_kana"),
    column("ward_roma", "政令市区名_英字", "od_city_name_roma"),
    column("oaza_cho", "大字・町名", "oaza_town_name"),
    column("oaza_cho_kana", "大字・町名_カナ", "oaza_town_name_kana"),
    column("oaza_cho_roma", "大字・町名_英字", "oaza_town_name_roma"),
    column("chome", "丁目名", "chome_name"),
    column("chome_kana", "丁目名_カナ", "chome_name_kana"),
    column("chome_number", "丁目名_数字", "chome_name_number", C::digits),
    column("koaza", "小字名", "koaza_name"),
    column("koaza_kana", "小字名_カナ", "koaza_name_kana"),
    column("koaza_roma", "小字名_英字", "koaza_name_roma"),
    column("machiaza_dist", "同一町字識別情報", ""),
    column("rsdt_addr_flg", "住居表示フラグ", "", C::code, "01"),
    column("rsdt_addr_mtd_code", "住居表示方式コード", "", C::code, "012"),
    column("oaza_cho_aka_flg", "大字・町名_通称フラグ", "oaza_town_alt_name_flg", C::code, "01"),
    column("koaza_aka_code", "小字名_通称コード|小字名_通称フラグ", "koaza_alt_name_flg", C::code,
           "0123"),
    column("oaza_cho_gsi_uncmn", "大字・町名_電子国土基本図外字", "oaza_frn_ltrs_flg"),
    column("koaza_gsi_uncmn", "小字名_電子国土基本図外字", "koaza_frn_ltrs_flg"),
    column("status_flg", "状態フラグ", "", C::code, "0123"),
    column("wake_num_flg", "起番フラグ", "", C::code, "012"),
    column("efct_date", "効力発生日", "", C::date),
    column("ablt_date", "廃止日", "", C::date),
    column("src_code", "原典資料コード", "", C::digits),
    column("post_code", "郵便番号", "", C::post_code),
    column("remarks", "備考", ""),
    column("oaza_cho_uncmn_reg", "", ""),
    column("oaza_cho_uncmn_mj", "", ""),
    column("oaza_cho_uncmn_type", "", ""),
    column("oaza_cho_uncmn_code", "", ""),
    column("koaza_uncmn_reg", "", ""),
    column("koaza_uncmn_mj", "", ""),
    column("koaza_uncmn_type", "", ""),
    column("koaza_uncmn_code", "", ""),
    column("alias_oaza", "", ""),
    column("alias_oaza_kana", "", ""),
    column("alias_oaza_roma", "", ""),
    column("alias_koaza", "", ""),
    column("alias_koaza_kana", "", ""),
    column("alias_koaza_roma", "", ""),
    column("blk_id", "街区ID", "", C::three_digits),
    column("rsdt_id", "住居ID", "addr_id", C::three_digits),
    column("rsdt2_id", "住居2ID", "addr2_id", C::digits),
    column("blk_num", "街区符号", ""),
    column("rsdt_num", "住居番号", ""),
    column("rsdt_num2", "住居番号2", ""),
    column("basic_rsdt_div", "基礎番号・住居番号区分", "", C::digits),
    column("prc_id", "地番ID", "", C::prc_id),
    column("prc_num1", "地番1", ""),
    column("prc_num2", "地番2", ""),
    column("prc_num3", "地番3", ""),
    column("prc_rec_flg", "地番レコード区分フラグ", "", C::digits),
    column("prc_area_code", "地番区域コード", ""),
    column("real_prop_num", "不動産番号", "", C::digits),
    column("rep_lon", "代表点_経度", "rep_pnt_lon", C::decimal),
    column("rep_lat", "代表点_緯度", "rep_pnt_lat", C::decimal),
    column("rep_srid", "代表点_座標参照系", "rep_pnt_srid", C::srid),
    column("rep_scale", "代表点_地図情報レベル", "", C::digits),
    column("rep_src_code", "代表点_原典資料コード", "", C::digits),
    column("plygn_fname", "ポリゴン_ファイル名", ""),
    column("plygn_kcode", "ポリゴン_キーコード", ""),
    column("plygn_fmt", "ポリゴン_データフォーマット", ""),
    column("plygn_srid", "ポリゴン_座標参照系", "", C::srid),
    column("plygn_scale", "ポリゴン_地図情報レベル", "", C::digits),
    column("plygn_src_code", "ポリゴン_原典資料コード", "", C::digits),
    column("pos_oaza_cho_chome_code", "位置参照情報_大字町丁目コード", "", C::digits),
    column("pos_data_mnt_year", "位置参照情報_データ整備年度", "", C::digits),
    column("cns_bnd_s_area_kcode", "国勢調査境界_小地域（町丁・字）コード", ""),
    column("cns_bnd_year", "国勢調査境界_データ整備年", "", C::digits),
    column("pos_pref", "位置参照情報_都道府県名", ""),
    column("pos_city", "位置参照情報_市区町村名", ""),
    column("pos_oaza_cho_chome", "位置参照情報_大字・町丁目名", ""),
    column("pos_koaza_aka", "位置参照情報_小字・通称名", ""),
    column("pos_blk_prc_num", "位置参照情報_街区符号・地番", ""),
    column("rsdt_addr_code_rdbl", "電子国土基本図（地図情報）「住居表示住所」_住所コード（可読）",
           ""),
    column("rsdt_addr_data_mnt_date", "電子国土基本図（地図情報）「住居表示住所」_データ整備日", "",
           C::date),
    column("moj_map_city_code", "法務省地図_市区町村コード", ""),
    column("moj_map_oaza_code", "法務省地図_大字コード", ""),
    column("moj_map_chome_code", "法務省地図_丁目コード", ""),
    column("moj_map_koaza_code", "法務省地図_小字コード", ""),
    column("moj_map_spare_code", "法務省地図_予備コード", ""),
    column("moj_map_brushid", "法務省地図_筆ID", ""),
};

// The column lists of FORMAT.md, one string per layout.
constexpr std::string_view kPrefColumns =
    "lg_code,pref,pref_kana,pref_roma,efct_date,ablt_date,remarks";
constexpr std::string_view kAreaPosColumns =
    "lg_code,rep_lon,rep_lat,rep_srid,rep_scale,plygn_fname,plygn_kcode,plygn_fmt,plygn_srid,"
    "plygn_scale";
constexpr std::string_view kCityColumns =
    "lg_code,pref,pref_kana,pref_roma,county,county_kana,county_roma,city,city_kana,city_roma,"
    "ward,ward_kana,ward_roma,efct_date,ablt_date,remarks";
constexpr std::string_view kTownColumns =
    "lg_code,machiaza_id,machiaza_type,pref,pref_kana,pref_roma,county,county_kana,county_roma,"
    "city,city_kana,city_roma,ward,ward_kana,ward_roma,oaza_cho,oaza_cho_kana,oaza_cho_roma,"
    "chome,chome_kana,chome_number,koaza,koaza_kana,koaza_roma,machiaza_dist,rsdt_addr_flg,"
    "rsdt_addr_mtd_code,oaza_cho_aka_flg,koaza_aka_code,oaza_cho_gsi_uncmn,koaza_gsi_uncmn,"
    "status_flg,wake_num_flg,efct_date,ablt_date,src_code,post_code,oaza_cho_uncmn_reg,"
    "oaza_cho_uncmn_mj,oaza_cho_uncmn_type,oaza_cho_uncmn_code,koaza_uncmn_reg,koaza_uncmn_mj,"
    "koaza_uncmn_type,koaza_uncmn_code,alias_oaza,alias_oaza_kana,alias_oaza_roma,alias_koaza,"
    "alias_koaza_kana,alias_koaza_roma,remarks";
constexpr std::string_view kTownPosColumns =
    "lg_code,machiaza_id,rsdt_addr_flg,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,"
    "plygn_fname,plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,"
    "pos_oaza_cho_chome_code,pos_data_mnt_year,cns_bnd_s_area_kcode,cns_bnd_year";
constexpr std::string_view kBlockColumns =
    "lg_code,machiaza_id,blk_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,blk_num,"
    "rsdt_addr_flg,rsdt_addr_mtd_code,status_flg,efct_date,ablt_date,src_code,remarks";
constexpr std::string_view kBlockPosColumns =
    "lg_code,machiaza_id,blk_id,rsdt_addr_flg,rsdt_addr_mtd_code,rep_lon,rep_lat,rep_srid,"
    "rep_scale,rep_src_code,plygn_fname,plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,"
    "plygn_src_code,pos_pref,pos_city,pos_oaza_cho_chome,pos_koaza_aka,pos_blk_prc_num,"
    "pos_data_mnt_year,rsdt_addr_code_rdbl,rsdt_addr_data_mnt_date";
constexpr std::string_view kResidenceColumns =
    "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,"
    "blk_num,rsdt_num,rsdt_num2,basic_rsdt_div,rsdt_addr_flg,rsdt_addr_mtd_code,status_flg,"
    "efct_date,ablt_date,src_code,remarks";
constexpr std::string_view kResidencePosColumns =
    "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id,rsdt_addr_flg,rsdt_addr_mtd_code,rep_lon,"
    "rep_lat,rep_srid,rep_scale,rep_src_code,rsdt_addr_code_rdbl,rsdt_addr_data_mnt_date,"
    "basic_rsdt_div";
constexpr std::string_view kParcelColumns =
    "lg_code,machiaza_id,prc_id,city,ward,oaza_cho,chome,koaza,machiaza_dist,prc_num1,prc_num2,"
    "prc_num3,rsdt_addr_flg,prc_rec_flg,prc_area_code,efct_date,ablt_date,src_code,remarks,"
    "real_prop_num";
constexpr std::string_view kParcelPosColumns =
    "lg_code,machiaza_id,prc_id,rep_lon,rep_lat,rep_srid,rep_scale,rep_src_code,plygn_fname,"
    "plygn_kcode,plygn_fmt,plygn_srid,plygn_scale,plygn_src_code,moj_map_city_code,"
    "moj_map_oaza_code,moj_map_chome_code,moj_map_koaza_code,moj_map_spare_code,"
    "moj_map_brushid";

std::vector<std::string_view> split(std::string_view list, char separator = ',') {
  std::vector<std::string_view> parts;
  while (!list.empty()) {
    std::size_t end = list.find(separator);
    parts.push_back(list.substr(0, end));
    list = end == std::string_view::npos ? std::string_view() : list.substr(end + 1);
  }
  return parts;
}

// The spelling used to compare header names: full-width ASCII folded,
// ASCII letters lowercased, blanks around removed.
std::string comparable_name(std::string_view name) {
  std::string folded = grammars::fold_ascii_width(name);
  std::size_t first = folded.find_first_not_of(" \t");
  std::size_t last = folded.find_last_not_of(" \t");
  if (first == std::string::npos) return {};
  folded = folded.substr(first, last - first + 1);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return folded;
}

const std::vector<std::pair<std::string, const ColumnSpec*>>& names_to_columns() {
  static const auto names = [] {
    std::vector<std::pair<std::string, const ColumnSpec*>> all;
    for (const auto& column : kColumns) {
      all.emplace_back(comparable_name(column.name), &column);
      if (!column.old_name.empty()) all.emplace_back(comparable_name(column.old_name), &column);
      for (auto japanese : split(column.japanese, '|'))
        all.emplace_back(comparable_name(japanese), &column);
    }
    return all;
  }();
  return names;
}

// A table of numbered places, packed per 町字.
AbrTable packed_per_town(AbrTable table) {
  table.packed_per_town = true;
  return table;
}

AbrTable make_table(std::string_view name, std::string_view columns, std::string_view key,
                    std::string_view extra = {}) {
  // A key part written name? may be empty.
  AbrTable table{name, split(columns), {}, {}, split(extra), false};
  for (auto part : split(key)) {
    bool optional = part.ends_with('?');
    if (optional) part.remove_suffix(1);
    table.key.push_back(part);
    if (optional) table.key_may_be_empty.push_back(part);
  }
  return table;
}

}  // namespace

const ColumnSpec* find_column(std::string_view header_name) {
  std::string wanted = comparable_name(header_name);
  for (const auto& [name, column] : names_to_columns())
    if (name == wanted) return column;
  return nullptr;
}

const std::vector<AbrTable>& abr_tables() {
  static const std::vector<AbrTable> tables = {
      make_table("abr_pref", kPrefColumns, "lg_code"),
      make_table("abr_pref_pos", kAreaPosColumns, "lg_code"),
      make_table("abr_city", kCityColumns, "lg_code"),
      make_table("abr_city_pos", kAreaPosColumns, "lg_code"),
      make_table("abr_town", kTownColumns, "lg_code,machiaza_id,rsdt_addr_flg",
                 "town_key,town_kana_key"),
      make_table("abr_town_pos", kTownPosColumns, "lg_code,machiaza_id,rsdt_addr_flg"),
      make_table("abr_rsdt_blk", kBlockColumns, "lg_code,machiaza_id,blk_id", "derived"),
      make_table("abr_rsdt_blk_pos", kBlockPosColumns, "lg_code,machiaza_id,blk_id", "derived"),
      packed_per_town(make_table("abr_rsdt", kResidenceColumns,
                                 "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id?")),
      packed_per_town(make_table("abr_rsdt_pos", kResidencePosColumns,
                                 "lg_code,machiaza_id,blk_id,rsdt_id,rsdt2_id?")),
      packed_per_town(make_table("abr_parcel", kParcelColumns, "lg_code,machiaza_id,prc_id")),
      packed_per_town(
          make_table("abr_parcel_pos", kParcelPosColumns, "lg_code,machiaza_id,prc_id")),
  };
  return tables;
}

const AbrTable* find_table(std::string_view name) {
  for (const auto& table : abr_tables())
    if (table.name == name) return &table;
  return nullptr;
}

const std::vector<AbrKind>& abr_kinds() {
  static const std::vector<AbrKind> kinds = {
      {"abr-pref", "mt_pref", find_table("abr_pref"), false},
      {"abr-pref-pos", "mt_pref_pos", find_table("abr_pref_pos"), true},
      {"abr-city", "mt_city", find_table("abr_city"), false},
      {"abr-city-pos", "mt_city_pos", find_table("abr_city_pos"), true},
      {"abr-town", "mt_town", find_table("abr_town"), false},
      {"abr-town-fullset", "mt_town_fullset", find_table("abr_town"), false},
      {"abr-town-pos", "mt_town_pos", find_table("abr_town_pos"), true},
      {"abr-rsdt-blk", "mt_rsdtdsp_blk", find_table("abr_rsdt_blk"), false},
      {"abr-rsdt-blk-pos", "mt_rsdtdsp_blk_pos", find_table("abr_rsdt_blk_pos"), true},
      {"abr-rsdt", "mt_rsdtdsp_rsdt", find_table("abr_rsdt"), false},
      {"abr-rsdt-pos", "mt_rsdtdsp_rsdt_pos", find_table("abr_rsdt_pos"), true},
      {"abr-parcel", "mt_parcel", find_table("abr_parcel"), false},
      {"abr-parcel-pos", "mt_parcel_pos", find_table("abr_parcel_pos"), true},
  };
  return kinds;
}

const AbrKind* find_kind(std::string_view name) {
  for (const auto& kind : abr_kinds())
    if (kind.name == name) return &kind;
  return nullptr;
}

}  // namespace gifkit::registries::abr
