// test_output.cpp — tools/output/: the format names and the -f option, the
// one JSON text writer (invalid UTF-8 replaced, the hand path byte-equal to
// the serializer), the views' JSON read back, and the html pages' escaper and head.
// room: output
#include <CLI/CLI.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "tools/output/address_view.hpp"
#include "tools/output/corporation_view.hpp"
#include "tools/output/html_page.hpp"
#include "tools/output/json_text.hpp"
#include "tools/output/output_format.hpp"

using namespace gifkit::tools;

TEST_CASE("output-1.1 format names round-trip; unknown names are nothing", "[output]") {
  for (auto format :
       {OutputFormat::text, OutputFormat::json, OutputFormat::ndjson, OutputFormat::csv,
        OutputFormat::junit, OutputFormat::sarif, OutputFormat::github})
    CHECK(parse_output_format(output_format_name(format)) == format);
  CHECK_FALSE(parse_output_format("JSON"));
  CHECK_FALSE(parse_output_format(""));
  CHECK(output_format_list({OutputFormat::text}) == "text");
  CHECK(output_format_list({OutputFormat::text, OutputFormat::json, OutputFormat::csv}) ==
        "text, json or csv");
}

TEST_CASE("output-1.2 -f takes a command's formats by name and names them when refused",
          "[output]") {
  CLI::App app;
  OutputFormat format = OutputFormat::text;
  add_format_option(app, format, {OutputFormat::text, OutputFormat::ndjson});
  const char* good[] = {"app", "-f", "ndjson"};
  app.parse(3, good);
  CHECK(format == OutputFormat::ndjson);
  const char* bad[] = {"app", "--format", "csv"};
  try {
    app.parse(3, bad);
    FAIL("csv was accepted");
  } catch (const CLI::ParseError& error) {
    CHECK(std::string(error.what()).find("'csv' is not a format here: text or ndjson") !=
          std::string::npos);
  }
}

TEST_CASE("output-2.1 append_json_string writes what json_text writes, bad UTF-8 replaced",
          "[output]") {
  const std::string cases[] = {"",
                               "plain",
                               "東京都文京区",
                               "quote \" and \\ backslash",
                               "tab\tnl\n",
                               "ctrl \x01\x1f",
                               "bad \xff byte",
                               "cut \xe6\x9d",
                               "\xed\xa0\x80 surrogate",
                               "overlong \xc0\xaf"};
  for (const std::string& text : cases) {
    std::string appended;
    append_json_string(appended, text);
    CHECK(appended == json_text(Json(text)));
    CHECK_NOTHROW(Json::parse(appended));  // valid JSON whatever the input
  }
  std::string out;
  append_json_string(out, "a\xff");
  CHECK(Json::parse(out).get<std::string>() == "a\xEF\xBF\xBD");
}

TEST_CASE("output-2.1b append_json_string: a byte to escape or check anywhere in a word of 8",
          "[output]") {
  // The fast path reads 8 plain ASCII bytes at once: a quote, backslash,
  // control byte, DEL, space or non-ASCII byte at each offset of a longer
  // text is written as json_text writes it.
  const std::string specials[] = {"\"",   "\\",       "\x01", "\x1f",     "\x7f", " ", "\x20",
                                  "\xff", "\xe6\x9d", "文",   "\xc0\xaf", "\x21", "~"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text(20, 'a');
      text.insert(at, special);
      std::string appended;
      append_json_string(appended, text);
      CHECK(appended == json_text(Json(text)));
    }
  }
}

TEST_CASE("output-2.2 append_json_number: shortest round trip, null for what JSON lacks",
          "[output]") {
  std::string out;
  append_json_number(out, 35.7079);
  CHECK(out == "35.7079");
  out.clear();
  append_json_number(out, 139.75);
  CHECK(out == "139.75");
  out.clear();
  append_json_number(out, std::numeric_limits<double>::quiet_NaN());
  CHECK(out == "null");
}

