// table_schema.cpp — a model as a frictionless Table Schema (v1): one field
// per column under its CSV header, the English id as its title, constraints
// required / pattern (anchored: ^(…)$) / enum / minLength / maxLength, missingValues [""] (an
// empty cell is no value) and the key as primaryKey. What the spec cannot
// say (alternative forms, required patterns, check digits …) is in the
// descriptions.
#include <nlohmann/json.hpp>

#include "models/engine/export/model_export.hpp"

namespace gifkit::models {

std::string write_table_schema(const ExportModel& model) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  // Table Schema can require a field only on its own (field.required): an
  // item with other forms (氏 or 氏名), or a class's patterns, are said in
  // the description.
  for (const ExportField& field : model.fields) {
    nlohmann::ordered_json json = {
        {"name", field.header},
        {"title", field.title},
        {"description", field_description(model, field, ExportForm::table_schema)},
        {"type", "string"},
        {"format", "default"}};
    nlohmann::ordered_json constraints = nlohmann::ordered_json::object();
    if (field.required) constraints["required"] = true;
    // One pattern: the model's own when it has one (the stricter), else the
    // type's; anchored (^(…)$) as the ECMAScript forms write it, since the
    // implementations run it as a JavaScript or Python regular expression, and
    // npm tableschema searches it unanchored.
    const std::string& pattern =
        field.ecma_extra_pattern.empty() ? field.ecma_pattern : field.ecma_extra_pattern;
    if (!pattern.empty()) constraints["pattern"] = pattern;
    if (!field.enumeration.empty()) constraints["enum"] = field.enumeration;
    if (field.spec->min_length > 0) constraints["minLength"] = field.spec->min_length;
    if (field.spec->max_length > 0) constraints["maxLength"] = field.spec->max_length;
    if (!constraints.empty()) json["constraints"] = constraints;
    fields.push_back(std::move(json));
  }
  nlohmann::ordered_json schema = {
      {"title", model.model->label + " (" + model.model->id + ")"},
      {"description", form_description(model, ExportForm::table_schema)},
      {"fields", fields},
      {"missingValues", nlohmann::ordered_json::array({""})}};
  if (!model.key.empty()) {
    nlohmann::ordered_json key = nlohmann::ordered_json::array();
    for (std::size_t index : model.key) key.push_back(model.fields[index].header);
    schema["primaryKey"] = key.size() == 1 ? key.front() : key;
  }
  schema["gifkit"] = {
      {"model", model.model->id}, {"label", model.model->label}, {"release", model.model->release}};
  return schema.dump(2, ' ', false) + "\n";
}

}  // namespace gifkit::models
