// model_export.cpp — the forms' names, files and gaps, and export_model,
// which reads a model once and hands it to each form's writer.
#include "models/engine/export/model_export.hpp"

#include <algorithm>
#include <cassert>

namespace gifkit::models {
namespace {

struct FormInfo {
  ExportForm form;
  std::string_view name;
  std::string_view extension;
  std::vector<std::string> expressed;  // the gaps it has a construct for
};

const std::vector<FormInfo>& form_infos() {
  static const std::vector<FormInfo> infos = {
      {ExportForm::table_schema, "table-schema", ".tableschema.json", {"duplicate-key"}},
      {ExportForm::json_schema,
       "json-schema",
       ".schema.json",
       {"alternatives", "required-patterns", "column-set"}},
      {ExportForm::jsonld_context, "jsonld-context", ".context.jsonld", {"column-set"}},
      {ExportForm::shacl,
       "shacl",
       ".shacl.ttl",
       {"alternatives", "required-patterns", "column-set"}},
      {ExportForm::xsd,
       "xsd",
       ".xsd",
       {"duplicate-key", "calendar-date", "pattern-syntax", "column-set"}},
  };
  return infos;
}

const FormInfo& info_of(ExportForm form) {
  for (const FormInfo& info : form_infos())
    if (info.form == form) return info;
  assert(false && "every form has its info");
  return form_infos().front();
}

}  // namespace

const std::vector<ExportForm>& export_forms() {
  static const std::vector<ExportForm> forms = [] {
    std::vector<ExportForm> all;
    for (const FormInfo& info : form_infos()) all.push_back(info.form);
    return all;
  }();
  return forms;
}

std::string_view export_form_name(ExportForm form) {
  return info_of(form).name;
}

std::optional<ExportForm> parse_export_form(std::string_view name) {
  for (const FormInfo& info : form_infos())
    if (info.name == name) return info.form;
  return std::nullopt;
}

std::string export_file_name(const std::string& model_id, ExportForm form) {
  std::string name = model_id;
  std::replace(name.begin(), name.end(), ':', '-');
  std::replace(name.begin(), name.end(), '/', '-');
  return name + std::string(info_of(form).extension);
}

std::vector<ExportGap> form_gaps(const ExportModel& model, ExportForm form) {
  const std::vector<std::string>& expressed = info_of(form).expressed;
  std::vector<ExportGap> gaps;
  for (const ExportGap& gap : model.gaps) {
    if (std::find(expressed.begin(), expressed.end(), gap.name) == expressed.end())
      gaps.push_back(gap);
  }
  return gaps;
}

std::string form_description(const ExportModel& model, ExportForm form) {
  std::string text = export_summary(model);
  const std::vector<ExportGap> gaps = form_gaps(model, form);
  if (!gaps.empty()) {
    text += " Not expressed by this " + std::string(export_form_name(form)) +
            " (gifkit validate checks them):";
    for (const ExportGap& gap : gaps) text += " [" + gap.name + "] " + gap.text + ";";
    text.back() = '.';
  }
  return text;
}

std::string field_description(const ExportModel& model, const ExportField& field, ExportForm form) {
  std::string text = field.description;
  const std::vector<ExportGap> gaps = form_gaps(model, form);
  for (const std::string& name : field.gaps) {
    for (const ExportGap& gap : gaps) {
      if (gap.name == name)
        text += (text.empty() ? "" : " ") + ("Not expressed here: [" + name + "].");
    }
  }
  return text;
}

ModelExportResult export_model(const ModelExportOptions& options) {
  assert(options.model != nullptr && options.catalog != nullptr && options.code_lists != nullptr);
  const ExportModel model =
      read_export_model(*options.model, *options.catalog, *options.code_lists);
  ModelExportResult result;
  for (ExportForm form : options.forms) {
    ExportedDocument& document = result.documents.emplace_back();
    document.form = form;
    switch (form) {
      case ExportForm::table_schema:
        document.text = write_table_schema(model);
        break;
      case ExportForm::json_schema:
        document.text = write_json_schema(model);
        break;
      case ExportForm::jsonld_context:
        document.text = write_jsonld_context(model);
        break;
      case ExportForm::shacl:
        document.text = write_shacl(model);
        break;
      case ExportForm::xsd:
        document.text = write_xsd(model);
        break;
    }
  }
  return result;
}

}  // namespace gifkit::models
