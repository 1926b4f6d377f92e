// xsd.cpp — a model as an XML Schema: a complexType per model (xs:all, one
// element per column, named by its English id, its CSV header in the
// annotation), the value rules as facets (pattern, enumeration, lengths; a
// date as xs:date with its YYYY-MM-DD pattern), and a root element of rows
// whose key items are xs:unique. XML Schema 1.0 has no co-occurrence
// constraints: an item required in one form or another, and a class's
// required patterns, are said in the annotation.
#include <sstream>

#include "grammars/text/markup_escape.hpp"
#include "models/engine/export/model_export.hpp"

namespace gifkit::models {
namespace {

using grammars::markup_escaped;
// The schema's text and attribute values: & < > " escaped, nothing else changed.
constexpr grammars::MarkupEscape kXml = grammars::MarkupEscape::xml_basic;

// An XML name from an id: ASCII letters, digits, '.', '-', '_' kept, others
// '_', and a leading '_' when it does not start with a letter.
std::string xml_name(const std::string& id) {
  std::string name;
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    name += keep ? c : '_';
  }
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
    name = "_" + name;
  return name;
}

}  // namespace

std::string xsd_element_name(const ExportField& field) {
  return xml_name(field.spec->id_generated ? field.spec->id : field.spec->path);
}

std::string write_xsd(const ExportModel& model) {
  const Model& source = *model.model;
  const std::string local = source.id.substr(source.id.find(':') + 1);
  const std::string type_name = xml_name(local);
  const std::string target = "urn:gifkit:export:" + source.id;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<!-- "
      << grammars::xml_comment_text(source.id + " (" + source.label +
                                    ") as an XML Schema, written by gifkit model export.")
      << " -->\n"
      << "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:t=\""
      << markup_escaped(target, kXml) << "\" targetNamespace=\"" << markup_escaped(target, kXml)
      << "\" elementFormDefault=\"qualified\""
      << (source.release.empty() ? "" : " version=\"" + markup_escaped(source.release, kXml) + "\"")
      << ">\n"
      << "  <xs:annotation>\n"
      << "    <xs:documentation xml:lang=\"ja\">"
      << markup_escaped(form_description(model, ExportForm::xsd), kXml) << "</xs:documentation>\n"
      << "    <xs:appinfo source=\"urn:gifkit:model\">" << markup_escaped(source.id, kXml)
      << "</xs:appinfo>\n"
      << "  </xs:annotation>\n"
      << "  <xs:element name=\"rows\">\n"
      << "    <xs:complexType>\n"
      << "      <xs:sequence>\n"
      << "        <xs:element name=\"row\" type=\"t:" << type_name
      << "\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n"
      << "      </xs:sequence>\n"
      << "    </xs:complexType>\n";
  if (!model.key.empty()) {
    out << "    <xs:unique name=\"key\">\n      <xs:selector xpath=\"t:row\"/>\n";
    for (std::size_t index : model.key)
      out << "      <xs:field xpath=\"t:" << xsd_element_name(model.fields[index]) << "\"/>\n";
    out << "    </xs:unique>\n";
  }
  out << "  </xs:element>\n"
      << "  <xs:complexType name=\"" << type_name << "\">\n"
      << "    <xs:annotation><xs:documentation xml:lang=\"ja\">"
      << markup_escaped(source.label, kXml) << "</xs:documentation></xs:annotation>\n"
      << "    <xs:all>\n";
  for (const ExportField& field : model.fields) {
    out << "      <xs:element name=\"" << xsd_element_name(field) << "\" minOccurs=\""
        << (field.required ? "1" : "0") << "\">\n"
        << "        <xs:annotation>\n"
        << "          <xs:appinfo source=\"urn:gifkit:header\">"
        << markup_escaped(field.header, kXml) << "</xs:appinfo>\n";
    const std::string description = field_description(model, field, ExportForm::xsd);
    if (!description.empty())
      out << "          <xs:documentation xml:lang=\"ja\">" << markup_escaped(description, kXml)
          << "</xs:documentation>\n";
    out << "        </xs:annotation>\n"
        << "        <xs:simpleType>\n";
    // The model's own pattern restricts the type's: a restriction of a restriction.
    const bool nested = !field.extra_pattern.empty();
    const std::string base = field.date ? "xs:date" : "xs:string";
    if (nested) {
      out << "          <xs:restriction>\n"
          << "            <xs:simpleType><xs:restriction base=\"" << base
          << "\"><xs:pattern value=\"" << markup_escaped(field.pattern, kXml)
          << "\"/></xs:restriction></xs:simpleType>\n"
          << "            <xs:pattern value=\"" << markup_escaped(field.extra_pattern, kXml)
          << "\"/>\n";
    } else {
      out << "          <xs:restriction base=\"" << base << "\">\n";
      if (!field.pattern.empty())
        out << "            <xs:pattern value=\"" << markup_escaped(field.pattern, kXml)
            << "\"/>\n";
    }
    for (const std::string& value : field.enumeration)
      out << "            <xs:enumeration value=\"" << markup_escaped(value, kXml) << "\"/>\n";
    if (field.spec->min_length > 0 && !field.date)
      out << "            <xs:minLength value=\"" << field.spec->min_length << "\"/>\n";
    if (field.spec->max_length > 0 && !field.date)
      out << "            <xs:maxLength value=\"" << field.spec->max_length << "\"/>\n";
    out << "          </xs:restriction>\n"
        << "        </xs:simpleType>\n"
        << "      </xs:element>\n";
  }
  out << "    </xs:all>\n"
      << "  </xs:complexType>\n"
      << "</xs:schema>\n";
  return out.str();
}

}  // namespace gifkit::models