TEST_CASE("output-3.1 an address result with bad bytes and control characters stays valid JSON",
          "[output]") {
  namespace abr = gifkit::registries::abr;
  abr::NormalizedAddress result;
  result.input = "文京区\t本郷\x01";
  result.output = "東京都文京区";
  result.others = "ビル\"A\"";
  result.reason = "cut \xe6\x9d";  // bad bytes outside the repaired input path
  result.match_level = abr::MatchLevel::city;
  result.point = {139.75, 35.7, true};
  std::ostringstream out;
  AddressResultWriter writer(out, OutputFormat::ndjson);
  writer.write(result, "東京都文京区白山2-1-2");
  writer.finish();
  Json line = Json::parse(out.str());
  CHECK(line["input"] == "文京区\t本郷\x01");
  CHECK(line["others"] == "ビル\"A\"");
  CHECK(line["reason"] == "cut \xEF\xBF\xBD");
  CHECK(line["match_level"] == "city");
  CHECK(line["lat"] == 35.7);
  CHECK(line["lon"] == 139.75);
  CHECK(line["gif"].is_object());
  CHECK(line["gif"]["fullAddress"] == "東京都文京区白山2-1-2");
}

TEST_CASE("output-3.1b an address result is the JSON object's text, byte for byte, plain or not",
          "[output]") {
  // The writer lays a result whose texts are all plain out by a plan made
  // once, and writes the others field by field: both are the text of the
  // object with the fields in their order.
  namespace abr = gifkit::registries::abr;
  abr::NormalizedAddress result;
  result.input = "東京都文京区白山二丁目１番２号 ビル";
  result.output = "東京都文京区 白山二丁目1-2 ビル";
  result.match_level = abr::MatchLevel::residential_detail;
  result.lg_code = "131059";
  result.machiaza_id = "0001002";
  result.pref = "東京都";
  result.city = "文京区";
  result.oaza_cho = "白山";
  result.chome = "二丁目";
  result.blk_num = "1";
  result.rsdt_num = "2";
  result.others = "ビル";
  result.point = {139.75, 35.7, true};
  result.coordinate_level = "residence";
  result.gif.localGovernmentCode = "131059";
  result.gif.prefecture = "東京都";
  result.gif.cityAndCounty = "文京区";
  result.gif.streetAddress = "白山二丁目";
  result.gif.cityBlock = "1-2";
  result.gif.buildingNameEtc = "ビル";
  result.postal_code = "1120001";
  result.ambiguous = true;
  auto expected = [](const abr::NormalizedAddress& r, const std::string& full) {
    Json object;
    for (const auto& [name, value] :
         {std::pair<const char*, std::string>{"input", r.input}, {"output", r.output}})
      object[name] = value;
    object["match_level"] = std::string(abr::match_level_name(r.match_level));
    for (const auto& [name, value] : {std::pair<const char*, std::string>{"lg_code", r.lg_code},
                                      {"machiaza_id", r.machiaza_id},
                                      {"pref", r.pref},
                                      {"county", r.county},
                                      {"city", r.city},
                                      {"ward", r.ward},
                                      {"oaza_cho", r.oaza_cho},
                                      {"chome", r.chome},
                                      {"koaza", r.koaza},
                                      {"blk_num", r.blk_num},
                                      {"rsdt_num", r.rsdt_num},
                                      {"rsdt_num2", r.rsdt_num2},
                                      {"prc_num1", r.prc_num1},
                                      {"prc_num2", r.prc_num2},
                                      {"prc_num3", r.prc_num3},
                                      {"others", r.others}})
      object[name] = value;
    object["lat"] = r.point.known ? Json(r.point.lat) : Json(nullptr);
    object["lon"] = r.point.known ? Json(r.point.lon) : Json(nullptr);
    object["coordinate_level"] = r.coordinate_level;
    Json gif;
    gif["localGovernmentCode"] = r.gif.localGovernmentCode;
    gif["streetAddressId"] = r.gif.streetAddressId;
    gif["prefecture"] = r.gif.prefecture;
    gif["cityAndCounty"] = r.gif.cityAndCounty;
    gif["streetAddress"] = r.gif.streetAddress;
    gif["cityBlock"] = r.gif.cityBlock;
    gif["buildingNameEtc"] = r.gif.buildingNameEtc;
    gif["fullAddress"] = full;
    object["gif"] = gif;
    object["postal_code"] = r.postal_code;
    object["reason"] = r.reason;
    object["ambiguous"] = r.ambiguous;
    return json_text(object);
  };
  auto written = [](const abr::NormalizedAddress& r, const std::string& full, OutputFormat format) {
    std::ostringstream out;
    AddressResultWriter writer(out, format);
    writer.write(r, full);
    writer.write(r, full);
    writer.finish();
    return out.str();
  };
  const std::string full = "東京都文京区白山二丁目1-2";
  std::string line = expected(result, full);
  CHECK(written(result, full, OutputFormat::ndjson) == line + "\n" + line + "\n");
  CHECK(written(result, full, OutputFormat::json) == "[\n" + line + ",\n" + line + "\n]\n");
  // No point, not ambiguous, a reason.
  result.point = {};
  result.ambiguous = false;
  result.reason = "no 町字 of the city matches";
  line = expected(result, full);
  CHECK(written(result, full, OutputFormat::ndjson) == line + "\n" + line + "\n");
  // A text to escape, in each of the texts the plan writes: the same bytes
  // as the object's.
  for (std::string abr::NormalizedAddress::*text :
       {&abr::NormalizedAddress::input, &abr::NormalizedAddress::others,
        &abr::NormalizedAddress::postal_code, &abr::NormalizedAddress::reason}) {
    abr::NormalizedAddress odd = result;
    odd.*text = "タブ\tと\"引用\"と\\";
    line = expected(odd, full);
    CHECK(written(odd, full, OutputFormat::ndjson) == line + "\n" + line + "\n");
  }
  line = expected(result, "全角\x01");
  CHECK(written(result, "全角\x01", OutputFormat::ndjson) == line + "\n" + line + "\n");
}

