// xml_document.cpp — safe libxml2 parsing and XSD validation. Documents are
// read with no network access (XML_PARSE_NONET and a no-network entity
// loader), no DTD loading, no entity substitution and libxml2's default size
// limits (XML_PARSE_HUGE off). A document whose DOCTYPE declares any entity is
// rejected at the declaration, before anything could expand: that stops both
// entity bombs (billion laughs) and external entities (XXE). The file's bytes
// reach libxml2 through our own reader (never libxml2's, which would inflate a
// gzip file unasked), where the attribute cap and the clock are applied.
#include "models/engine/model/xml_document.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>

#include "grammars/io/xml_attribute_counter.hpp"

namespace gifkit::models {

namespace {

constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

// Installs the no-network entity loader once per process, so that schemas a
// schema imports (which libxml2 reads itself) cannot be fetched over a network.
void install_no_network_loader() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
}

std::string trimmed_message(const char* message) {
  std::string text = message != nullptr ? message : "unknown XML error";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

XmlIssue issue_from(const xmlError* error) {
  XmlIssue issue;
  issue.line = error->line;
  issue.column = error->int2;
  issue.message = trimmed_message(error->message);
  return issue;
}

// Per-parse state, reached from libxml2 callbacks through ctxt->_private.
struct ParseState {
  std::vector<XmlIssue>* issues = nullptr;
  bool rejected = false;  // an entity declaration was seen
};

// The file's bytes as libxml2 reads them, block by block, through the
// attribute cap and the clock of limits.
struct GuardedInput {
  GuardedInput(std::FILE* file, const grammars::ReadLimits& limits)
      : file(file), limits(limits), attributes(limits.max_attributes) {}
  std::FILE* file;
  const grammars::ReadLimits& limits;
  grammars::XmlAttributeCounter attributes;
  bool stopped = false;
  bool read_failed = false;

  // libxml2's input callback: -1 (an I/O error to libxml2) when the clock
  // says no, an element has too many attributes or the file cannot be read.
  static int read(void* context, char* buffer, int size) {
    auto* self = static_cast<GuardedInput*>(context);
    if (self->limits.keep_going && !self->limits.keep_going()) {
      self->stopped = true;
      return -1;
    }
    const std::size_t got = std::fread(buffer, 1, static_cast<std::size_t>(size), self->file);
    if (got == 0 && std::ferror(self->file)) {
      self->read_failed = true;
      return -1;
    }
    if (!self->attributes.scan(std::string_view(buffer, got))) return -1;
    return static_cast<int>(got);
  }
};

ParseState* state_of(void* user_data) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  return static_cast<ParseState*>(ctxt->_private);
}

// Structured error callback of the parser: data is ctxt->userData, which
// libxml2 sets to the parser context itself.
void collect_parse_error(void* user_data, xmlErrorPtr error) {
  ParseState* state = state_of(user_data);
  if (state == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  state->issues->push_back(issue_from(error));
}

// Stops the parser at the first entity declaration of a DOCTYPE.
void reject_entity(void* user_data, const xmlChar* name) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  ParseState* state = state_of(user_data);
  if (state != nullptr && !state->rejected) {
    state->rejected = true;
    XmlIssue issue;
    issue.line = ctxt->input != nullptr ? ctxt->input->line : 0;
    issue.column = ctxt->input != nullptr ? ctxt->input->col : 0;
    issue.message = "entity declarations are not allowed (the DOCTYPE declares entity '" +
                    std::string(reinterpret_cast<const char*>(name)) +
                    "'); documents with entities are rejected to prevent entity expansion "
                    "attacks and external entity access";
    state->issues->push_back(std::move(issue));
  }
  ctxt->wellFormed = 0;
  xmlStopParser(ctxt);
}

void on_entity_decl(void* user_data, const xmlChar* name, int /*type*/,
                    const xmlChar* /*public_id*/, const xmlChar* /*system_id*/,
                    xmlChar* /*content*/) {
  reject_entity(user_data, name);
}

void on_unparsed_entity_decl(void* user_data, const xmlChar* name, const xmlChar* /*public_id*/,
                             const xmlChar* /*system_id*/, const xmlChar* /*notation*/) {
  reject_entity(user_data, name);
}

void collect_schema_error(void* user_data, xmlErrorPtr error) {
  if (user_data == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  static_cast<std::vector<XmlIssue>*>(user_data)->push_back(issue_from(error));
}

// Parses file (open; url names it for messages and relative references).
XmlDocPtr parse_xml_stream(std::FILE* file, const std::string& url, std::vector<XmlIssue>& issues,
                           const grammars::ReadLimits& limits) {
  assert(file != nullptr);
  GuardedInput input(file, limits);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    issues.push_back({0, 0, "cannot create an XML parser (out of memory)"});
    return nullptr;
  }
  ParseState state;
  state.issues = &issues;
  ctxt->_private = &state;
  ctxt->sax->serror = collect_parse_error;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;

  const std::size_t issues_before = issues.size();
  // The file's path is the document's URL: schemas it includes are found beside it.
  xmlDocPtr doc = xmlCtxtReadIO(ctxt, &GuardedInput::read, nullptr, &input, url.c_str(), nullptr,
                                kParseOptions);
  const bool well_formed = ctxt->wellFormed != 0 && !state.rejected;
  xmlFreeParserCtxt(ctxt);
  if (input.stopped || input.attributes.exceeded()) {
    if (doc != nullptr) xmlFreeDoc(doc);
    issues.resize(issues_before);  // libxml2's "I/O error" says nothing more
    if (input.stopped) {
      issues.push_back({0, 0, "stopped: the time limit was reached", XmlIssue::Kind::stopped});
    } else {
      issues.push_back({static_cast<int>(input.attributes.line()), 0,
                        input.attributes.refusal(limits.raise_attributes_hint),
                        XmlIssue::Kind::over_cap});
    }
    return nullptr;
  }

  if (doc == nullptr || !well_formed) {
    if (doc != nullptr) xmlFreeDoc(doc);
    if (issues.size() == issues_before) issues.push_back({0, 0, "the file is not well-formed XML"});
    return nullptr;
  }
  return XmlDocPtr(doc);
}

}  // namespace

