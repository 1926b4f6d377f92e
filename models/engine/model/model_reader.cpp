// model_reader.cpp — turns a model document (already valid against
// models/model.xsd) into a ModelDefinition: elements and attributes of the
// model language to FieldSpec/PartSpec values, with the checks the schema
// cannot express. Resolution of extends and parts is model_catalog.cpp's job.

#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlregexp.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/engine/model/model_definition.hpp"
#include "models/engine/model/model_names.hpp"
#include "models/engine/model/xml_document.hpp"
#include "registries/moji/named_sets.hpp"

namespace gifkit::models {

namespace {

constexpr std::string_view kModelNamespace = "urn:gifkit:model:1";

bool is_element(const xmlNode* node, std::string_view name) {
  return is_element_in(node, kModelNamespace, name);
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
  return xml_attribute(node, name);
}

std::string attribute_or(const xmlNode* node, const char* name, std::string fallback) {
  return attribute(node, name).value_or(std::move(fallback));
}

std::string trim(std::string text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  return text.substr(start);
}

std::string text_of(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return trim(std::move(text));
}

int line_of(const xmlNode* node) {
  return static_cast<int>(xmlGetLineNo(node));
}

// Reads one of the occurrence attributes: a count, or "unbounded" (-1) for max.
// The schema has already checked the form; values too large for int fail.
std::optional<int> occurs(const xmlNode* node, const char* name, int fallback) {
  const std::optional<std::string> text = attribute(node, name);
  if (!text) return fallback;
  if (*text == "unbounded") return -1;
  int value = 0;
  const std::string digits = trim(*text);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// Compiles an XML Schema regular expression (the xs:pattern language) with
// libxml2 to check its syntax; returns libxml2's message when it is invalid.
// libxml2 reports regexp errors through the thread's structured error
// handler, which is captured here and restored afterwards.
std::optional<std::string> pattern_error(const std::string& pattern) {
  std::string message;
  const xmlStructuredErrorFunc saved_handler = xmlStructuredError;
  void* const saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(&message, [](void* context, xmlErrorPtr error) {
    auto* text = static_cast<std::string*>(context);
    if (error != nullptr && error->message != nullptr && text->empty())
      text->assign(error->message);
  });
  xmlRegexpPtr compiled = xmlRegexpCompile(reinterpret_cast<const xmlChar*>(pattern.c_str()));
  xmlSetStructuredErrorFunc(saved_context, saved_handler);
  if (compiled != nullptr) {
    xmlRegFreeRegexp(compiled);
    return std::nullopt;
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message.empty() ? std::string("not a valid XML Schema regular expression") : message;
}

bool is_true(const std::optional<std::string>& text) {
  return text && (*text == "true" || *text == "1");
}

class DefinitionReader {
 public:
  DefinitionReader(const std::filesystem::path& file, std::vector<ModelLoadError>& errors)
      : file_(file.string()), errors_(errors) {}

  bool read(const xmlNode* root, ModelDefinition& out) {
    out.file = file_;
    out.line = line_of(root);
    out.id = attribute_or(root, "id", "");
    out.label = attribute_or(root, "label", "");
    out.xsd_type = attribute_or(root, "xsd-type", "");
    out.has_header = attribute_or(root, "header", "present") != "none";
    out.extends = attribute_or(root, "extends", "");
    out.partial = is_true(attribute(root, "partial"));
    const std::optional<std::string> auto_pick = attribute(root, "auto-pick");
    out.auto_pick = !auto_pick || is_true(auto_pick);
    out.file_name = attribute_or(root, "file-name", "");
    out.common = attribute_or(root, "common", "");
    out.release = attribute_or(root, "release", "");
    out.also_release = attribute_or(root, "also-release", "");
    for (const xmlNode* child = root->children; child != nullptr; child = child->next) {
      if (is_element(child, "description")) {
        out.description = text_of(child);
      } else if (is_element(child, "omit")) {
        out.omits.push_back({attribute_or(child, "ref", ""), line_of(child)});
      } else if (is_element(child, "require")) {
        out.requirements.push_back({attribute_or(child, "ref", ""), line_of(child)});
      } else if (is_element(child, "recommend")) {
        out.recommendations.push_back({attribute_or(child, "ref", ""), line_of(child)});
      } else if (is_element(child, "field")) {
        out.members.push_back({false, out.fields.size()});
        out.fields.push_back(read_field(child));
      } else if (is_element(child, "part")) {
        out.members.push_back({true, out.parts.size()});
        out.parts.push_back(read_part(child));
      } else if (is_element(child, "alternative")) {
        out.alternatives.push_back(read_alternative(child));
      } else if (is_element(child, "registry-check")) {
        out.registry_checks.push_back(read_registry_check(child));
      }
    }
    return ok_;
  }

 private:
  void fail(int line, std::string message) {
    errors_.push_back({file_, line, 0, std::move(message)});
    ok_ = false;
  }

  // min and max of a field or part; reports min > max.
  void read_occurs(const xmlNode* node, const std::string& id, int& min_occurs, int& max_occurs) {
    const std::optional<int> min_value = occurs(node, "min", 0);
    const std::optional<int> max_value = occurs(node, "max", 1);
    if (!min_value || !max_value) {
      fail(line_of(node), "'" + id + "': min or max is too large");
      return;
    }
    min_occurs = *min_value;
    max_occurs = *max_value;
    if (max_occurs != -1 && min_occurs > max_occurs) {
      fail(line_of(node), "'" + id + "': min (" + std::to_string(min_occurs) +
                              ") is greater than max (" + std::to_string(max_occurs) + ")");
    }
  }

  // charset="jisx0208" (model.xsd lists the names), or charset-file="sets/
  // ours.txt": a set file in the IMI format, relative to the model file,
  // read now (a file that is not a set fails the model, naming its line).
  void read_charset(const xmlNode* node, FieldSpec& field) {
    const std::string name = attribute_or(node, "charset", "any");
    auto charset = parse_charset(name);
    if (!charset) {
      fail(line_of(node), "'" + field.id + "': charset '" + name + "' is not a character set");
      return;
    }
    field.charset = *charset;
    const std::string file = attribute_or(node, "charset-file", "");
    if (file.empty()) return;
    if (!field.charset.any()) {
      fail(line_of(node), "'" + field.id + "': give charset or charset-file, not both");
      return;
    }
    std::filesystem::path path(file);
    if (path.is_relative()) path = std::filesystem::path(file_).parent_path() / path;
    try {
      field.charset.name = file;
      field.charset.file_set = std::make_shared<const registries::moji::CharacterSet>(
          registries::moji::load_character_set_file(path));
    } catch (const registries::RegistryError& error) {
      fail(line_of(node), "'" + field.id + "': charset-file: " + error.what());
    }
  }

  FieldDefinition read_field(const xmlNode* node) {
    FieldDefinition definition;
    definition.line = line_of(node);
    definition.from = attribute_or(node, "from", "");
    definition.from_item = attribute_or(node, "from-item", "");
    if (definition.from.empty() && !definition.from_item.empty()) {
      fail(definition.line, "field '" + attribute_or(node, "id", "") +
                                "': from-item needs from (the model the item is taken from)");
    }
    for (const xmlAttr* given = node->properties; given != nullptr; given = given->next) {
      definition.given.emplace(reinterpret_cast<const char*>(given->name));
    }
    FieldSpec& field = definition.spec;
    field.id = attribute_or(node, "id", "");
    field.path = field.id;
    field.id_generated = is_true(attribute(node, "id-generated"));
    field.label = attribute_or(node, "label", "");
    field.type = parse_value_type(attribute_or(node, "type", "text")).value_or(ValueType::text);
    field.width = parse_width(attribute_or(node, "width", "any")).value_or(Width::any);
    read_charset(node, field);
    read_occurs(node, field.id, field.min_occurs, field.max_occurs);
    field.min_length = occurs(node, "min-length", 0).value_or(0);
    field.max_length = occurs(node, "max-length", 0).value_or(0);
    field.codelist = attribute_or(node, "codelist", "");
    field.key = is_true(attribute(node, "key"));
    field.xsd_element = attribute_or(node, "xsd-element", "");
    field.since = attribute_or(node, "since", "");
    field.example = attribute_or(node, "example", "");
    field.pattern = attribute_or(node, "pattern", "");
    // blank="allowed", or what a blank means (blank="未対応"): a value either way.
    const std::string blank = attribute_or(node, "blank", "");
    field.blank_allowed = !blank.empty();
    if (blank != "allowed") field.blank_meaning = blank;
    field.code_information = is_true(attribute(node, "code-information"));
    const std::string total_of = attribute_or(node, "total-of", "");
    for (std::size_t at = 0; at < total_of.size();) {
      const std::size_t space = std::min(total_of.find(' ', at), total_of.size());
      if (space > at) field.total_of.push_back(total_of.substr(at, space - at));
      at = space + 1;
    }
    field.total_at_least = attribute_or(node, "total-rule", "equal") == "at-least";
    const std::string values = attribute_or(node, "values", "");
    for (std::string_view rest = values; !rest.empty();) {
      const std::size_t bar = rest.find('|');
      field.values.emplace_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (is_element(child, "description")) {
        field.description = text_of(child);
        definition.given.emplace("description");
      } else if (is_element(child, "alias")) {
        Alias alias;
        alias.label = text_of(child);
        alias.kind =
            parse_alias_kind(attribute_or(child, "kind", "")).value_or(AliasKind::nonstandard);
        field.aliases.push_back(std::move(alias));
      }
    }
    check_field(definition);
    return definition;
  }

  // A field taken with `from` is checked whole by the resolver, once merged;
  // here only what it writes itself (its label, its pattern).
  void check_field(const FieldDefinition& definition) {
    const FieldSpec& field = definition.spec;
    if (definition.from.empty() && field.label.empty()) {
      fail(definition.line, "field '" + field.id + "' has no label (give label, or from=\"…\")");
    }
    if (definition.from.empty()) {
      if (std::string problem = field_spec_problem(field); !problem.empty())
        fail(definition.line, std::move(problem));
    }
    if (!field.pattern.empty()) {
      if (const std::optional<std::string> error = pattern_error(field.pattern)) {
        fail(definition.line, "field '" + field.id + "': invalid pattern: " + *error);
      }
    }
  }

  PartDefinition read_part(const xmlNode* node) {
    PartDefinition definition;
    definition.line = line_of(node);
    PartSpec& part = definition.spec;
    part.id = attribute_or(node, "id", "");
    part.ref = attribute_or(node, "ref", "");
    part.label = attribute_or(node, "label", "");
    part.xsd_element = attribute_or(node, "xsd-element", "");
    part.prefix_optional = is_true(attribute(node, "prefix-optional"));
    part.city_block_form = attribute_or(node, "city-block-form", "ds-442") != "as-written";
    read_occurs(node, part.id, part.min_occurs, part.max_occurs);
    part.prefixes.push_back(part.label);
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (is_element(child, "description")) {
        part.description = text_of(child);
      } else if (is_element(child, "prefix")) {
        std::string prefix = text_of(child);
        bool known = false;
        for (const std::string& existing : part.prefixes) known = known || existing == prefix;
        if (!known) part.prefixes.push_back(std::move(prefix));
      } else if (is_element(child, "alias")) {
        PartAliasDefinition alias;
        alias.line = line_of(child);
        alias.field = attribute_or(child, "field", "");
        alias.alias.label = text_of(child);
        alias.alias.kind =
            parse_alias_kind(attribute_or(child, "kind", "")).value_or(AliasKind::nonstandard);
        alias.alias.as_written = true;
        definition.aliases.push_back(std::move(alias));
      }
    }
    return definition;
  }

  AlternativeDefinition read_alternative(const xmlNode* node) {
    AlternativeDefinition alternative;
    alternative.line = line_of(node);
    if (std::optional<std::string> separator = attribute(node, "separator")) {
      alternative.separator = std::move(*separator);
      alternative.has_separator = true;
    }
    for (const xmlNode* form = node->children; form != nullptr; form = form->next) {
      if (!is_element(form, "form")) continue;
      std::vector<ItemReferenceDefinition>& items = alternative.forms.emplace_back();
      for (const xmlNode* item = form->children; item != nullptr; item = item->next) {
        if (is_element(item, "item"))
          items.push_back({attribute_or(item, "ref", ""), line_of(item)});
      }
    }
    return alternative;
  }

  // The schema has checked the names (registry, with) and that refs are given.
  RegistryCheckDefinition read_registry_check(const xmlNode* node) {
    RegistryCheckDefinition check;
    check.line = line_of(node);
    check.registry = attribute_or(node, "registry", "");
    check.key = {attribute_or(node, "key", ""), check.line};
    check.town_key = {attribute_or(node, "town-key", ""), check.line};
    check.country = {attribute_or(node, "country", ""), check.line};
    check.optional = is_true(attribute(node, "optional"));
    for (const xmlNode* compare = node->children; compare != nullptr; compare = compare->next) {
      if (is_element(compare, "written")) {
        auto& form = check.written.emplace_back();
        for (const xmlNode* item = compare->children; item != nullptr; item = item->next) {
          if (is_element(item, "item"))
            form.push_back({attribute_or(item, "ref", ""), line_of(item)});
        }
        continue;
      }
      if (!is_element(compare, "compare")) continue;
      RegistryComparisonDefinition& comparison = check.comparisons.emplace_back();
      comparison.line = line_of(compare);
      comparison.with =
          parse_registered_value(attribute_or(compare, "with", "")).value_or(RegisteredValue::name);
      for (const xmlNode* item = compare->children; item != nullptr; item = item->next) {
        if (is_element(item, "item"))
          comparison.items.push_back({attribute_or(item, "ref", ""), line_of(item)});
      }
    }
    return check;
  }

  std::string file_;
  std::vector<ModelLoadError>& errors_;
  bool ok_ = true;
};

}  // namespace

std::string field_spec_problem(const FieldSpec& field) {
  if (field.type == ValueType::code && field.codelist.empty())
    return "field '" + field.id + "' has type code but no codelist";
  if (field.type != ValueType::code && !field.codelist.empty())
    return "field '" + field.id + "' names codelist " + field.codelist +
           " but its type is not code";
  if (field.max_length > 0 && field.min_length > field.max_length)
    return "field '" + field.id + "': min-length is greater than max-length";
  return "";
}

bool read_model_definition(xmlDoc* doc, const std::filesystem::path& file, ModelDefinition& out,
                           std::vector<ModelLoadError>& errors) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr || !is_element(root, "model")) {
    errors.push_back(
        {file.string(), 0, 0, "the root element is not <model> in urn:gifkit:model:1"});
    return false;
  }
  DefinitionReader reader(file, errors);
  return reader.read(root, out);
}

}  // namespace gifkit::models
