// test_model_choice.cpp — choose_model as a person chooses (issue #30): the
// kind token of the municipal datasets' file-naming rule anywhere in the file
// name as whole tokens (the longest kind winning, no part of a token), the
// kind's partial model used below half of the columns, equal scores broken
// by the columns only one model knows (never the catalog's order), and no
// model when none fits.
// room: dataset
#include "model_test_support.hpp"
#include "models/engine/dataset/header_binding.hpp"

using namespace gifkit::models;
using namespace gifkit::models::testing;

namespace {

const std::vector<std::string> kKinds = {"tourism", "fire_hydrant", "aed", "school_lunch",
                                         "school_lunch_metadata"};

}  // namespace

TEST_CASE("choice-1.1 file name tokens: the stem, lower case, split at underscores only") {
  CHECK(file_name_tokens("data/Yaizu-City_222127_Fire_Hydrant.CSV") ==
        std::vector<std::string>{"yaizu-city", "222127", "fire", "hydrant"});
  CHECK(file_name_tokens("tourism.csv") == std::vector<std::string>{"tourism"});
  CHECK(file_name_tokens("a__b_.csv") == std::vector<std::string>{"a", "b"});
  CHECK(file_name_tokens("-").empty());
  CHECK(file_name_tokens("").empty());
}

TEST_CASE("choice-1.2 a kind token anywhere in the name, as whole tokens, any case") {
  CHECK(kind_in_file_name(kKinds, "ishikawa-pref_170003_tourism.csv") == "tourism");
  CHECK(kind_in_file_name(kKinds, "yaizu-city_222127_fire_hydrant.csv") == "fire_hydrant");
  CHECK(kind_in_file_name(kKinds, "170003_tourism.csv") == "tourism");  // the old form
  CHECK(kind_in_file_name(kKinds, "131059_aed_2021.csv") == "aed");
  CHECK(kind_in_file_name(kKinds, "/tmp/x/TOURISM_2024.xlsx") == "tourism");
  CHECK(kind_in_file_name(kKinds, "tourism.csv") == "tourism");
}

TEST_CASE("choice-1.3 the longest kind wins") {
  CHECK(kind_in_file_name(kKinds, "city_012345_school_lunch_metadata.csv") ==
        "school_lunch_metadata");
  CHECK(kind_in_file_name(kKinds, "city_012345_school_lunch.csv") == "school_lunch");
  // Order of the list does not matter.
  const std::vector<std::string> reversed(kKinds.rbegin(), kKinds.rend());
  CHECK(kind_in_file_name(reversed, "012345_school_lunch_metadata_2024.csv") ==
        "school_lunch_metadata");
}

TEST_CASE("choice-1.4 no kind: part of a token, a dash-joined name, tokens apart") {
  CHECK(kind_in_file_name(kKinds, "tourismo.csv").empty());
  CHECK(kind_in_file_name(kKinds, "my-tourism-list.csv").empty());
  CHECK(kind_in_file_name(kKinds, "fire-hydrant.csv").empty());
  CHECK(kind_in_file_name(kKinds, "fire_2024_hydrant.csv").empty());  // not side by side
  CHECK(kind_in_file_name(kKinds, "hydrant_fire.csv").empty());       // not in order
  CHECK(kind_in_file_name(kKinds, "school.csv").empty());
  CHECK(kind_in_file_name(kKinds, "-").empty());
  CHECK(kind_in_file_name(kKinds, "tourism/list.csv").empty());  // a folder is not the name
}

TEST_CASE("choice-1.5 follows_file_name_rule: the model's rule as whole tokens") {
  const Model& tourism = shipped_model("opendata:tourism");
  CHECK(follows_file_name_rule(tourism, "ishikawa-pref_170003_tourism.csv"));
  CHECK_FALSE(follows_file_name_rule(tourism, "my-tourism-list.csv"));
  CHECK_FALSE(follows_file_name_rule(tourism, "tourismo.csv"));
  CHECK_FALSE(follows_file_name_rule(shipped_model("gif:Person"), "person.csv"));
}

