// model_export.hpp — `gifkit model export` as a library function (GDAL
// style: options in, result out): a model written in the forms other tools
// read — Table Schema (frictionless v1), JSON Schema (draft 2020-12), a
// JSON-LD context, SHACL shapes (Turtle) and an XML Schema — each from the
// one reading of export_model.hpp. docs/model-export.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/engine/export/export_model.hpp"

namespace gifkit::models {

enum class ExportForm { table_schema, json_schema, jsonld_context, shacl, xsd };

// Every form, in the order --all writes them.
const std::vector<ExportForm>& export_forms();
// "table-schema", "json-schema", "jsonld-context", "shacl", "xsd" and back.
std::string_view export_form_name(ExportForm form);
std::optional<ExportForm> parse_export_form(std::string_view name);
// The file name --all gives a form of a model: the id with ':' made '-',
// then the form's extension (gif-Person.tableschema.json, gif-Person.shacl.ttl).
std::string export_file_name(const std::string& model_id, ExportForm form);
// The gaps of model that form cannot express (the model's gaps less those
// the form has a construct for: Table Schema's primaryKey, XSD's xs:unique
// and xs:date, JSON Schema's anyOf, SHACL's sh:or).
std::vector<ExportGap> form_gaps(const ExportModel& model, ExportForm form);

// What a form says of the whole model: export_summary, then the gaps it
// cannot express, each named ("check-digit: …").
std::string form_description(const ExportModel& model, ExportForm form);
// What a form says of a field: its description, then the field's gaps the
// form cannot express.
std::string field_description(const ExportModel& model, const ExportField& field, ExportForm form);

// Each form's writer (table_schema.cpp, json_schema.cpp, jsonld_context.cpp,
// shacl.cpp, xsd.cpp): the document as text, UTF-8.
std::string write_table_schema(const ExportModel& model);
std::string write_json_schema(const ExportModel& model);
std::string write_jsonld_context(const ExportModel& model);
std::string write_shacl(const ExportModel& model);
std::string write_xsd(const ExportModel& model);

// The XSD element of a field: its English id (path) as an XML name.
std::string xsd_element_name(const ExportField& field);

struct ModelExportOptions {
  const Model* model = nullptr;
  const ModelCatalog* catalog = nullptr;  // the model's required patterns
  const CodeLists* code_lists = nullptr;  // the codes of its code lists
  std::vector<ExportForm> forms;          // what to write, in order
};

struct ExportedDocument {
  ExportForm form = ExportForm::table_schema;
  std::string text;
};

struct ModelExportResult {
  std::vector<ExportedDocument> documents;  // one per options.forms, in order
};

// Writes each form of options.model. Throws std::runtime_error when the model
// cannot be exported whole (a code list missing from code_lists).
ModelExportResult export_model(const ModelExportOptions& options);

}  // namespace gifkit::models
