// xml_document.hpp — safe libxml2 parsing shared by model loading and XML
// instance validation: no network, no DTD loading, no entity substitution,
// size and depth limits (XML bombs fail with an error instead of expanding).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

typedef struct _xmlDoc xmlDoc;

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

}  // namespace gifkit::models
