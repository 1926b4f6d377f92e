// model.cpp — `gifkit model list|show|check|diff|export`: inspect the models,
// check that model files load and follow models/model.xsd, export them and diff two releases of a
// class. Each subcommand is a class in its own file (model_subcommands.hpp); this file registers
// them (list, show, check and diff given -o,--output by with_output, output_option.hpp; export
// declares its own), and holds what list and show share: a model as JSON. See
// docs/model.md.
#include <nlohmann/json.hpp>

#include "models/engine/model/model_names.hpp"
#include "tools/commands/model_subcommands.hpp"
#include "tools/output_option.hpp"

namespace gifkit::tools {
namespace {

nlohmann::json field_json(const models::FieldSpec& field) {
  nlohmann::json aliases = nlohmann::json::array();
  for (const auto& alias : field.aliases) {
    aliases.push_back(
        {{"label", alias.label}, {"kind", std::string(models::alias_kind_name(alias.kind))}});
  }
  nlohmann::json json = {{"path", field.path},
                         {"id", field.id},
                         {"label", field.label},
                         {"type", models::value_type_name(field.type)},
                         {"minOccurs", field.min_occurs},
                         {"maxOccurs", field.max_occurs},
                         {"required", field.min_occurs > 0},
                         {"width", models::width_name(field.width)},
                         {"charset", models::charset_name(field.charset)},
                         {"aliases", aliases}};
  // The id is gifkit's own (item01): outputs name the item by its label.
  if (field.id_generated) json["idGenerated"] = true;
  if (!field.codelist.empty()) json["codelist"] = field.codelist;
  if (!field.part.empty()) json["part"] = field.part;
  if (field.key) json["key"] = true;
  return json;
}

}  // namespace

nlohmann::json model_json(const models::Model& model, bool with_fields) {
  nlohmann::json json = {{"id", model.id},
                         {"label", model.label},
                         {"class", model.gif_class},
                         {"extends", model.extends},
                         {"pattern", model.is_pattern},
                         {"fields", model.fields.size()},
                         {"source", model.source_file}};
  if (with_fields) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : model.fields) fields.push_back(field_json(field));
    json["fields"] = fields;
    nlohmann::json alternatives = nlohmann::json::array();
    for (const auto& alternative : model.alternatives) alternatives.push_back(alternative.forms);
    json["alternatives"] = alternatives;
  }
  return json;
}

std::unique_ptr<Command> make_model_command() {
  return std::make_unique<CommandGroup>(std::vector<SubcommandEntry>{
      {"list", "list the models", &with_output<&make_model_list_command>},
      {"show", "show a model's items", &with_output<&make_model_show_command>},
      {"check", "load every model (and the given model files) and report any problem",
       &with_output<&make_model_check_command>},
      {"export", "write a model as Table Schema, JSON Schema, a JSON-LD context, SHACL or XSD",
       &make_model_export_command},
      {"diff", "the item correspondences of two models (two releases of a GIF class)",
       &with_output<&make_model_diff_command>},
  });
}

}  // namespace gifkit::tools