TEST_CASE("choice-1.6 the file name's kind: its partial model below half of the columns") {
  // 3 of 9 columns are items of the (partial) new tourism model.
  const std::vector<std::string> headers = {"全国地方公共団体コード",
                                            "ID",
                                            "名称",
                                            "営業時間",
                                            "定休日",
                                            "料金",
                                            "駐車場",
                                            "アクセス",
                                            "見どころ"};
  const ModelChoice by_name =
      choose_model(shipped_catalog(), nullptr, headers, "ishikawa-pref_170003_tourism.csv");
  REQUIRE(by_name.model != nullptr);
  CHECK(by_name.by_file_name);
  CHECK(by_name.model->file_name == "tourism");
  CHECK(by_name.model->partial);
  CHECK(by_name.recognised * 2 < static_cast<int>(headers.size()));
  CHECK(by_name.note.find("file name _tourism") != std::string::npos);
  CHECK(by_name.note.find("partial model") != std::string::npos);
  // Without the kind in its name the header alone decides: the tourism model, knowing 3 of 9
  // columns, does not fit.
  const ModelChoice unnamed = choose_model(shipped_catalog(), nullptr, headers, "list.csv");
  CHECK_FALSE(unnamed.by_file_name);
  CHECK((unnamed.model == nullptr || unnamed.model->file_name != "tourism"));
  CHECK((unnamed.model == nullptr || unnamed.recognised * 2 >= static_cast<int>(headers.size())));
}

TEST_CASE("choice-1.7 a kind's name on a header none of its models knows: the header decides") {
  const std::vector<std::string> headers = {"調達案件名称", "落札日", "落札価格"};
  const ModelChoice choice = choose_model(shipped_catalog(), nullptr, headers, "x_tourism.csv");
  CHECK_FALSE(choice.by_file_name);
  CHECK(choice.model == nullptr);
  CHECK_FALSE(choice.closest.empty());
  CHECK(closest_models_text(choice, headers.size()).find(" of 3 columns)") != std::string::npos);
}

TEST_CASE("choice-1.8 equal scores: the model with columns no other one knows, not the first") {
  TempDir dir;
  const auto fields = [](std::initializer_list<const char*> labels) {
    std::string body;
    int n = 0;
    for (const char* label : labels)
      body += "  <field id=\"f" + std::to_string(++n) + "\" label=\"" + label + "\"/>\n";
    return body;
  };
  // test:A and test:B know the same items; test:Z (last by id) knows 口径.
  make_models_dir(dir.path(), {{"A.xml", model_xml(R"(id="test:A" label="A一覧")",
                                                   fields({"名称", "緯度", "経度", "設置場所"}))},
                               {"B.xml", model_xml(R"(id="test:B" label="B一覧")",
                                                   fields({"名称", "緯度", "経度", "設置場所"}))},
                               {"Z.xml", model_xml(R"(id="test:Z" label="Z一覧")",
                                                   fields({"名称", "緯度", "経度", "口径"}))}});
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  INFO(describe(errors));
  REQUIRE(catalog.find("test:Z") != nullptr);
  // All three recognise 4 of 5 columns (score 8): only test:Z knows a column no other does.
  const ModelChoice choice =
      choose_model(catalog, nullptr, {"名称", "緯度", "経度", "設置場所", "口径"}, "list.csv");
  REQUIRE(choice.model != nullptr);
  CHECK(choice.model->id == "test:Z");
  CHECK(choice.note.find("chosen over equally scored models") != std::string::npos);
  // Nothing tells these three kinds apart: none is chosen (never the catalog's order), and
  // the three are named as fitting equally.
  const ModelChoice equal = choose_model(catalog, nullptr, {"名称", "緯度", "経度"}, "list.csv");
  CHECK(equal.model == nullptr);
  CHECK(equal.tied);
  REQUIRE(equal.closest.size() == 3);
  const std::string closest = closest_models_text(equal, 3);
  CHECK(closest.find("test:A (A一覧, 3 of 3 columns), test:B") != std::string::npos);
  CHECK(closest.find("which fit it equally") != std::string::npos);
}

