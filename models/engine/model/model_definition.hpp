// model_definition.hpp — a model file as written, before `extends` and parts are
// resolved: what read_model_definition produces from a document that conforms to
// models/model.xsd, and what ModelCatalog resolves into a flat Model. Internal to
// the model loader.
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "models/engine/model/model.hpp"
#include "models/engine/model/model_load_error.hpp"

typedef struct _xmlDoc xmlDoc;

namespace gifkit::models {

struct FieldDefinition {
  FieldSpec spec;  // path, part and prefixes are filled in by the resolver
  int line = 0;
  // from="gif:Person": the model whose own item of the same id this field takes
  // (label, type, constraints, aliases, description); "" for a field of its own.
  std::string from;
  // from-item="localGovernmentCode": the taken item's id when it is not the
  // field's (分校's 全国地方公共団体コード beside the school's own); "" = the id.
  std::string from_item;
  // The attributes written on the <field> ("label", "type" …) and "description"
  // for a <description> child: with `from`, these override the taken item.
  std::set<std::string, std::less<>> given;
};

// An alias a holder adds to one field of a part (<alias field="fullAddress">).
struct PartAliasDefinition {
  std::string field;
  Alias alias;
  int line = 0;
};

struct PartDefinition {
  PartSpec spec;
  std::vector<PartAliasDefinition> aliases;
  int line = 0;
};

// A <require ref>, <omit ref> or a form's <item ref>.
struct ItemReferenceDefinition {
  std::string ref;
  int line = 0;
};

struct AlternativeDefinition {
  std::vector<std::vector<ItemReferenceDefinition>> forms;
  std::string separator;  // separator="…"
  bool has_separator = false;
  int line = 0;
};

// A <compare with="..."> of a <registry-check>.
struct RegistryComparisonDefinition {
  RegisteredValue with = RegisteredValue::name;
  std::vector<ItemReferenceDefinition> items;
  int line = 0;
};

struct RegistryCheckDefinition {
  std::string registry;
  ItemReferenceDefinition key;
  ItemReferenceDefinition town_key;  // ref "" when not given
  ItemReferenceDefinition country;   // ref "" when not given
  std::vector<RegistryComparisonDefinition> comparisons;
  std::vector<std::vector<ItemReferenceDefinition>> written;  // <written> forms
  bool optional = false;                                      // optional="true"
  int line = 0;
};

// One entry of the model's field/part sequence, in document order.
struct MemberDefinition {
  bool is_part = false;
  std::size_t index = 0;  // into fields or parts
};

struct ModelDefinition {
  std::string id;
  std::string label;
  std::string xsd_type;
  std::string extends;
  bool has_header = true;  // header="none": columns are the fields in order
  std::string description;
  std::string file;
  int line = 0;
  std::vector<FieldDefinition> fields;
  std::vector<PartDefinition> parts;
  std::vector<MemberDefinition> members;
  std::vector<ItemReferenceDefinition> omits;
  std::vector<ItemReferenceDefinition> requirements;
  std::vector<ItemReferenceDefinition> recommendations;  // <recommend ref>
  bool partial = false;
  bool auto_pick = true;  // auto-pick="false": used only when named
  std::string file_name;
  std::string common;        // common="opendata:common": the family's common block
  std::string release;       // release="2022": the GIF release it is a class of ("" none)
  std::string also_release;  // also-release="2025": the earlier release it is too
  std::vector<AlternativeDefinition> alternatives;
  std::vector<RegistryCheckDefinition> registry_checks;
};

// Why a field's own constraints do not fit together (a code field without a
// code list, a code list on a non-code field, min-length above max-length), or
// "" when they do. The reader checks written fields, the resolver fields taken
// with `from` once merged.
std::string field_spec_problem(const FieldSpec& field);

// Reads a model document that already conforms to model.xsd into out. Appends
// the problems the schema cannot express (a code field without a code list, a
// code list on a non-code field, min greater than max, an invalid pattern) to
// errors, naming file and line. Returns false when there was any.
bool read_model_definition(xmlDoc* doc, const std::filesystem::path& file, ModelDefinition& out,
                           std::vector<ModelLoadError>& errors);

}  // namespace gifkit::models
