// shacl.cpp — a model as SHACL shapes in Turtle: one sh:NodeShape targeting
// the class IRI of the JSON-LD context, a property shape per column (sh:path
// the item's IRI, sh:name its CSV header, sh:datatype xsd:string, sh:maxCount
// 1, sh:pattern, sh:in, lengths), each required item as sh:minCount 1 or an
// sh:or of its forms, and a base class's required patterns as an sh:or.
#include <cassert>
#include <sstream>

#include "models/engine/export/model_export.hpp"

namespace gifkit::models {
namespace {

// A Turtle string literal: "…" with \ " and line ends escaped.
std::string turtle_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// [ sh:property [ sh:path <a> ; sh:minCount 1 ] , … ]: every field of form filled.
std::string form_shape(const ExportModel& model, const std::vector<std::size_t>& form) {
  std::string text = "[ sh:property ";
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (i) text += " , ";
    text += "[ sh:path <" + model.fields[form[i]].iri + "> ; sh:minCount 1 ]";
  }
  return text + " ]";
}

// A requirement as a shape: its one form, or [ sh:or ( forms ) ].
std::string requirement_shape(const ExportModel& model, const ExportRequirement& requirement) {
  if (requirement.forms.size() == 1) return form_shape(model, requirement.forms.front());
  std::string text = "[ sh:or (";
  for (const auto& form : requirement.forms) text += " " + form_shape(model, form);
  return text + " ) ]";
}

}  // namespace

std::string write_shacl(const ExportModel& model) {
  const Model& source = *model.model;
  std::ostringstream out;
  out << "# " << source.id << " (" << source.label
      << ") as SHACL shapes, written by gifkit model export.\n"
      << "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
      << "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
      << "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
      << "@prefix dct: <http://purl.org/dc/terms/> .\n\n"
      << "<urn:gifkit:shapes:" << source.id << ">\n"
      << "  a sh:NodeShape ;\n"
      << "  rdfs:label " << turtle_string(source.label + " (" + source.id + ")") << " ;\n"
      << "  rdfs:comment " << turtle_string(form_description(model, ExportForm::shacl)) << " ;\n";
  if (!source.release.empty())
    out << "  dct:hasVersion " << turtle_string(source.release) << " ;\n";
  out << "  sh:targetClass <" << model.class_iri << "> ;\n";
  for (const ExportField& field : model.fields) {
    out << "  sh:property [\n"
        << "    sh:path <" << field.iri << "> ;\n"
        << "    sh:name " << turtle_string(field.header) << " ;\n"
        << "    rdfs:label " << turtle_string(field.title) << " ;\n";
    const std::string description = field_description(model, field, ExportForm::shacl);
    if (!description.empty()) out << "    sh:description " << turtle_string(description) << " ;\n";
    out << "    sh:datatype xsd:string ;\n";
    if (field.required) out << "    sh:minCount 1 ;\n";
    if (!field.ecma_pattern.empty())
      out << "    sh:pattern " << turtle_string(field.ecma_pattern) << " ;\n";
    if (!field.ecma_extra_pattern.empty())
      out << "    sh:pattern " << turtle_string(field.ecma_extra_pattern) << " ;\n";
    if (!field.enumeration.empty()) {
      out << "    sh:in (";
      for (const std::string& value : field.enumeration) out << " " << turtle_string(value);
      out << " ) ;\n";
    }
    if (field.spec->min_length > 0) out << "    sh:minLength " << field.spec->min_length << " ;\n";
    if (field.spec->max_length > 0) out << "    sh:maxLength " << field.spec->max_length << " ;\n";
    out << "    sh:maxCount 1\n  ] ;\n";
  }
  for (const ExportRequirement& requirement : model.own.requirements) {
    if (requirement.forms.size() == 1 && requirement.forms.front().size() == 1) continue;
    out << "  sh:and ( " << requirement_shape(model, requirement) << " ) ;\n";
  }
  if (!model.patterns.empty()) {
    out << "  sh:or (\n";
    for (const ExportRequiredSet& pattern : model.patterns) {
      out << "    [ rdfs:label " << turtle_string(pattern.model_id + " " + pattern.label);
      if (!pattern.requirements.empty()) {
        out << " ;\n      sh:and (";
        for (const ExportRequirement& requirement : pattern.requirements)
          out << "\n        " << requirement_shape(model, requirement);
        out << "\n      )";
      }
      out << " ]\n";
    }
    out << "  ) ;\n";
  }
  out << "  sh:closed false .\n";
  return out.str();
}

}  // namespace gifkit::models
