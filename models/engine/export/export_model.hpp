// export_model.hpp — what `gifkit model export` writes, read once from a
// model and shared by every form (Table Schema, JSON Schema, JSON-LD
// context, SHACL, XSD): each column with its CSV header, its English id,
// the value rule as a regular expression and an enumeration, the checks a
// form cannot express (its gaps), and the model's required items — its own
// and, for a base class, those of its required patterns (gif:Person_MP01..03),
// any of which a record may satisfy.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "models/engine/model/model.hpp"

namespace gifkit::models {

class CodeLists;
class ModelCatalog;

// A check of gifkit's that some or all forms cannot express, named so the
// tests and the docs can list it ("check-digit"), with the sentence the
// exports' descriptions carry.
struct ExportGap {
  std::string name;
  std::string text;
};

struct ExportField {
  const FieldSpec* spec = nullptr;
  // The CSV header: HeaderMatcher::display_label, what reports name the item
  // by (氏, 代表者_氏名, 所在地_連結表記).
  std::string header;
  std::string title;  // the English id (path: "address.prefecture"), or the label when generated
  std::string description;  // the item's own, then its value rule in words
  // The value's form as an XML Schema regular expression (implicitly
  // anchored; ECMAScript-compatible unless ecma_pattern is empty): the type's
  // rule ("[1-9][0-9]{12}" for 法人番号) or the model's own pattern.
  std::string pattern;
  // The same, anchored for ECMAScript (JSON Schema, SHACL's sh:pattern): "^(…)$";
  // empty when the pattern uses XML Schema classes ECMAScript lacks (\p{IsKatakana}).
  std::string ecma_pattern;
  // A second pattern, the model's own, when the type has one too (both must match).
  std::string extra_pattern;
  std::string ecma_extra_pattern;
  std::vector<std::string> enumeration;  // the code list's codes or the vocabulary's values
  // Required on its own by the model (no other form stands for it): what
  // the forms without alternatives (Table Schema, XSD) can require.
  bool required = false;
  bool date = false;              // a calendar date YYYY-MM-DD (xs:date where a form has it)
  std::vector<std::string> gaps;  // names of ExportGap this field has
  std::string iri;                // the JSON-LD term's / SHACL path's IRI
};

// Every form of one requirement: a record satisfies it when every field of
// one form is filled (氏 alone, or 氏名 for 氏). Indices into ExportModel::fields.
struct ExportRequirement {
  std::vector<std::vector<std::size_t>> forms;
  // The requirement's name: the required item's header (氏).
  std::string item;
};

// A set of requirements that must all hold: a model's own, or one of its
// required patterns'.
struct ExportRequiredSet {
  std::string model_id;  // gif:Person_MP01
  std::string label;     // 個人の必須パターン1
  std::vector<ExportRequirement> requirements;
};

struct ExportModel {
  const Model* model = nullptr;
  std::vector<ExportField> fields;
  ExportRequiredSet own;                    // the model's own required items
  std::vector<ExportRequiredSet> patterns;  // any one must hold (empty: none)
  std::vector<std::size_t> key;             // key fields (duplicate-key)
  std::string class_iri;                    // the rows' rdf:type (JSON-LD, SHACL)
  std::string vocabulary;                   // the base IRI of the terms
  std::vector<ExportGap> gaps;              // every gap any field or the model has
  bool has_gap(const std::string& name) const;
  const ExportField* find(const std::string& header) const;
};

// gifkit's base IRI for GIF items: GIF's own pd: namespace is provisional
// (the XSD's preamble: pdのURIは暫定), so the exports use gifkit's.
inline constexpr const char* kExportVocabulary = "urn:gifkit:vocab:";

// Reads model for export. catalog gives its required patterns (the models
// that extend it and are patterns); code_lists the codes of its code-list
// fields. Throws std::runtime_error naming the list when a field's code
// list is not in code_lists (an enumeration cannot be left out silently).
ExportModel read_export_model(const Model& model, const ModelCatalog& catalog,
                              const CodeLists& code_lists);

// The model-level text every form puts in its description: the model, its
// release, what a row is, and the gaps.
std::string export_summary(const ExportModel& model);

}  // namespace gifkit::models
