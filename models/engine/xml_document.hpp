// xml_document.hpp — safe libxml2 parsing shared by model loading and XML
// instance validation: no network, no DTD loading, no entity substitution,
// size and depth limits (XML bombs fail with an error instead of expanding).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

typedef struct _xmlDoc xmlDoc;
typedef struct _xmlSchema xmlSchema;

namespace gifkit::models {

struct XmlIssue {
  int line = 0;
  int column = 0;
  std::string message;
};

struct XmlDocFree {
  void operator()(xmlDoc* doc) const;
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses a file safely. On failure returns nullptr and appends issues.
XmlDocPtr parse_xml_file(const std::filesystem::path& file, std::vector<XmlIssue>& issues);

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

}  // namespace gifkit::models
