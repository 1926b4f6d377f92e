// houjin_columns.hpp — the 30 columns of the National Tax Agency's 法人番号
// CSV (bulk, diff and Web-API v4; FORMAT.md §3) with the NTA's own names
// (used in JSON/CSV output) and the registry's column names, and the names
// of the code values (FORMAT.md §4).
#pragma once
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace gifkit::registries::houjin {

struct HoujinColumn {
  std::string_view nta_name;  // e.g. corporateNumber
  std::string_view sql_name;  // e.g. corporate_number
};

inline constexpr std::size_t kHoujinColumnCount = 30;

inline constexpr std::array<HoujinColumn, kHoujinColumnCount> kHoujinColumns = {{
    {"sequenceNumber", "sequence_number"},
    {"corporateNumber", "corporate_number"},
    {"process", "process"},
    {"correct", "correct"},
    {"updateDate", "update_date"},
    {"changeDate", "change_date"},
    {"name", "name"},
    {"nameImageId", "name_image_id"},
    {"kind", "kind"},
    {"prefectureName", "prefecture_name"},
    {"cityName", "city_name"},
    {"streetNumber", "street_number"},
    {"addressImageId", "address_image_id"},
    {"prefectureCode", "prefecture_code"},
    {"cityCode", "city_code"},
    {"postCode", "post_code"},
    {"addressOutside", "address_outside"},
    {"addressOutsideImageId", "address_outside_image_id"},
    {"closeDate", "close_date"},
    {"closeCause", "close_cause"},
    {"successorCorporateNumber", "successor_corporate_number"},
    {"changeCause", "change_cause"},
    {"assignmentDate", "assignment_date"},
    {"latest", "latest"},
    {"enName", "en_name"},
    {"enPrefectureName", "en_prefecture_name"},
    {"enCityName", "en_city_name"},
    {"enAddressOutside", "en_address_outside"},
    {"furigana", "furigana"},
    {"hihyoji", "hihyoji"},
}};

// 0-based indexes of the columns the importer and lookups use by name.
enum HoujinColumnIndex : std::size_t {
  kSequenceNumber = 0,
  kCorporateNumber = 1,
  kProcess = 2,
  kCorrect = 3,
  kUpdateDate = 4,
  kChangeDate = 5,
  kName = 6,
  kKind = 8,
  kPrefectureName = 9,
  kCityName = 10,
  kStreetNumber = 11,
  kPrefectureCode = 13,
  kPostCode = 15,
  kAddressOutside = 16,
  kCloseDate = 18,
  kCloseCause = 19,
  kSuccessorCorporateNumber = 20,
  kChangeCause = 21,
  kAssignmentDate = 22,
  kLatest = 23,
  kEnName = 24,
  kFurigana = 28,
  kHihyoji = 29,
};

// 処理区分 (FORMAT.md §4.1): "新規" for "01", ... ; "" for an unknown code.
std::string_view process_name(std::string_view code);
// Every 処理区分 code process_name knows, in the table's order ("01", "11", …).
std::vector<std::string_view> process_codes();
// 法人種別 (§4.3): "株式会社" for "301", ...; "" for an unknown code.
std::string_view kind_name(std::string_view code);
// 登記記録の閉鎖等の事由 (§4.4): "清算の結了等" for "01", ...; "" when unknown.
std::string_view close_cause_name(std::string_view code);

}  // namespace gifkit::registries::houjin