TEST_CASE("output-3.2 a corporation: the NTA's names in order, in JSON and CSV alike", "[output]") {
  namespace houjin = gifkit::registries::houjin;
  houjin::HoujinRecord record{};
  record[houjin::kCorporateNumber] = "7000012050002";
  record[houjin::kName] = "国税庁, \"本庁\"";
  record[houjin::kKind] = "301";
  Json json = corporation_json(record);
  // The 30 columns and the names of the three coded ones (processName, kindName, closeCauseName).
  REQUIRE(json.size() == houjin::kHoujinColumnCount + 3);
  CHECK(json.begin().key() == houjin::kHoujinColumns[0].nta_name);
  CHECK(json["kindName"] == "株式会社");
  CHECK(json["processName"] == "");
  CHECK(std::next(json.find("kind")).key() == "kindName");
  CHECK(json[std::string(houjin::kHoujinColumns[houjin::kName].nta_name)] == "国税庁, \"本庁\"");
  const std::string header = corporation_csv_header();
  const std::string row = corporation_csv_row(record);
  CHECK(header.starts_with(std::string(houjin::kHoujinColumns[0].nta_name) + ","));
  CHECK(row.find("\"国税庁, \"\"本庁\"\"\"") != std::string::npos);
  CHECK(row.back() == '\n');
}