namespace {

// A catalog of one class in three releases (test copies: the shipped releases
// are proven against their official files elsewhere) and two patterns of 2025.
ModelCatalog release_catalog(const TempDir& dir) {
  const std::string common =
      "  <field id=\"familyName\" label=\"氏\"/>\n  <field id=\"givenName\" label=\"名\"/>\n";
  make_models_dir(
      dir.path(),
      {{"P2022.xml", model_xml(R"(id="gif2022:P" label="個人" release="2022")",
                               common + "  <field id=\"maidenName\" label=\"旧姓\"/>\n")},
       {"P2024.xml", model_xml(R"(id="gif2024:P" label="個人" release="2024")", common)},
       {"P.xml", model_xml(R"(id="gif:P" label="個人" release="2025")",
                           common + "  <field id=\"sex\" label=\"性別\"/>\n")},
       {"P_MP01.xml",
        model_xml(R"(id="gif:P_MP01" label="個人の必須パターン1" release="2025" extends="gif:P")",
                  "  <require ref=\"familyName\"/>\n  <require ref=\"sex\"/>\n")},
       {"P_MP02.xml",
        model_xml(R"(id="gif:P_MP02" label="個人の必須パターン2" release="2025" extends="gif:P")",
                  "  <require ref=\"givenName\"/>\n")},
       {"X.xml",
        model_xml(R"(id="test:X" label="X一覧" extends="gif:P")", "  <require ref=\"sex\"/>\n")}});
  ModelCatalog catalog;
  std::vector<ModelLoadError> errors;
  REQUIRE(catalog.load_directory(dir.path(), errors));
  INFO(describe(errors));
  REQUIRE(errors.empty());
  return catalog;
}

}  // namespace

TEST_CASE("choice-2.1 the releases of one class: the header tells, else the newest") {
  TempDir dir;
  ModelCatalog catalog = release_catalog(dir);
  // 氏, 名: every release knows them alike — the newest is checked, and the note says so.
  const ModelChoice alike = choose_model(catalog, nullptr, {"氏", "名"}, "p.csv");
  REQUIRE(alike.model != nullptr);
  CHECK(alike.model->id == "gif:P");
  CHECK(alike.note.find("GIF release 2025 (the header fits releases 2022, 2024 and 2025 alike: "
                        "the newest is checked") != std::string::npos);
  CHECK_FALSE(alike.tied);  // releases of one class are no tie between kinds
  // 旧姓 is an item of 2022 only: the header follows 2022, and the note names the column.
  const ModelChoice old = choose_model(catalog, nullptr, {"氏", "名", "旧姓"}, "p.csv");
  REQUIRE(old.model != nullptr);
  CHECK(old.model->id == "gif2022:P");
  CHECK(old.note.find("GIF release 2022 (旧姓 are no items of release 2024 and 2025)") !=
        std::string::npos);
  // A model given is checked as given, and the note names its release.
  CHECK(choose_model(catalog, &shipped_model("gif:Person"), {"氏"}).note ==
        "given; GIF release 2026");  // v2.3
}

TEST_CASE("choice-2.2 a preferred release (--gif-version): only its classes, gif: means it") {
  TempDir dir;
  ModelCatalog catalog = release_catalog(dir);
  std::string error;
  CHECK_FALSE(catalog.prefer_release("2023", error));
  CHECK(error == "unknown GIF release 2023 (the models hold 2022 2024 2025)");
  REQUIRE(catalog.prefer_release("2024", error));
  // Auto-pick scores 2024's class only, even where 2022 knows more.
  const ModelChoice choice = choose_model(catalog, nullptr, {"氏", "名", "旧姓"}, "p.csv");
  REQUIRE(choice.model != nullptr);
  CHECK(choice.model->id == "gif2024:P");
  CHECK(choice.note.find("; GIF release 2024") != std::string::npos);
  // An unqualified gif: id names the release's class; a qualified one itself.
  const Model* named = catalog.find_or_load("gif:P", error);
  REQUIRE(named != nullptr);
  CHECK(named->id == "gif2024:P");
  CHECK(catalog.find_or_load("gif2022:P", error)->id == "gif2022:P");
  // A class (here a pattern) the release does not have is refused, not swapped.
  CHECK(catalog.find_or_load("gif:P_MP01", error) == nullptr);
  CHECK(error.find("GIF release 2024 has no 個人の必須パターン1") != std::string::npos);
  REQUIRE(catalog.prefer_release("", error));
  CHECK(catalog.find_or_load("gif:P", error)->id == "gif:P");
}

