// test_registry_format_failures.cpp — what the XML and Web-API CSV importers
// do with bad input: not XML, a truncated XML, an entity bomb and an
// external entity (DTDs refused), a wrong root element, a repeated element,
// a bad row in a one-line XML (reported at the <corporation>'s line), an
// older XML without <latest>, a 22-field Web-API row, a count line alone, a
// count that does not match, a zip with no .csv or .xml.
// room: houjin
#include <zip.h>

#include <catch2/catch.hpp>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registry_test_support.hpp"

using namespace gifkit::registries::houjin;
using namespace registry_test;

namespace {

// The message of the RegistryError that building from source throws.
std::string build_error(const std::filesystem::path& target, const std::filesystem::path& source) {
  try {
    build_registry(target, {source});
  } catch (const RegistryError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a file starting with '<' that is not XML is not a source", "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "page.xml", "<this is not xml at all\n");
  CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "page.xml"}), NotHoujinSource);
  CHECK_THAT(build_error(dir / "r.db", dir / "page.xml"),
             Catch::Contains("page.xml: not a 法人番号 XML"));
  CHECK(dir.file_names() == std::vector<std::string>{"page.xml"});  // no registry, no temporary
}

TEST_CASE("a truncated XML fails the build, naming the file", "[registry][failure]") {
  ScratchDir dir;
  std::string xml = read_file(kXmlName);
  write_file(dir / "cut.xml", xml.substr(0, 3000));  // inside the 4th <corporation>
  std::string message = build_error(dir / "r.db", dir / "cut.xml");
  CHECK_THAT(message, Catch::Contains("cut.xml: cannot be read to the end") &&
                          Catch::Contains("inside <corporation> #4"));
  CHECK(dir.file_names() == std::vector<std::string>{"cut.xml"});
}

TEST_CASE("a DOCTYPE is refused before anything is parsed: entity bomb, XXE",
          "[registry][failure]") {
  ScratchDir dir;
  std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE corporations [\n <!ENTITY a \"aaaaaaaaaa\">\n";
  std::string previous = "a";
  for (char level = 'b'; level <= 'j'; ++level) {
    bomb += " <!ENTITY " + std::string(1, level) + " \"";
    for (int i = 0; i < 10; ++i) bomb += "&" + previous + ";";
    bomb += "\">\n";
    previous = std::string(1, level);
  }
  bomb += "]>\n<corporations><corporation><name>&j;</name></corporation></corporations>\n";
  write_file(dir / "bomb.xml", bomb);
  CHECK_THAT(build_error(dir / "r.db", dir / "bomb.xml"),
             Catch::Contains("bomb.xml: a DOCTYPE is not allowed"));
  write_file(dir / "xxe.xml",
             "<!-- a comment first --><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
             "<corporations><corporation><name>&x;</name></corporation></corporations>");
  CHECK_THAT(build_error(dir / "r.db", dir / "xxe.xml"),
             Catch::Contains("xxe.xml: a DOCTYPE is not allowed"));
  // An entity reference without a DTD is not well-formed XML.
  std::string xml = read_file(kXmlName);
  xml.replace(xml.find("株式会社国税商事あ"), 3, "&x;");
  write_file(dir / "undeclared.xml", xml);
  CHECK_THAT(build_error(dir / "r.db", dir / "undeclared.xml"),
             Catch::Contains("undeclared.xml: not a 法人番号 XML") &&
                 Catch::Contains("Entity 'x' not defined"));
}

TEST_CASE("an XML with another root element is not a source", "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "wrong.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><companies><company/></companies>");
  CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "wrong.xml"}), NotHoujinSource);
  CHECK_THAT(build_error(dir / "r.db", dir / "wrong.xml"),
             Catch::Contains("the root element is <companies>, expected <corporations>"));
}

TEST_CASE("bad <corporation> elements are rejected at their line, the rest imported",
          "[registry][failure]") {
  ScratchDir dir;
  std::string xml = read_file(kXmlName);
  xml.replace(xml.find("2040001999910"), 13, "2040001999911");  // 2nd: bad check digit
  std::size_t third = xml.find("<corporateNumber>1040001999903");
  xml.insert(third, "<name>twice</name>");  // 3rd: <name> twice
  // one corporation per line, so that the line numbers show
  for (std::size_t at = xml.find("<corporation>"); at != std::string::npos;
       at = xml.find("<corporation>", at + 2))
    xml.insert(at, "\n");
  write_file(dir / "bad.xml", xml);
  auto rejected = build_registry(dir / "r.db", {dir / "bad.xml"});
  REQUIRE(rejected.size() == 2);
  CHECK(rejected[0].file == (dir / "bad.xml").string());
  CHECK(rejected[0].line == 3);
  CHECK_THAT(rejected[0].reason,
             Catch::StartsWith("<corporation> #2: corporateNumber '2040001999911'"));
  CHECK(rejected[1].line == 4);
  CHECK(rejected[1].reason == "<corporation> #3: the element <name> appears twice");
  auto source = RegistryDb::open_existing(dir / "r.db").provenance().at(0);
  CHECK(source.row_count == 8);
  CHECK(source.rejected_count == 2);
}