void XmlDocFree::operator()(xmlDoc* doc) const {
  xmlFreeDoc(doc);
}

XmlDocPtr parse_xml_file(const std::filesystem::path& file, std::vector<XmlIssue>& issues,
                         const grammars::ReadLimits& limits) {
  install_no_network_loader();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    issues.push_back({0, 0, "cannot open file: it does not exist"});
    return nullptr;
  }
  if (!std::filesystem::is_regular_file(file, ec)) {
    issues.push_back({0, 0, "cannot read file: not a regular file"});
    return nullptr;
  }

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> opened(std::fopen(file.c_str(), "rb"),
                                                         &std::fclose);
  if (!opened) {
    issues.push_back({0, 0, "cannot open file: " + std::string(std::strerror(errno))});
    return nullptr;
  }
  return parse_xml_stream(opened.get(), file.string(), issues, limits);
}

XmlDocPtr parse_xml_bytes(std::string_view bytes, const std::string& name,
                          std::vector<XmlIssue>& issues, const grammars::ReadLimits& limits) {
  install_no_network_loader();
  // fmemopen never writes through a stream opened for reading.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> opened(
      ::fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb"), &std::fclose);
  if (!opened) {
    issues.push_back({0, 0, "cannot read: " + std::string(std::strerror(errno))});
    return nullptr;
  }
  return parse_xml_stream(opened.get(), name, issues, limits);
}

XmlSchema::~XmlSchema() {
  reset();
}

XmlSchema::XmlSchema(XmlSchema&& other) noexcept
    : schema_doc_(std::exchange(other.schema_doc_, nullptr)),
      schema_(std::exchange(other.schema_, nullptr)) {}

XmlSchema& XmlSchema::operator=(XmlSchema&& other) noexcept {
  if (this != &other) {
    reset();
    schema_doc_ = std::exchange(other.schema_doc_, nullptr);
    schema_ = std::exchange(other.schema_, nullptr);
  }
  return *this;
}

void XmlSchema::reset() {
  if (schema_ != nullptr) xmlSchemaFree(schema_);
  if (schema_doc_ != nullptr) xmlFreeDoc(schema_doc_);
  schema_ = nullptr;
  schema_doc_ = nullptr;
}

bool XmlSchema::load(const std::filesystem::path& schema_file, std::vector<XmlIssue>& issues) {
  reset();
  XmlDocPtr doc = parse_xml_file(schema_file, issues);
  if (!doc) return false;

  xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(doc.get());
  if (parser == nullptr) {
    issues.push_back({0, 0, "cannot create an XML Schema parser"});
    return false;
  }
  xmlSchemaSetParserStructuredErrors(parser, collect_schema_error, &issues);
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) {
    issues.push_back({0, 0, "the file is not a valid XML Schema"});
    return false;
  }
  schema_doc_ = doc.release();
  schema_ = schema;
  return true;
}

bool XmlSchema::validate(xmlDoc* doc, std::vector<XmlIssue>& issues) const {
  if (schema_ == nullptr) {
    issues.push_back({0, 0, "no schema loaded"});
    return false;
  }
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema_);
  if (validator == nullptr) {
    issues.push_back({0, 0, "cannot create an XML Schema validator"});
    return false;
  }
  const std::size_t issues_before = issues.size();
  xmlSchemaSetValidStructuredErrors(validator, collect_schema_error, &issues);
  const int result = xmlSchemaValidateDoc(validator, doc);
  xmlSchemaFreeValidCtxt(validator);
  if (result != 0 && issues.size() == issues_before) {
    issues.push_back({0, 0, "the document does not conform to the schema"});
  }
  return result == 0;
}

bool validate_against_xsd(xmlDoc* doc, const std::filesystem::path& schema_file,
                          std::vector<XmlIssue>& issues) {
  XmlSchema schema;
  if (!schema.load(schema_file, issues)) return false;
  return schema.validate(doc, issues);
}

bool is_element_in(const xmlNode* node, std::string_view ns, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && node->ns != nullptr && node->ns->href != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)) == ns &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

const xmlNode* first_xsd_child(const xmlNode* node, std::string_view name) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (is_xsd_element(child, name)) return child;
  }
  return nullptr;
}

std::optional<std::string> xml_attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

}  // namespace gifkit::models