TEST_CASE("choice-2.3 required patterns: a class's, a pattern's class's, none of a dataset's") {
  TempDir dir;
  ModelCatalog catalog = release_catalog(dir);
  const auto ids = [](const std::vector<const Model*>& models) {
    std::vector<std::string> out;
    for (const Model* model : models) out.push_back(model->id);
    return out;
  };
  const std::vector<std::string> both = {"gif:P_MP01", "gif:P_MP02"};
  CHECK(ids(catalog.required_patterns(*catalog.find("gif:P"))) == both);
  CHECK(ids(catalog.required_patterns(*catalog.find("gif:P_MP02"))) == both);
  CHECK(catalog.required_patterns(*catalog.find("gif2022:P")).empty());
  CHECK(catalog.required_patterns(*catalog.find("test:X")).empty());  // a dataset's model
  CHECK(is_gif_pattern(*catalog.find("gif:P_MP01")));
  CHECK_FALSE(is_gif_pattern(*catalog.find("test:X")));
  // What a header lacks of a pattern: 氏 and 名 are there, 性別 is not.
  const ModelChoice choice = choose_model(catalog, catalog.find("gif:P"), {"氏", "名"});
  const HeaderBinding binding = bind_header(choice, {"氏", "名"}, false);
  const auto lacking = required_items_without_column(*catalog.find("gif:P_MP01"), binding);
  REQUIRE(lacking.size() == 1);
  CHECK(lacking[0]->id == "sex");
  CHECK(required_items_without_column(*catalog.find("gif:P_MP02"), binding).empty());
  // A GIF pattern named: its missing items are not missing-column findings
  // (validate reports them as one required-pattern); a dataset's model's are.
  const auto codes = [&](const char* id) {
    const ModelChoice named = choose_model(catalog, catalog.find(id), {"氏", "名"});
    std::vector<std::string> out;
    for (const HeaderFinding& finding : bind_header(named, {"氏", "名"}, false).findings)
      out.push_back(finding.code);
    return out;
  };
  CHECK(codes("gif:P_MP01").empty());
  CHECK(codes("test:X") == std::vector<std::string>{"missing-column"});
}

TEST_CASE("choice-2.4 a class's own items over a part's; a file name's kind yields to a class") {
  // Every item of 住所: 個人, 施設, 建物 … hold them all in their 住所 part, and score the same;
  // the class whose own items they are is chosen.
  const std::vector<std::string> address = {"全国地方公共団体コード",
                                            "町字ID",
                                            "都道府県",
                                            "市区町村（郡）",
                                            "町字",
                                            "番地以下",
                                            "建物名等(方書)",
                                            "連結表記",
                                            "郵便番号",
                                            "国",
                                            "町字以下"};
  const ModelChoice choice = choose_model(shipped_catalog(), nullptr, address, "addresses.csv");
  REQUIRE(choice.model != nullptr);
  CHECK(choice.model->id == "gif:Address");
  CHECK(choice.note.find("chosen over equally scored models whose parts hold its items (") !=
        std::string::npos);
  // イベント as the 2022 catalog names its items, in a file named event.csv: the 推奨データセット's
  // _event kind knows few of them, the GIF class nine in ten — the class is chosen.
  std::vector<std::string> event;
  for (const FieldSpec& field : shipped_model("gif2022:Event").fields)
    if (field.part.empty()) event.push_back(field.label);
  REQUIRE(event.size() > 20);
  const ModelChoice named = choose_model(shipped_catalog(), nullptr, event, "event.csv");
  REQUIRE(named.model != nullptr);
  CHECK(named.model->release != "");
  CHECK(model_class_name(named.model->id) == "Event");
  CHECK_FALSE(named.by_file_name);
  CHECK(named.note.find("not the file name's _event (suisho:event knows ") != std::string::npos);
}
