// json_schema.cpp — a model as a JSON Schema (draft 2020-12) of one CSV row
// as an object: a property per column under its CSV header (values are
// strings; an empty cell is no property), the English id as its title;
// pattern, enum and lengths; each required item as "required", or "anyOf"
// its forms (氏 or 氏名); a base class's required patterns as "anyOf".
#include <nlohmann/json.hpp>

#include "models/engine/export/model_export.hpp"

namespace gifkit::models {
namespace {

using Json = nlohmann::ordered_json;

// {"required": [headers of form]}.
Json required_form(const ExportModel& model, const std::vector<std::size_t>& form) {
  Json headers = Json::array();
  for (std::size_t index : form) headers.push_back(model.fields[index].header);
  return Json{{"required", headers}};
}

// A requirement: its one form, or anyOf its forms.
Json requirement_schema(const ExportModel& model, const ExportRequirement& requirement) {
  if (requirement.forms.size() == 1) return required_form(model, requirement.forms.front());
  Json any = Json::array();
  for (const auto& form : requirement.forms) any.push_back(required_form(model, form));
  return Json{{"anyOf", any}};
}

// Every requirement of set, all of them.
Json required_set_schemas(const ExportModel& model, const ExportRequiredSet& set) {
  Json all = Json::array();
  for (const ExportRequirement& requirement : set.requirements)
    all.push_back(requirement_schema(model, requirement));
  return all;
}

}  // namespace

std::string write_json_schema(const ExportModel& model) {
  Json properties = Json::object();
  for (const ExportField& field : model.fields) {
    Json property = {{"type", "string"},
                     {"title", field.title},
                     {"description", field_description(model, field, ExportForm::json_schema)}};
    if (!field.ecma_pattern.empty()) property["pattern"] = field.ecma_pattern;
    if (!field.ecma_extra_pattern.empty())
      property["allOf"] = Json::array({Json{{"pattern", field.ecma_extra_pattern}}});
    if (!field.enumeration.empty()) property["enum"] = field.enumeration;
    if (field.spec->min_length > 0) property["minLength"] = field.spec->min_length;
    if (field.spec->max_length > 0) property["maxLength"] = field.spec->max_length;
    properties[field.header] = std::move(property);
  }
  const Model& source = *model.model;
  Json schema = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                 {"$id", "urn:gifkit:export:" + source.id + ":json-schema"},
                 {"title", source.label + " (" + source.id + ")"},
                 {"description", form_description(model, ExportForm::json_schema)},
                 {"type", "object"},
                 {"properties", properties}};
  Json all = required_set_schemas(model, model.own);
  if (!model.patterns.empty()) {
    Json any = Json::array();
    for (const ExportRequiredSet& pattern : model.patterns) {
      Json one = {{"title", pattern.model_id + " " + pattern.label}};
      Json requirements = required_set_schemas(model, pattern);
      if (!requirements.empty()) one["allOf"] = std::move(requirements);  // allOf is never empty
      any.push_back(std::move(one));
    }
    all.push_back(Json{{"anyOf", any}});
  }
  if (!all.empty()) schema["allOf"] = all;
  schema["x-gifkit"] = {{"model", source.id}, {"label", source.label}, {"release", source.release}};
  return schema.dump(2, ' ', false) + "\n";
}

}  // namespace gifkit::models