TEST_CASE("an older XML without some elements: mapped by name, missing ones empty",
          "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "v1.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><corporations>"
             "<lastUpdateDate>2017-01-20</lastUpdateDate><count>1</count>"
             "<divideNumber>1</divideNumber><divideSize>1</divideSize><corporation>"
             "<sequenceNumber>1</sequenceNumber><corporateNumber>1180301018771</corporateNumber>"
             "<process>01</process><correct>0</correct><updateDate>2015-11-13</updateDate>"
             "<changeDate>2015-10-05</changeDate><name>トヨタ自動車株式会社</name>"
             "<kind>301</kind><prefectureName>愛知県</prefectureName><futureElement>x"
             "</futureElement></corporation></corporations>");
  CHECK(build_registry(dir / "r.db", {dir / "v1.xml"}).empty());
  auto db = RegistryDb::open_existing(dir / "r.db");
  auto toyota = find_corporation(db, "1180301018771");
  REQUIRE(toyota);
  CHECK((*toyota)[kName] == "トヨタ自動車株式会社");
  CHECK((*toyota)[kLatest] == "1");  // no <latest>: the current state
  CHECK((*toyota)[kCityName].empty());
  CHECK(corporation_history(db, "1180301018771").at(0)[kLatest].empty());
  CHECK(db.provenance().at(0).data_date == "2017-01-20");
}

TEST_CASE("a 22-field Web-API row is rejected, the rest imported", "[registry][failure]") {
  ScratchDir dir;
  std::string text = read_file(kCsvV4Name);
  std::size_t second_line = text.find('\n') + 1;
  std::size_t cut = second_line;
  for (int comma = 0; comma < 22; ++comma) cut = text.find(',', cut) + 1;
  text.erase(cut - 1, text.find('\n', second_line) - (cut - 1));  // keep 22 fields
  write_file(dir / "short.csv", text);
  auto rejected = build_registry(dir / "r.db", {dir / "short.csv"});
  CHECK(only_rejected(rejected, 2).reason ==
        "has 22 fields, expected a Web-API record of 23 (v1), 28 (v2), 29 (v3) or 30 (v4)");
  auto source = RegistryDb::open_existing(dir / "r.db").provenance().at(0);
  CHECK(source.source_kind == "houjin-webapi-csv");
  CHECK(source.row_count == 9);
  CHECK(source.rejected_count == 1);
}

TEST_CASE("a count line alone: an empty answer, or a cut one", "[registry][failure]") {
  ScratchDir dir;
  write_file(dir / "empty_answer.csv", "2019-04-05,0,1,1\r\n");
  CHECK(build_registry(dir / "r.db", {dir / "empty_answer.csv"}).empty());
  CHECK(RegistryDb::open_existing(dir / "r.db").provenance().at(0).row_count == 0);
  write_file(dir / "cut_answer.csv", "2019-04-05,5,1,1\r\n");
  CHECK_THAT(build_error(dir / "r2.db", dir / "cut_answer.csv"),
             Catch::Contains("cut_answer.csv: the answer's count is 5") &&
                 Catch::Contains("holds 0 records"));
  // The real 10-row answer with its last row missing.
  std::string text = read_file(kCsvV4Name);
  text.resize(text.rfind("\n", text.size() - 2) + 1);
  write_file(dir / "nine.csv", text);
  CHECK_THAT(build_error(dir / "r3.db", dir / "nine.csv"), Catch::Contains("holds 9 records"));
}

TEST_CASE("a zip with no .csv or .xml entry is not a source", "[registry][failure]") {
  ScratchDir dir;
  int error = 0;
  zip_t* archive = zip_open((dir / "none.zip").c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  static const char kText[] = "hello\n";
  REQUIRE(zip_file_add(archive, "readme.txt",
                       zip_source_buffer(archive, kText, sizeof kText - 1, 0), 0) >= 0);
  REQUIRE(zip_close(archive) == 0);
  CHECK_THROWS_AS(build_registry(dir / "r.db", {dir / "none.zip"}), NotRegistrySource);
  CHECK_THAT(build_error(dir / "r.db", dir / "none.zip"),
             Catch::Contains("none.zip: not a recognised registry source") &&
                 Catch::Contains("the zip archive holds no .csv or .xml"));
}
