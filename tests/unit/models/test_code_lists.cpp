// test_code_lists.cpp — the GIF code lists read from the official
// GIF_Core_CodeList.xsd: codes and their names, list names, failures.
// room: model
#include "model_test_support.hpp"
#include "models/engine/model/code_lists.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

std::string name_of(const std::string& list, const std::string& code) {
  const std::vector<CodeEntry>* entries = shipped_code_lists().find(list);
  if (entries == nullptr) return "<no list>";
  for (const CodeEntry& entry : *entries) {
    if (entry.code == code) return entry.name;
  }
  return "<no code>";
}

}  // namespace

TEST_CASE("model-4.1 SexCodeList is 0 不明, 1 男性, 2 女性, 9 適用不能") {
  const std::vector<CodeEntry>* sex = shipped_code_lists().find("SexCodeList");
  REQUIRE(sex != nullptr);
  REQUIRE(sex->size() == 4);
  CHECK((*sex)[0].code == "0");
  CHECK((*sex)[1].code == "1");
  CHECK((*sex)[2].code == "2");
  CHECK((*sex)[3].code == "9");
  CHECK(name_of("SexCodeList", "0") == "不明");
  CHECK(name_of("SexCodeList", "1") == "男性");
  CHECK(name_of("SexCodeList", "2") == "女性");
  CHECK(name_of("SexCodeList", "9") == "適用不能");
}

TEST_CASE("model-4.2 LegalEntityKindCodeList has the 法人種別 codes") {
  CHECK(name_of("LegalEntityKindCodeList", "101") == "国の機関");
  CHECK(name_of("LegalEntityKindCodeList", "201") == "地方公共団体");
  CHECK(name_of("LegalEntityKindCodeList", "301") == "株式会社");
  CHECK(name_of("LegalEntityKindCodeList", "305") == "合同会社");
  CHECK(name_of("LegalEntityKindCodeList", "499") == "その他");
  CHECK(name_of("LegalEntityKindCodeList", "300") == "<no code>");
}

TEST_CASE("model-4.3 every XxxCodeList_code_simpleType is a list; value lists are not") {
  CHECK(shipped_code_lists().names() ==
        std::vector<std::string>{"ApplicabilityCodeList", "CountryRegionCodeList",
                                 "LegalEntityKindCodeList", "MaritalStatusCodeList", "SexCodeList",
                                 "StatusCodeList"});
  CHECK(name_of("CountryRegionCodeList", "JPN") == "日本国");
  CHECK(shipped_code_lists().find("CountryRegionCodeList")->size() > 200);
  CHECK(name_of("StatusCodeList", "1") == "有");
  CHECK(shipped_code_lists().find("SexCodeList_value") == nullptr);
  CHECK(shipped_code_lists().find("NoSuchCodeList") == nullptr);
}

TEST_CASE("model-4.4 a missing or wrong file fails with an error naming it") {
  CodeLists lists;
  std::string error;
  CHECK_FALSE(lists.load_xsd(kDataDir / "gif" / "no-such.xsd", error));
  CHECK(error.find("no-such.xsd") != std::string::npos);
  error.clear();
  CHECK_FALSE(lists.load_xsd(kModelsDir / "gif" / "Person.xml", error));
  CHECK(error.find("Person.xml") != std::string::npos);
}