TEST_CASE("output-3.2b a corporation's JSON text is the JSON object's text, byte for byte",
          "[output]") {
  namespace houjin = gifkit::registries::houjin;
  houjin::HoujinRecord record{};
  CHECK(corporation_json_text(record) == json_text(corporation_json(record)));
  const char* odd[] = {"国税庁, \"本庁\"",
                       "tab\there\\",
                       "\x01\x1f ctrl",
                       "bad \xff\xfe utf-8",
                       "cut \xE3\x81",
                       "\xED\xA0\x80 surrogate",
                       "",
                       "301"};
  for (std::size_t i = 0; i < houjin::kHoujinColumnCount; ++i) {
    record[i] = odd[i % std::size(odd)];
  }
  record[houjin::kKind] = "301";
  record[houjin::kProcess] = "01";
  const std::string text = corporation_json_text(record);
  CHECK(text == json_text(corporation_json(record)));
  CHECK(text.find("\"kindName\":\"株式会社\"") != std::string::npos);
  CHECK(text.find("\\u0001") != std::string::npos);  // escaped as nlohmann escapes it
  record[houjin::kName] = "x";
  CHECK(corporation_json_text(record) != text);  // it writes the record it is given
}

TEST_CASE("output-3.3 a reverse hit: one JSON object, a CSV row as wide as its header, a text line",
          "[output][reverse]") {
  namespace abr = gifkit::registries::abr;
  abr::ReverseHit hit;
  hit.level = abr::ReverseLevel::parcel;
  hit.distance_m = 29.996;
  hit.lat = 30.30636348;
  hit.lon = 130.652606667;
  hit.lg_code = "465054";
  hit.koaza = "安房, \"東\"";
  hit.prc_num1 = "2400";
  hit.gif = abr::gif_address(hit, abr::city_block_of(hit), "");
  hit.output = abr::address_line(hit.gif, "");
  Json json = Json::parse(reverse_hit_json(hit));
  CHECK(json["level"] == "parcel");
  CHECK(json["distance_m"] == 30.0);  // centimetres
  CHECK(json["lat"] == 30.30636348);
  CHECK(json["koaza"] == "安房, \"東\"");
  CHECK(json["gif"]["cityBlock"] == "2400");
  CHECK(json["gif"]["streetAddress"] == "安房, \"東\"");
  CHECK(json.begin().key() == "level");
  const std::string header = reverse_hit_csv_header();
  const std::string row = reverse_hit_csv_row(hit);
  CHECK(header.starts_with("level,distance_m,lat,lon,output,lg_code,"));
  CHECK(std::count(header.begin(), header.end(), ',') == 26);
  // The quoted koaza holds two commas (in output and koaza, and gif_streetAddress): the rest
  // are separators.
  CHECK(std::count(row.begin(), row.end(), ',') == 26 + 3);
  CHECK(row.starts_with("parcel,30,30.30636348,130.652606667,"));
  CHECK(reverse_hit_text(hit) == "parcel\t30.00 m\t465054\t-\t安房, \"東\"2400\n");
  std::ostringstream out;
  ReverseHitWriter writer(out, OutputFormat::json);
  writer.finish();
  CHECK(out.str() == "[]\n");
}

TEST_CASE("output-4.1 html_escape: markup as text, bad UTF-8 and forbidden controls as U+FFFD",
          "[output]") {
  CHECK(html_escape("<script>alert('x&y')</script> \"q\"") ==
        "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt; &quot;q&quot;");
  CHECK(html_escape("東京都\t文京区\n") == "東京都\t文京区\n");
  CHECK(html_escape("a\x01"
                    "b\x7F") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(html_escape("\xFF"
                    "x") ==
        "\xEF\xBF\xBD"
        "x");
}

TEST_CASE("output-4.2 an html page: doctype, charset, the title escaped, nothing fetched",
          "[output]") {
  std::ostringstream out;
  begin_html_page(out, "a <b>", "p{color:red}");
  end_html_page(out);
  const std::string page = out.str();
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("<title>a &lt;b&gt;</title>") != std::string::npos);
  CHECK(page.find("p{color:red}</style>") != std::string::npos);
  CHECK(page.find("http") == std::string::npos);
  CHECK(page.size() > 15);
  CHECK(page.substr(page.size() - 15) == "</body></html>\n");
}
