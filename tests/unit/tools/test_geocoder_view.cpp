// test_geocoder_view.cpp — tools/output/geocoder_view: abr-geocoder's
// output, score, trim and formats, on results made by hand (the route's
// answers from the registry are e2e 19.29).
// room: output
#include <catch2/catch.hpp>
#include <string>

#include "tools/output/geocoder_view.hpp"

using namespace gifkit::tools;
namespace abr = gifkit::registries::abr;

namespace {

abr::NormalizedAddress kioicho() {
  abr::NormalizedAddress r;
  r.input = "東京都千代田区紀尾井町1-3";
  r.match_level = abr::MatchLevel::residential_detail;
  r.lg_code = "131016";
  r.machiaza_id = "0056000";
  r.pref = "東京都";
  r.city = "千代田区";
  r.oaza_cho = "紀尾井町";
  r.blk_num = "1";
  r.rsdt_num = "3";
  r.point = {139.736394597, 35.679107172, true};
  r.coordinate_level = "residence";
  return r;
}

}  // namespace

TEST_CASE("geocoder-1.1 output and score as abr-geocoder writes them", "[output]") {
  abr::NormalizedAddress r = kioicho();
  CHECK(geocoder_output(r) == "東京都千代田区紀尾井町1-3");
  CHECK(geocoder_score("東京都千代田区紀尾井町1-3", "東京都千代田区紀尾井町1-3") == 1);
  // Full-width digits count as ASCII, the full-width dash does not: one of 14 units differs,
  // 1 - floor(100 / 14) / 100 → 0.93.
  CHECK(geocoder_score("東京都千代田区紀尾井町1-3", "東京都千代田区紀尾井町１－3") == 0.93);
  r.others = "東京ガーデンテラス紀尾井町 19階";
  CHECK(geocoder_output(r) == "東京都千代田区紀尾井町1-3 東京ガーデンテラス紀尾井町 19階");
  r.others = "-10";  // a dash after the numbers: no space
  CHECK(geocoder_output(r) == "東京都千代田区紀尾井町1-3-10");
  abr::NormalizedAddress parcel;
  parcel.match_level = abr::MatchLevel::parcel;
  parcel.pref = "東京都";
  parcel.city = "調布市";
  parcel.oaza_cho = "国領町";
  parcel.chome = "三丁目";
  parcel.prc_num1 = "8";
  parcel.prc_num2 = "15";
  CHECK(geocoder_output(parcel) == "東京都調布市国領町三丁目8-15");
}

TEST_CASE("geocoder-1.2 JavaScript's trim, formats and nulls", "[output]") {
  CHECK(js_trimmed("\u3000 東京 \t") == "東京");
  CHECK(js_trimmed(" \u3000") == "");
  CHECK(geocoder_format("ndgeojson") == GeocoderFormat::ndgeojson);
  CHECK_FALSE(geocoder_format("JSON"));  // the route lower-cases first
  CHECK(geocoder_media_type(GeocoderFormat::simplified) == "text/x-csv");
  abr::NormalizedAddress r = kioicho();
  abr::PlaceIds ids;
  ids.rsdt_addr_flg = 1;
  ids.blk_id = "001";
  ids.rsdt_id = "003";
  CHECK(geocoder_answer(GeocoderFormat::ndjson, r.input, r, ids) ==
        "{\"query\":{\"input\":\"東京都千代田区紀尾井町1-3\"},\"result\":{\"output\":"
        "\"東京都千代田区紀尾井町1-3\",\"others\":[],\"score\":1,\"match_level\":"
        "\"residential_detail\",\"coordinate_level\":\"residential_detail\",\"lat\":35.679107172,"
        "\"lon\":139.736394597,\"lg_code\":\"131016\",\"machiaza_id\":\"0056000\","
        "\"rsdt_addr_flg\":1,\"blk_id\":\"001\",\"rsdt_id\":\"003\",\"rsdt2_id\":null,"
        "\"prc_id\":null,\"pref\":\"東京都\",\"county\":null,\"city\":\"千代田区\",\"ward\":null,"
        "\"oaza_cho\":\"紀尾井町\",\"chome\":null,\"koaza\":null,\"blk_num\":\"1\",\"rsdt_num\":"
        "\"3\",\"rsdt_num2\":null,\"prc_num1\":null,\"prc_num2\":null,\"prc_num3\":null}}\n");
  abr::NormalizedAddress nowhere;
  const std::string csv = geocoder_answer(GeocoderFormat::csv, "a\"b", nowhere, {});
  CHECK(csv.substr(csv.find('\n') + 1) ==
        "\"a\"\"b\",\"\",,0,unknown,unknown,,,\"\",\"\",,,,,,,,,,,,,,,,,,\n");
}
