// jsonld_context.cpp — a model as a JSON-LD context: each CSV header a term
// for its item's IRI under gifkit's vocabulary (urn:gifkit:vocab:<class>#
// <English id>; GIF's pd: namespace is provisional), the model's label a
// term for its class (a row's "@type"). A row of the CSV as a JSON object
// with this context is RDF whose values are plain strings, as the CSV holds
// them; the SHACL export's shapes use the same IRIs. Beside the context:
// title, description, release and the class IRI ("class"), which JSON-LD
// processors ignore.
#include <nlohmann/json.hpp>

#include "models/engine/export/model_export.hpp"

namespace gifkit::models {

std::string write_jsonld_context(const ExportModel& model) {
  using Json = nlohmann::ordered_json;
  const Model& source = *model.model;
  Json context = {{"@version", 1.1}, {"gifkit", kExportVocabulary}};
  if (model.find(source.label) == nullptr) context[source.label] = Json{{"@id", model.class_iri}};
  for (const ExportField& field : model.fields) context[field.header] = Json{{"@id", field.iri}};
  // Keys beside @context are no terms: JSON-LD processors ignore them.
  Json document = {{"@context", context},
                   {"title", source.label + " (" + source.id + ")"},
                   {"description", form_description(model, ExportForm::jsonld_context)},
                   {"release", source.release},
                   {"class", model.class_iri}};
  return document.dump(2, ' ', false) + "\n";
}

}  // namespace gifkit::models
