// xsd_agreement.cpp — reads the complexTypes of GIF_Core_DataModel.xsd (their
// element refs, occurrences and resolved types) and compares gifkit's models
// with them; see xsd_agreement.hpp.
#include "models/engine/model/xsd_agreement.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "models/engine/model/model_names.hpp"
#include "models/engine/model/xml_document.hpp"

namespace gifkit::models {

namespace {

std::string local_name(const std::string& qname) {
  const std::size_t colon = qname.find(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

// The namespace URI a QName attribute value's prefix stands for at node.
std::string namespace_of(const xmlNode* node, const std::string& qname) {
  const std::size_t colon = qname.find(':');
  const std::string prefix = colon == std::string::npos ? std::string() : qname.substr(0, colon);
  xmlNs* ns =
      xmlSearchNs(node->doc, const_cast<xmlNode*>(node),
                  prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str()));
  return ns == nullptr || ns->href == nullptr ? std::string()
                                              : reinterpret_cast<const char*>(ns->href);
}

int occurs(const xmlNode* node, const char* name) {
  const std::string text = xml_attribute_text(node, name);
  if (text.empty()) return 1;
  if (text == "unbounded") return -1;
  int value = 1;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// "SexCodeList" for "SexCodeList_code_value" or "SexCodeList_code_simpleType".
std::optional<std::string> code_list_of(const std::string& type_name) {
  for (std::string_view suffix : {"_code_value", "_code_simpleType"}) {
    if (type_name.size() > suffix.size() &&
        type_name.compare(type_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      std::string list = type_name.substr(0, type_name.size() - suffix.size());
      if (list.size() > 8 && list.compare(list.size() - 8, 8, "CodeList") == 0) return list;
    }
  }
  return std::nullopt;
}

struct XsdIndex {
  std::map<std::string, const xmlNode*> elements;
  std::map<std::string, const xmlNode*> simple_types;
  std::map<std::string, const xmlNode*> groups;
  std::map<std::string, const xmlNode*> complex_types;
};

// Resolves a type QName (at node) to its kind and local name, following
// pd:X_simpleType restrictions down to their xsd: base.
void resolve_type(const XsdIndex& index, const xmlNode* node, const std::string& qname,
                  XsdItem& item, int depth = 0) {
  const std::string name = local_name(qname);
  if (namespace_of(node, qname) == kXsdNamespace) {
    item.kind = XsdTypeKind::builtin;
    item.type = name;
  } else if (auto list = code_list_of(name)) {
    item.kind = XsdTypeKind::codelist;
    item.type = *list;
  } else if (auto simple = index.simple_types.find(name);
             simple != index.simple_types.end() && depth < 8) {
    const xmlNode* restriction = first_xsd_child(simple->second, "restriction");
    const std::string base = restriction != nullptr ? xml_attribute_text(restriction, "base") : "";
    if (base.empty()) {
      item.kind = XsdTypeKind::builtin;
      item.type = "string";
    } else {
      resolve_type(index, restriction, base, item, depth + 1);
    }
  } else {
    item.kind = XsdTypeKind::complex;
    item.type = name;
  }
}

void append_sequence(const XsdIndex& index, const xmlNode* sequence, std::vector<XsdItem>& items) {
  for (const xmlNode* child = sequence->children; child != nullptr; child = child->next) {
    if (is_xsd_element(child, "group")) {
      auto group = index.groups.find(local_name(xml_attribute_text(child, "ref")));
      if (group == index.groups.end()) continue;
      if (const xmlNode* group_sequence = first_xsd_child(group->second, "sequence")) {
        append_sequence(index, group_sequence, items);
      }
    } else if (is_xsd_element(child, "element")) {
      XsdItem item;
      item.element = local_name(xml_attribute_text(child, "ref"));
      const bool declared_here = item.element.empty();
      if (declared_here) item.element = xml_attribute_text(child, "name");
      item.min_occurs = occurs(child, "minOccurs");
      item.max_occurs = occurs(child, "maxOccurs");
      // An element declared in the sequence with its own type (the 2024 XSD's
      // contactPointInformation of type pd:ContactPointForPerson) has that type,
      // not the type of a global element of the same name.
      if (declared_here && !xml_attribute_text(child, "type").empty()) {
        resolve_type(index, child, xml_attribute_text(child, "type"), item);
      } else if (auto element = index.elements.find(item.element);
                 element != index.elements.end()) {
        resolve_type(index, element->second, xml_attribute_text(element->second, "type"), item);
      }
      items.push_back(std::move(item));
    }
  }
}

std::vector<XsdItem> items_of_complex_type(const XsdIndex& index, const xmlNode* type,
                                           int depth = 0) {
  std::vector<XsdItem> items;
  if (const xmlNode* sequence = first_xsd_child(type, "sequence")) {
    append_sequence(index, sequence, items);
  } else if (const xmlNode* content = first_xsd_child(type, "complexContent")) {
    if (const xmlNode* restriction = first_xsd_child(content, "restriction")) {
      if (const xmlNode* sequence = first_xsd_child(restriction, "sequence")) {
        append_sequence(index, sequence, items);
      }
    } else if (const xmlNode* extension = first_xsd_child(content, "extension")) {
      auto base = index.complex_types.find(local_name(xml_attribute_text(extension, "base")));
      if (base != index.complex_types.end() && depth < 8) {
        items = items_of_complex_type(index, base->second, depth + 1);
      }
      if (const xmlNode* sequence = first_xsd_child(extension, "sequence")) {
        append_sequence(index, sequence, items);
      }
    }
  }
  return items;
}

// The base class name of a model's gif_class: "Address" for "Address_MP03".
std::string base_class(const std::string& gif_class) {
  const std::size_t mp = gif_class.find("_MP");
  return mp == std::string::npos ? gif_class : gif_class.substr(0, mp);
}

}  // namespace

std::string occurs_text(int min_occurs, int max_occurs) {
  return std::to_string(min_occurs) + ".." +
         (max_occurs == -1 ? std::string("unbounded") : std::to_string(max_occurs));
}

std::vector<ModelItem> model_items(const Model& model) {
  std::vector<ModelItem> items;
  std::set<std::string> parts_seen;
  for (const FieldSpec& field : model.fields) {
    if (field.part.empty()) {
      items.push_back(
          {field.id, field.xsd_element, field.min_occurs, field.max_occurs, &field, nullptr});
    } else if (parts_seen.insert(field.part).second) {
      if (const PartSpec* part = model.find_part(field.part)) {
        items.push_back(
            {part->id, part->xsd_element, part->min_occurs, part->max_occurs, nullptr, part});
      }
    }
  }
  for (const PartSpec& part : model.parts) {  // parts whose held model has no fields
    if (parts_seen.insert(part.id).second) {
      items.push_back(
          {part.id, part.xsd_element, part.min_occurs, part.max_occurs, nullptr, &part});
    }
  }
  return items;
}

bool GifXsd::load(const std::filesystem::path& xsd, std::string& error) {
  std::vector<XmlIssue> issues;
  XmlDocPtr doc = parse_xml_file(xsd, issues);
  if (!doc) {
    error = xsd.string() + ": " + (issues.empty() ? "cannot parse" : issues.front().message);
    return false;
  }
  const xmlNode* schema = xmlDocGetRootElement(doc.get());
  if (schema == nullptr || !is_xsd_element(schema, "schema")) {
    error = xsd.string() + ": not an XML Schema document";
    return false;
  }
  XsdIndex index;
  for (const xmlNode* child = schema->children; child != nullptr; child = child->next) {
    const std::string name =
        child->type == XML_ELEMENT_NODE ? xml_attribute_text(child, "name") : "";
    if (name.empty()) continue;
    if (is_xsd_element(child, "element")) index.elements[name] = child;
    if (is_xsd_element(child, "simpleType")) index.simple_types[name] = child;
    if (is_xsd_element(child, "group")) index.groups[name] = child;
    if (is_xsd_element(child, "complexType")) index.complex_types[name] = child;
  }
  std::map<std::string, std::vector<XsdItem>, std::less<>> items;
  for (const auto& [name, node] : index.complex_types) {
    items[name] = items_of_complex_type(index, node);
  }
  if (items.empty()) {
    error = xsd.string() + ": no complexType found";
    return false;
  }
  has_code_lists_ = std::any_of(items.begin(), items.end(), [](const auto& type) {
    return std::any_of(type.second.begin(), type.second.end(),
                       [](const XsdItem& item) { return item.kind == XsdTypeKind::codelist; });
  });
  items_ = std::move(items);
  return true;
}

const std::vector<XsdItem>* GifXsd::items_of(std::string_view complex_type) const {
  auto found = items_.find(complex_type);
  return found == items_.end() ? nullptr : &found->second;
}

std::vector<std::string> GifXsd::complex_types() const {
  std::vector<std::string> names;
  for (const auto& [name, items] : items_) names.push_back(name);
  return names;
}

bool value_type_fits(const FieldSpec& field, const XsdItem& item, bool xsd_has_code_lists) {
  switch (item.kind) {
    case XsdTypeKind::codelist:
      return field.type == ValueType::code && field.codelist == item.type;
    case XsdTypeKind::complex:
      // The information types (ID情報型, コード情報型; 2024 also spells IDInformationModel
      // and has 役割関与情報型) are carried as one text column. An XSD without code lists
      // (2024) carries a code as コード情報型: a code field of a GIF code list fits it.
      if (item.type == "CodeInformationModel" && !xsd_has_code_lists &&
          field.type == ValueType::code)
        return true;
      return (item.type == "IdInformationModel" || item.type == "IDInformationModel" ||
              item.type == "CodeInformationModel" || item.type == "RoleInformationModel") &&
             field.type == ValueType::text;
    case XsdTypeKind::builtin:
      break;
  }
  const std::string& type = item.type;
  switch (field.type) {
    case ValueType::date:
      return type == "date";
    case ValueType::date_time:
      return type == "dateTime" || type == "string";
    case ValueType::time:
      return type == "time" || type == "string";
    case ValueType::duration:
      return type == "duration" || type == "string";
    case ValueType::period:
      return type == "string";
    case ValueType::integer:
      return type == "integer" || type == "nonNegativeInteger" || type == "positiveInteger" ||
             type == "int" || type == "long";
    case ValueType::decimal:
      return type == "decimal" || type == "double" || type == "float";
    case ValueType::latitude:
    case ValueType::longitude:
      return type == "decimal" || type == "double" || type == "float" || type == "string";
    case ValueType::url:
      return type == "anyURI";
    case ValueType::code:
      return false;  // a code needs a code list type
    case ValueType::corporate_number:
      // 13 digits are an xsd:integer too (the 2024 XSD's legalEntityNumber).
      return type == "string" || type == "integer";
    case ValueType::text:
    case ValueType::katakana:
    case ValueType::address_kana:
    case ValueType::halfwidth_alnum:
    case ValueType::local_government_code:
    case ValueType::street_address_id:
    case ValueType::postal_code:
    case ValueType::phone:
    case ValueType::email:
    case ValueType::city_block:
      return type == "string";
  }
  return false;
}

std::vector<XsdMismatch> check_model_against_xsd(const Model& model, const ModelCatalog& catalog,
                                                 const GifXsd& xsd) {
  std::vector<XsdMismatch> mismatches;
  if (model.gif_class.empty()) return mismatches;
  const auto report = [&](const std::string& item, std::string message) {
    mismatches.push_back({model.id, item, std::move(message)});
  };
  const std::vector<XsdItem>* expected = xsd.items_of(model.gif_class);
  if (expected == nullptr) {
    report("", "the XSD has no complexType '" + model.gif_class + "'");
    return mismatches;
  }

  std::vector<ModelItem> actual;
  for (ModelItem& item : model_items(model)) {
    if (item.element.empty()) {
      report(item.id, "item '" + item.id + "' has no xsd-element, but " + model.gif_class +
                          " has no item beyond its XSD elements");
    } else {
      actual.push_back(std::move(item));
    }
  }

  std::map<std::string, const XsdItem*> expected_by_element;
  for (const XsdItem& item : *expected) expected_by_element[item.element] = &item;
  std::map<std::string, const ModelItem*> actual_by_element;
  for (const ModelItem& item : actual) {
    if (!actual_by_element.emplace(item.element, &item).second) {
      report(item.id, "xsd-element '" + item.element + "' is used by two items");
    }
  }
  for (const XsdItem& item : *expected) {
    if (actual_by_element.count(item.element) == 0) {
      report(item.element, model.gif_class + " has element '" + item.element +
                               "' but the model has no item for it");
    }
  }

  std::vector<std::string> actual_order;
  for (const ModelItem& item : actual) {
    auto found = expected_by_element.find(item.element);
    if (found == expected_by_element.end()) {
      report(item.id, "'" + item.element + "' is not an element of " + model.gif_class);
      continue;
    }
    actual_order.push_back(item.element);
    const XsdItem& xsd_item = *found->second;
    if (item.min_occurs != xsd_item.min_occurs || item.max_occurs != xsd_item.max_occurs) {
      report(item.id, "occurs " + occurs_text(item.min_occurs, item.max_occurs) + " but " +
                          model.gif_class + " says " +
                          occurs_text(xsd_item.min_occurs, xsd_item.max_occurs));
    }
    // A class holding itself (the 2024 relatedFacility of Facility) cannot be flattened into
    // its own row: it is one text column.
    const bool holds_itself = xsd_item.kind == XsdTypeKind::complex &&
                              xsd_item.type == base_class(model.gif_class) &&
                              item.field != nullptr && item.field->type == ValueType::text;
    if (item.field != nullptr && !holds_itself &&
        !value_type_fits(*item.field, xsd_item, xsd.has_code_lists())) {
      report(item.id, "type " + std::string(value_type_name(item.field->type)) +
                          (item.field->codelist.empty() ? "" : " (" + item.field->codelist + ")") +
                          " does not fit the XSD type " + xsd_item.type);
    }
    if (item.part != nullptr) {
      const Model* held = catalog.find(item.part->ref);
      const std::string held_class = held != nullptr ? base_class(held->gif_class) : "";
      if (xsd_item.kind != XsdTypeKind::complex || held_class != xsd_item.type) {
        report(item.id, "part holds " + item.part->ref + " (" + held_class +
                            ") but the XSD type is " + xsd_item.type);
      }
    }
  }

  std::vector<std::string> expected_order;
  for (const XsdItem& item : *expected) {
    if (actual_by_element.count(item.element) != 0) expected_order.push_back(item.element);
  }
  if (actual_order != expected_order) {
    report("", "items are not in the order of " + model.gif_class + "'s sequence");
  }
  return mismatches;
}

std::vector<XsdMismatch> check_catalog_against_xsd(const ModelCatalog& catalog, const GifXsd& xsd,
                                                   std::string_view release) {
  std::vector<XsdMismatch> mismatches;
  for (const Model* model : catalog.models()) {
    const std::string_view model_release =
        model->release.empty() ? std::string_view("2025") : std::string_view(model->release);
    if (model_release != release) continue;
    for (XsdMismatch& mismatch : check_model_against_xsd(*model, catalog, xsd)) {
      mismatches.push_back(std::move(mismatch));
    }
  }
  return mismatches;
}

}  // namespace gifkit::models
