// xml_document.hpp — safe libxml2 parsing shared by model loading and XML
// instance validation: no network, no DTD loading, no entity substitution,
// size and depth limits (XML bombs fail with an error instead of expanding),
// and the caps of grammars::ReadLimits applied to the bytes before libxml2
// reads them (attributes per element; a clock asked block by block).
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/io/read_limits.hpp"

typedef struct _xmlDoc xmlDoc;
typedef struct _xmlNode xmlNode;
typedef struct _xmlSchema xmlSchema;

namespace gifkit::models {

struct XmlIssue {
  // invalid: the document is not well-formed (or not valid); over_cap: a cap
  // of ReadLimits refused it before it was read through; stopped:
  // ReadLimits::keep_going said no.
  enum class Kind { invalid, over_cap, stopped };
  int line = 0;
  int column = 0;
  std::string message;
  Kind kind = Kind::invalid;
};

struct XmlDocFree {
  void operator()(xmlDoc* doc) const;
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses a file safely, its bytes read through the caps of limits (the
// attribute cap and the clock; the size caps are for zip parts). On failure
// returns nullptr and appends issues (a refusal by a cap or the clock is the
// last, of its kind).
XmlDocPtr parse_xml_file(const std::filesystem::path& file, std::vector<XmlIssue>& issues,
                         const grammars::ReadLimits& limits = {});
// parse_xml_file of bytes held in memory (a service's request body), named
// name in messages.
XmlDocPtr parse_xml_bytes(std::string_view bytes, const std::string& name,
                          std::vector<XmlIssue>& issues, const grammars::ReadLimits& limits = {});

// Validates doc against the XSD at schema_file. Returns true when valid;
// otherwise appends every violation (line, message) to issues.
bool validate_against_xsd(xmlDoc* doc, const std::filesystem::path& schema_file,
                          std::vector<XmlIssue>& issues);

// An XSD compiled once and used to validate many documents (model files
// against models/model.xsd, GIF instances against GIF_Core_DataModel.xsd).
// The schema document itself is parsed with parse_xml_file's protections;
// schemas it imports are read from local files only (no network).
class XmlSchema {
 public:
  XmlSchema() = default;
  ~XmlSchema();
  XmlSchema(const XmlSchema&) = delete;
  XmlSchema& operator=(const XmlSchema&) = delete;
  XmlSchema(XmlSchema&& other) noexcept;
  XmlSchema& operator=(XmlSchema&& other) noexcept;

  // Parses and compiles the XSD. Returns false and appends issues on failure.
  bool load(const std::filesystem::path& schema_file, std::vector<XmlIssue>& issues);
  bool loaded() const { return schema_ != nullptr; }

  // True when doc is valid; otherwise appends every violation. Requires loaded().
  bool validate(xmlDoc* doc, std::vector<XmlIssue>& issues) const;

 private:
  void reset();
  xmlDoc* schema_doc_ = nullptr;  // kept alive: the compiled schema points into it
  xmlSchema* schema_ = nullptr;
};

// Small helpers for walking a parsed document.
inline constexpr std::string_view kXsdNamespace = "http://www.w3.org/2001/XMLSchema";

// True when node is an element called name in namespace ns.
bool is_element_in(const xmlNode* node, std::string_view ns, std::string_view name);
// An XML Schema element (xsd:name).
inline bool is_xsd_element(const xmlNode* node, std::string_view name) {
  return is_element_in(node, kXsdNamespace, name);
}
// The first child of node that is the XML Schema element xsd:name, or nullptr.
const xmlNode* first_xsd_child(const xmlNode* node, std::string_view name);
// The value of node's attribute called name (no namespace), or nothing.
std::optional<std::string> xml_attribute(const xmlNode* node, const char* name);
// The attribute's value, or "" when node has none.
inline std::string xml_attribute_text(const xmlNode* node, const char* name) {
  return xml_attribute(node, name).value_or(std::string());
}

}  // namespace gifkit::models
