// houjin_xml.cpp — see houjin_xml.hpp. Safety: the prolog (everything before
// the root element) is read first and a DOCTYPE is refused before libxml2
// sees a byte, so no entity can be declared, let alone expanded or fetched
// (billion laughs, XXE); the parser runs with XML_PARSE_NONET, without
// XML_PARSE_NOENT / DTDLOAD / HUGE. The reader frees each node once passed,
// so memory stays flat.
#include "registries/houjin/import/houjin_xml.hpp"

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

namespace gifkit::registries::houjin {
namespace {

// The prolog must end within this many bytes (it is one line in NTA files).
constexpr std::size_t kPrologLimit = 64 * 1024;
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;

std::string_view view(const xmlChar* text) {
  return text == nullptr ? std::string_view() : reinterpret_cast<const char*>(text);
}

// The bytes libxml2 reads: the head already checked, then the rest of the file.
struct XmlInput {
  std::string head;
  std::size_t served = 0;
  std::FILE* file = nullptr;
};

int read_input(void* context, char* buffer, int length) {
  auto* input = static_cast<XmlInput*>(context);
  if (length <= 0) return 0;
  std::size_t wanted = static_cast<std::size_t>(length);
  if (input->served < input->head.size()) {
    std::size_t count = std::min(wanted, input->head.size() - input->served);
    std::memcpy(buffer, input->head.data() + input->served, count);
    input->served += count;
    return static_cast<int>(count);
  }
  std::size_t got = std::fread(buffer, 1, wanted, input->file);
  if (got == 0 && std::ferror(input->file)) return -1;
  return static_cast<int>(got);
}

// Throws when the prolog of head (the XML declaration, comments, processing
// instructions before the root element) has a DOCTYPE or does not end
// within head.
void refuse_doctype(std::string_view head, bool whole_file, const std::string& file) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (true) {
    std::size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) break;
    head.remove_prefix(first);
    std::string_view terminator = head.starts_with("<?")     ? "?>"
                                  : head.starts_with("<!--") ? "-->"
                                                             : "";
    if (terminator.empty()) {
      if (head.starts_with("<!DOCTYPE")) {
        throw RegistryError(file +
                            ": a DOCTYPE is not allowed in a 法人番号 XML (no DTD or entity is "
                            "ever read, so entity bombs and external entities cannot work)");
      }
      return;
    }
    std::size_t end = head.find(terminator);
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + terminator.size());
  }
  if (!whole_file) {
    throw NotHoujinSource(file + ": not a 法人番号 XML (no root element in the first " +
                          std::to_string(kPrologLimit / 1024) + " KiB)");
  }
}

// The first error libxml2 reported.
struct XmlProblem {
  int line = 0;
  std::string message;
};

void keep_first_error(void* context, xmlErrorPtr error) {
  auto* problem = static_cast<XmlProblem*>(context);
  if (error == nullptr || error->level < XML_ERR_ERROR || !problem->message.empty()) return;
  problem->line = error->line;
  problem->message = error->message != nullptr ? error->message : "XML error";
  while (!problem->message.empty() && (problem->message.back() == '\n'))
    problem->message.pop_back();
}

// The index in kHoujinColumns of the element named name; hint is where
// the element is expected (the elements come in column order).
std::optional<std::size_t> column_index(std::string_view name, std::size_t hint) {
  if (hint < kHoujinColumnCount && kHoujinColumns[hint].nta_name == name) return hint;
  for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
    if (kHoujinColumns[i].nta_name == name) return i;
  return std::nullopt;
}

// The walk over the reader's nodes: depth 0 <corporations>, depth 1 the
// header elements and each <corporation>, depth 2 its fields.
class XmlRows {
 public:
  XmlRows(SourceStream& source, HoujinRowStore& store) : source_(source), store_(store) {}

