// test_registry_holdings.cpp — when a 法人番号 missing from a registry is a
// finding: houjin_absence_unproven_because over the sources a registry
// records (registries/builder/registry_holdings.hpp). Only the whole register
// (the national bulk file, or every prefecture's and 国外's) makes absence a
// finding; diff files, Web-API answers, files of other names and some
// prefectures' bulk files never do, whatever is added to them.
// room: registry-build
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "registries/builder/registry_holdings.hpp"

using gifkit::registries::houjin_absence_unproven_because;
using gifkit::registries::houjin_holdings;
using gifkit::registries::Provenance;

namespace {

std::vector<Provenance> sources(const std::vector<std::string>& names) {
  std::vector<Provenance> out;
  for (const std::string& name : names) {
    Provenance source;
    source.source_file = "/data/" + name;
    source.source_kind = name.ends_with(".xml") ? "houjin-xml" : "houjin-csv";
    out.push_back(source);
  }
  return out;
}

std::string because(const std::vector<std::string>& names) {
  return houjin_absence_unproven_because(houjin_holdings(sources(names)));
}

const std::string kDiff1 = "code4fukui_gBizINFO_diff_20210714_utf8.csv";
const std::string kDiff2 = "code4fukui_gBizINFO_diff_20250311_sjis.csv";
const std::string kNum = "kissy2go_houjin-bangou_webapi-v2_num_1180301018771_sjis.csv";
const std::string kNumXml = "minako-ph_jp-opendata-actors_num.7010001008844.2026-07-10.xml";

}  // namespace

TEST_CASE("holdings 1: the national bulk file makes absence a finding, with anything beside it",
          "[holdings]") {
  CHECK(because({"00_zenkoku_all_20240329.zip:00_zenkoku_all_20240329.csv"}).empty());
  CHECK(because({"00_zenkoku_all_20240329.csv", kDiff1, kDiff2, kNum, kNumXml}).empty());
  std::vector<std::string> every;
  for (int code = 1; code <= 47; ++code)
    every.push_back((code < 10 ? "0" : "") + std::to_string(code) + "_x_all_20240329.zip");
  every.push_back("99_kokugai_all_20240329.zip");
  CHECK(because(every).empty());
  every.pop_back();  // without 国外's file, a number may be a foreign corporation's
  CHECK_FALSE(because(every).empty());
}

TEST_CASE("holdings 2: diff files and Web-API answers never make absence a finding", "[holdings]") {
  CHECK(because({kDiff1, kDiff2}) ==
        "the registry holds only 法人番号 diff files, no bulk 全件 file: a number not in them may "
        "still be registered");
  // Two one-record Web-API answers added: still no bulk file (issue #54: these
  // turned every missing number into not-in-registry).
  CHECK(because({kDiff1, kDiff2, kNum, kNumXml}) ==
        "the registry holds no 法人番号 bulk 全件 file (only 2 diff files and 2 other files "
        "(Web-API answers, files of other names)): a number not in them may still be registered");
  CHECK_FALSE(because({kNum}).empty());
}

TEST_CASE("holdings 3: one prefecture's bulk file never makes absence a finding", "[holdings]") {
  CHECK(because({"31_tottori_all_20240329.csv"}) ==
        "the registry holds the 法人番号 bulk files of prefecture 31 only: a number not in them "
        "may be registered in another prefecture");
  CHECK(because({"31_tottori_all_20240329.csv", kNum}) ==
        "the registry holds the 法人番号 bulk files of prefecture 31 and 1 other file (Web-API "
        "answers, files of other names) only: a number not in them may be registered in another "
        "prefecture");
}
