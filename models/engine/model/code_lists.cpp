// code_lists.cpp — reads the GIF code lists from the official
// GIF_Core_CodeList.xsd: every top-level <xsd:simpleType name="XxxCodeList_code_simpleType">
// is the list XxxCodeList; its enumeration values are the codes and each
// enumeration's <xsd:documentation> is the code's name (SexCodeList 2 = 女性).
#include "models/engine/model/code_lists.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <string_view>

#include "grammars/text/text_fold.hpp"
#include "models/engine/model/xml_document.hpp"

namespace gifkit::models {

namespace {

constexpr std::string_view kCodeSuffix = "_code_simpleType";

std::string trimmed_content(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The name of an enumeration: the text of its annotation's first documentation.
std::string enumeration_name(const xmlNode* enumeration) {
  const xmlNode* annotation = first_xsd_child(enumeration, "annotation");
  if (annotation == nullptr) return {};
  const xmlNode* documentation = first_xsd_child(annotation, "documentation");
  return documentation == nullptr ? std::string() : trimmed_content(documentation);
}

}  // namespace

const CodeEntry* find_exact_code_label(const std::vector<CodeEntry>& entries,
                                       std::string_view value) {
  const auto exact = std::find_if(entries.begin(), entries.end(),
                                  [value](const CodeEntry& entry) { return entry.name == value; });
  if (exact == entries.end()) return nullptr;
  if (exact->folded_name.empty()) return &*exact;
  const auto first = std::find_if(entries.begin(), exact, [&](const CodeEntry& entry) {
    return entry.folded_name == exact->folded_name;
  });
  return &*first;  // exact itself when no earlier entry folds the same
}

const CodeEntry* find_folded_code_label(const std::vector<CodeEntry>& entries,
                                        std::string_view folded) {
  for (const CodeEntry& entry : entries) {
    if (!entry.folded_name.empty() && entry.folded_name == folded) return &entry;
  }
  return nullptr;
}

const CodeEntry* find_code_label(const std::vector<CodeEntry>& entries, std::string_view value) {
  if (const CodeEntry* exact = find_exact_code_label(entries, value)) return exact;
  return find_folded_code_label(entries, grammars::fold_label(value));
}

bool CodeLists::load_xsd(const std::filesystem::path& xsd, std::string& error) {
  std::vector<XmlIssue> issues;
  XmlDocPtr doc = parse_xml_file(xsd, issues);
  if (!doc) {
    error = xsd.string();
    if (!issues.empty()) {
      error += ":" + std::to_string(issues.front().line) + ": " + issues.front().message;
    }
    return false;
  }
  const xmlNode* schema = xmlDocGetRootElement(doc.get());
  if (schema == nullptr || !is_xsd_element(schema, "schema")) {
    error = xsd.string() + ": not an XML Schema document";
    return false;
  }

  std::map<std::string, std::vector<CodeEntry>, std::less<>> lists;
  for (const xmlNode* type = schema->children; type != nullptr; type = type->next) {
    if (!is_xsd_element(type, "simpleType")) continue;
    const std::string type_name = xml_attribute_text(type, "name");
    if (type_name.size() <= kCodeSuffix.size() ||
        type_name.compare(type_name.size() - kCodeSuffix.size(), kCodeSuffix.size(), kCodeSuffix) !=
            0) {
      continue;
    }
    const xmlNode* restriction = first_xsd_child(type, "restriction");
    if (restriction == nullptr) continue;
    std::vector<CodeEntry>& entries =
        lists[type_name.substr(0, type_name.size() - kCodeSuffix.size())];
    for (const xmlNode* value = restriction->children; value != nullptr; value = value->next) {
      if (is_xsd_element(value, "enumeration")) {
        std::string name = enumeration_name(value);
        std::string folded = name.empty() ? std::string() : grammars::fold_label(name);
        entries.push_back({xml_attribute_text(value, "value"), std::move(name), std::move(folded)});
      }
    }
  }
  if (lists.empty()) {
    error = xsd.string() + ": no XxxCodeList_code_simpleType found";
    return false;
  }
  lists_.clear();
  for (auto& [name, entries] : lists) lists_.emplace(name, std::move(entries));
  return true;
}

const std::vector<CodeEntry>* CodeLists::find(std::string_view list_name) const {
  auto found = lists_.find(list_name);
  return found == lists_.end() ? nullptr : &found->second;
}

std::vector<std::string> CodeLists::names() const {
  std::vector<std::string> all;
  for (const auto& [name, entries] : lists_) all.push_back(name);
  std::sort(all.begin(), all.end());
  return all;
}

}  // namespace gifkit::models