  AnswerHeader run() {
    input_.file = source_.file();
    input_.head.resize(kPrologLimit);
    input_.head.resize(std::fread(input_.head.data(), 1, kPrologLimit, source_.file()));
    refuse_doctype(input_.head, input_.head.size() < kPrologLimit, name());
    std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
        xmlReaderForIO(&read_input, nullptr, &input_, name().c_str(), nullptr, kParseOptions),
        &xmlFreeTextReader);
    if (!reader) throw RegistryError(name() + ": cannot start the XML reader");
    xmlTextReaderSetStructuredErrorHandler(reader.get(), &keep_first_error, &problem_);
    reader_ = reader.get();
    int status = 0;
    while ((status = xmlTextReaderRead(reader_)) == 1) visit();
    if (status < 0 || source_.zip_read_failed()) fail();
    if (!root_seen_) throw NotHoujinSource(name() + ": not a 法人番号 XML (no root element)");
    check_announced_count(header_, ordinal_, name());
    return header_;
  }

 private:
  const std::string& name() const { return source_.display_name(); }

  void visit() {
    int depth = xmlTextReaderDepth(reader_);
    switch (xmlTextReaderNodeType(reader_)) {
      case XML_READER_TYPE_ELEMENT:
        on_element(depth, view(xmlTextReaderConstLocalName(reader_)),
                   xmlTextReaderIsEmptyElement(reader_) == 1);
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (text_target_ != nullptr) *text_target_ += view(xmlTextReaderConstValue(reader_));
        break;
      case XML_READER_TYPE_END_ELEMENT:
        on_end(depth);
        break;
      case XML_READER_TYPE_DOCUMENT_TYPE:
      case XML_READER_TYPE_ENTITY_REFERENCE:
        throw RegistryError(name() + ": DTDs and entity references are not allowed");
      default:
        break;
    }
  }

  void on_element(int depth, std::string_view element, bool empty) {
    if (depth == 0) {
      if (element != "corporations") {
        throw NotHoujinSource(name() + ": not a 法人番号 XML (the root element is <" +
                              std::string(element) + ">, expected <corporations>)");
      }
      root_seen_ = true;
    } else if (depth == 1 && element == "corporation") {
      start_corporation();
      if (empty) finish_corporation();
    } else if (depth == 1) {
      text_target_ = header_field(element);
      if (text_target_ != nullptr) text_target_->clear();
      if (empty) text_target_ = nullptr;
    } else if (depth == 2 && in_corporation_) {
      start_field(element, empty);
    } else if (depth >= 3 && in_corporation_ && row_problem_.empty()) {
      row_problem_ = "an element <" + std::string(element) + "> inside a field";
    }
  }

  void on_end(int depth) {
    if (depth == 1 && in_corporation_) {
      finish_corporation();
    } else if (depth <= 2) {
      text_target_ = nullptr;
    }
  }

  std::string* header_field(std::string_view element) {
    if (element == "lastUpdateDate") return &header_.last_update_date;
    if (element == "count") return &header_.count;
    if (element == "divideNumber") return &header_.divide_number;
    if (element == "divideSize") return &header_.divide_size;
    return nullptr;
  }

  void start_corporation() {
    in_corporation_ = true;
    ++ordinal_;
    line_ = static_cast<std::uint64_t>(xmlGetLineNo(xmlTextReaderCurrentNode(reader_)));
    for (auto& value : values_) value.clear();
    seen_.fill(false);
    next_column_ = 0;
    row_problem_.clear();
  }

  void start_field(std::string_view element, bool empty) {
    text_target_ = nullptr;
    auto index = column_index(element, next_column_);
    if (!index) return;  // an element of a later API version: ignored
    if (seen_[*index] && row_problem_.empty())
      row_problem_ = "the element <" + std::string(element) + "> appears twice";
    seen_[*index] = true;
    next_column_ = *index + 1;
    if (!empty) text_target_ = &values_[*index];
  }

  void finish_corporation() {
    in_corporation_ = false;
    text_target_ = nullptr;
    std::string where = "<corporation> #" + std::to_string(ordinal_);
    if (!row_problem_.empty()) {
      store_.reject(line_, where + ": " + row_problem_);
      return;
    }
    HoujinFields fields;
    for (std::size_t i = 0; i < kHoujinColumnCount; ++i) fields[i] = values_[i];
    store_.add(fields, line_, ordinal_, !seen_[kLatest], where);
  }

  [[noreturn]] void fail() {
    std::string message = problem_.message.empty() ? "read error" : problem_.message;
    std::string at = problem_.line > 0 ? "line " + std::to_string(problem_.line) + ": " : "";
    if (!root_seen_) throw NotHoujinSource(name() + ": not a 法人番号 XML (" + at + message + ")");
    std::string where = in_corporation_ ? "inside <corporation> #" + std::to_string(ordinal_)
                                        : "after " + std::to_string(ordinal_) + " <corporation>";
    throw RegistryError(name() + ": cannot be read to the end: " + at + message + " (" + where +
                        "; a file cut short or damaged?)");
  }

  SourceStream& source_;
  HoujinRowStore& store_;
  XmlInput input_;
  XmlProblem problem_;
  xmlTextReaderPtr reader_ = nullptr;
  AnswerHeader header_;
  bool root_seen_ = false;
  bool in_corporation_ = false;
  std::uint64_t ordinal_ = 0;
  std::uint64_t line_ = 0;
  std::array<std::string, kHoujinColumnCount> values_;
  std::array<bool, kHoujinColumnCount> seen_{};
  std::size_t next_column_ = 0;
  std::string row_problem_;
  std::string* text_target_ = nullptr;
};

}  // namespace

AnswerHeader read_houjin_xml_rows(SourceStream& source, HoujinRowStore& store) {
  return XmlRows(source, store).run();
}

}  // namespace gifkit::registries::houjin
