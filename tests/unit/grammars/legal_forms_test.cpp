// legal_forms_test.cpp — the legal-form table (models/dictionaries/legal_forms.tsv)
// and its one reader, grammars::read_legal_forms: the file in the tree reads
// without an error and is the text compiled in; its forms and variants;
// writing variants out and the search spelling; the reader's errors.
// room: dictionaries
#include <catch2/catch.hpp>

#include "dictionary_testing.hpp"
#include "grammars/dictionaries/dictionaries.hpp"
#include "grammars/dictionaries/legal_forms.hpp"

using namespace gifkit::grammars;

namespace {

const LegalForm* form_named(const LegalForms& table, std::string_view canonical) {
  for (const auto& form : table.forms())
    if (form.canonical == canonical) return &form;
  return nullptr;
}

bool has_variant(const LegalForm& form, std::string_view variant) {
  return std::find(form.variants.begin(), form.variants.end(), variant) != form.variants.end();
}

}  // namespace

TEST_CASE("legal-forms-1 the file in models/dictionaries reads clean and is the one compiled in") {
  const LegalForms table = read_dictionary_file("legal_forms.tsv", read_legal_forms);
  REQUIRE(table.forms().size() == legal_forms().forms().size());
  const LegalForm* goshi = form_named(table, "合資会社");
  REQUIRE(goshi != nullptr);
  CHECK(goshi->dropped_from_search);
  for (const char* variant : {"㈾", "(資)", "（資）", "(資）", "（資)", "合資會社"})
    CHECK(has_variant(*goshi, variant));
  const LegalForm* kabushiki = form_named(table, "株式会社");
  REQUIRE(kabushiki != nullptr);
  for (const char* variant : {"㈱", "㍿", "(株)", "（株）", "株式會社"})
    CHECK(has_variant(*kabushiki, variant));
  for (const char* canonical : {"有限会社", "合同会社", "合名会社"}) {
    REQUIRE(form_named(table, canonical) != nullptr);
    CHECK(form_named(table, canonical)->dropped_from_search);
  }
  REQUIRE(form_named(table, "社団法人") != nullptr);
  CHECK_FALSE(form_named(table, "社団法人")->dropped_from_search);
  CHECK_THROWS_AS(dictionary_text("no_such.tsv"), std::logic_error);
}

TEST_CASE("legal-forms-2 variants written out, one-character variants, search spelling") {
  const LegalForms& table = legal_forms();
  CHECK(table.write_out("㈾太平木工所") == "合資会社太平木工所");
  CHECK(table.write_out("（株）山田商店") == "株式会社山田商店");
  CHECK(table.write_out("山田商店(有)") == "山田商店有限会社");
  CHECK(table.write_out("株式會社山田") == "株式会社山田");
  CHECK(table.write_out("(株") == "(株");                    // no closing bracket: not a variant
  CHECK(table.write_out("株式会社山田") == "株式会社山田");  // canonical stays
  CHECK(table.single_character_form(U'㈾') == "合資会社");
  CHECK(table.single_character_form(U'㈴') == "合名会社");
  CHECK(table.single_character_form(U'㍿') == "株式会社");
  CHECK(table.single_character_form(U'㈳') == "社団法人");
  CHECK(table.single_character_form(U'株').empty());
  CHECK(table.search_spelling("㈾太平木工所") == "太平木工所");
  CHECK(table.search_spelling("合資会社太平木工所") == "太平木工所");
  CHECK(table.search_spelling("太平木工所(名)") == "太平木工所");
  CHECK(table.search_spelling("㈳日本") == "社団法人日本");
  CHECK(table.search_spelling("社団法人日本") == "社団法人日本");
}

TEST_CASE("legal-forms-3 the reader names the file and line of each error") {
  const LegalForms table = read_with_errors(
      read_legal_forms,
      "# comment\n"
      "dropped\t株式会社|㈱\n"
      "dropped\n"
      "sometimes\t有限会社|㈲\n"
      "kept\t社団法人||㈳\n"
      "kept\t財団 法人|㈶\n"
      "dropped\t合同会社|㈱\n",
      "forms.tsv",
      {"forms.tsv:3: expected 2 tab-separated fields, the last canonical|variant|…, found 1",
       "forms.tsv:4: search is 'sometimes'; expected dropped or kept",
       "forms.tsv:5: an empty spelling (two | in a row, or one at an end)",
       "forms.tsv:6: the spelling '財団 法人' holds a space",
       "forms.tsv:7: the spelling '㈱' is given twice"});
  REQUIRE(table.forms().size() == 1);
  CHECK(table.forms()[0].canonical == "株式会社");
}
