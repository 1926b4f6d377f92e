// xlsx_reader.cpp — see xlsx_reader.hpp. The parts read: xl/workbook.xml
// (sheets, date1904), xl/_rels/workbook.xml.rels (where each sheet is),
// xl/styles.xml (which cell styles are dates), xl/sharedStrings.xml, then the
// sheet itself, each through xmlTextReader over a zip entry stream.
#include "grammars/io/xlsx_reader.hpp"

#include <libxml/xmlreader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>

#include "grammars/io/xlsx_text.hpp"
#include "grammars/io/xml_attribute_counter.hpp"
#include "grammars/io/zip_archive.hpp"
#include "grammars/values/date.hpp"

namespace gifkit::grammars {
namespace {

// An xmlTextReader over one part of the workbook. Entities are not
// substituted and nothing is fetched from the network. The bytes reach
// libxml2 block by block through read(): there the caps of ReadLimits are
// applied (what the part inflates to, and with the parts read before it
// `inflated_total`; the attributes of each element) and the clock is asked.
class PartReader {
 public:
  PartReader(const std::filesystem::path& workbook, const std::string& part,
             const ReadLimits& limits, std::uint64_t& inflated_total)
      : workbook_(workbook),
        part_(part),
        limits_(limits),
        inflated_total_(inflated_total),
        total_left_(
            limits.max_total_bytes > inflated_total ? limits.max_total_bytes - inflated_total : 0),
        stream_(workbook, part, stream_max_bytes()),
        attributes_(limits.max_attributes) {
    // An honest bomb is refused at once by what the archive says; one that
    // understates its size, when the count reaches the cap.
    if (stream_.declared_size() > stream_max_bytes()) throw ReadLimitExceeded(size_refusal());
    reader_ = xmlReaderForIO(&PartReader::read, nullptr, this, part.c_str(), nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (reader_ == nullptr) throw XlsxError(stream_.display_name() + ": cannot parse");
  }
  ~PartReader() {
    xmlFreeTextReader(reader_);
    inflated_total_ += stream_.bytes_read();
  }
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;

  // Advances; false at the end. Throws ReadStopped when the clock said no,
  // ReadLimitExceeded when a cap is reached, XlsxError when the part is
  // damaged.
  bool next() {
    const int status = xmlTextReaderRead(reader_);
    if (status == 1) return true;
    if (stopped_) throw ReadStopped{};
    if (stream_.limit_exceeded()) throw ReadLimitExceeded(size_refusal());
    if (attributes_.exceeded())
      throw ReadLimitExceeded(workbook_.string() + ": the part " + part_ + ", " +
                              attributes_.refusal(limits_.raise_attributes_hint));
    if (status == 0 && !stream_.read_failed()) return false;
    throw XlsxError(stream_.display_name() + ": damaged (not well-formed XML or a bad zip entry)");
  }
  bool is_start(const char* name) const {
    return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT && local_name_is(name);
  }
  bool is_end(const char* name) const {
    return (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_END_ELEMENT ||
            (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT &&
             xmlTextReaderIsEmptyElement(reader_) == 1)) &&
           local_name_is(name);
  }
  bool is_empty_element() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  bool is_text() const {
    const int type = xmlTextReaderNodeType(reader_);
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
           type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_WHITESPACE;
  }
  std::string value() const {
    const xmlChar* text = xmlTextReaderConstValue(reader_);
    return text != nullptr ? reinterpret_cast<const char*>(text) : "";
  }
  // An attribute by its local name (r:id is "id"), "" when absent.
  std::string attribute(const char* name) const {
    if (xmlTextReaderMoveToFirstAttribute(reader_) != 1) return {};
    std::string found;
    do {
      const xmlChar* local = xmlTextReaderConstLocalName(reader_);
      if (local != nullptr && std::strcmp(reinterpret_cast<const char*>(local), name) == 0) {
        const xmlChar* text = xmlTextReaderConstValue(reader_);
        found = text != nullptr ? reinterpret_cast<const char*>(text) : "";
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
    xmlTextReaderMoveToElement(reader_);
    return found;
  }
  std::uint64_t bytes_read() const { return stream_.bytes_read(); }
  // What the archive says the part inflates to (at most the cap: see the constructor).
  std::uint64_t declared_size() const { return stream_.declared_size(); }

 private:
  bool local_name_is(const char* name) const {
    const xmlChar* local = xmlTextReaderConstLocalName(reader_);
    return local != nullptr && std::strcmp(reinterpret_cast<const char*>(local), name) == 0;
  }
  // libxml2's input: the next block of the inflated part, counted for the
  // attribute cap; -1 (an I/O error to libxml2, which next() explains) when
  // the clock says no, a cap is reached or the entry cannot be inflated.
  static int read(void* context, char* buffer, int size) {
    auto* self = static_cast<PartReader*>(context);
    if (self->limits_.keep_going && !self->limits_.keep_going()) {
      self->stopped_ = true;
      return -1;
    }
    const std::size_t got =
        std::fread(buffer, 1, static_cast<std::size_t>(size), self->stream_.file());
    if (got == 0 && std::ferror(self->stream_.file())) return -1;
    if (!self->attributes_.scan(std::string_view(buffer, got))) return -1;
    return static_cast<int>(got);
  }
  // The most this part may inflate to: the cap on one part, or what is left
  // of the cap on all parts (at least 1: 0 would be no cap).
  std::uint64_t stream_max_bytes() const {
    return std::max<std::uint64_t>(1, std::min(limits_.max_part_bytes, total_left_));
  }
  // The part inflated past the cap on one part, or past what was left of the
  // cap on all parts.
  std::string size_refusal() const {
    const std::string hint = limits_.raise_size_hint.empty() ? "" : "; " + limits_.raise_size_hint;
    if (total_left_ < limits_.max_part_bytes) {
      return workbook_.string() + ": its parts inflate to more than " +
             ReadLimits::size_text(limits_.max_total_bytes) + " in all (the cap on a workbook, " +
             std::to_string(ReadLimits::kTotalPerPartCap) + " times the cap on one part" + hint +
             "); reached in the part " + part_;
    }
    return workbook_.string() + ": the part " + part_ + " inflates to more than " +
           ReadLimits::size_text(limits_.max_part_bytes) + " (the cap on one part of a workbook" +
           hint + ")";
  }

  std::filesystem::path workbook_;
  std::string part_;
  const ReadLimits& limits_;
  std::uint64_t& inflated_total_;
  std::uint64_t total_left_;
  ZipEntryStream stream_;
  XmlAttributeCounter attributes_;
  bool stopped_ = false;
  xmlTextReaderPtr reader_ = nullptr;
};

// The workbook's shared strings: their text in one buffer and where each
// ends (4 bytes a string), not an object per string, so a table of millions
// of tiny strings costs little more than the text itself.
class SharedStrings {
 public:
  // Room for text of that many bytes: the text of a part is less than the
  // part, so with its declared size the buffer is never copied to grow
  // (pages not written to take no memory).
  void reserve(std::uint64_t bytes) { text_.reserve(std::min(bytes, kMaxTextBytes)); }
  // False (nothing added) when the text would pass 4 GiB.
  bool add(std::string_view text) {
    if (text_.size() + text.size() > kMaxTextBytes) return false;
    text_ += text;
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    return true;
  }
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t index) const {
    const std::uint32_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }

 private:
  static constexpr std::uint64_t kMaxTextBytes = 0xFFFFFFFFu;
  std::string text_;
  std::vector<std::uint32_t> ends_;
};

// What a number format shows: a date, a time of day, or a plain number.
enum class NumberShape { number, date, time };

NumberShape shape_of_builtin(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return NumberShape::date;  // 27–36, 50–58: the East Asian date formats (和暦 included)
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return NumberShape::time;
  return NumberShape::number;
}

// A custom format code: quoted text, [colour]/[locale] brackets and escaped
// characters are not format letters; y, d or e (era) make a date, h or s a time.
NumberShape shape_of_format(const std::string& code) {
  bool date = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      const std::size_t end = code.find('"', i + 1);
      if (end == std::string::npos) break;
      i = end;
    } else if (c == '[') {
      const std::size_t end = code.find(']', i + 1);
      if (end == std::string::npos) break;
      const std::string inside = code.substr(i + 1, end - i - 1);
      if (inside == "h" || inside == "hh" || inside == "m" || inside == "mm" || inside == "s")
        time = true;  // elapsed time: [h]:mm
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == 'y' || c == 'd' || c == 'e' || c == 'g') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    }
  }
  if (date) return NumberShape::date;
  return time ? NumberShape::time : NumberShape::number;
}

// An Excel serial number as a date (1900 system: serial 1 is 1900-01-01 and
// the nonexistent 1900-02-29 is serial 60; 1904 system: serial 0 is
// 1904-01-01). Fractions (a time of day) are dropped.
std::optional<std::string> serial_to_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return std::nullopt;
  const auto days = static_cast<std::int64_t>(std::floor(serial));
  if (!date1904 && days == 60) return std::string("1900-02-29");  // Excel's own (Lotus) leap day
  // Serial 0 (Excel's 1900-01-00), read as the day before 1900-01-01.
  if (!date1904 && days == 0) return format_iso_date(date_from_days(-25568));
  const std::optional<CalendarDate> date = excel_serial_date(days, date1904);
  if (!date) return std::nullopt;
  return format_iso_date(*date);
}

std::string serial_to_time(double serial) {
  double fraction = serial - std::floor(serial);
  long long seconds = std::llround(fraction * 86400.0);
  if (seconds >= 86400) seconds = 0;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", seconds / 3600, (seconds / 60) % 60);
  return buffer;
}

// "B12" → column 2 (and the row, 12); 0 when it is not a cell reference.
std::uint32_t column_of_reference(const std::string& reference, std::uint64_t& row) {
  std::uint32_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])); ++i) {
    column = column * 26 + static_cast<std::uint32_t>(std::toupper(reference[i]) - 'A' + 1);
    if (column > 16384) return 0;
  }
  if (i == 0) return 0;
  std::uint64_t number = 0;
  for (; i < reference.size() && std::isdigit(static_cast<unsigned char>(reference[i])); ++i)
    number = number * 10 + static_cast<std::uint64_t>(reference[i] - '0');
  if (number > 0) row = number;
  return column;
}

bool has_entry(const ZipArchive& archive, const std::string& name) {
  ZipEntryInfo info;
  return archive.find(name, info);
}

// An OLE2 compound file (an .xls workbook): its 8-byte signature.
bool has_ole2_signature(std::string_view head) {
  return head.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

}  // namespace

std::string spreadsheet_kind(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, 8);
  if (has_ole2_signature(std::string_view(head, static_cast<std::size_t>(in.gcount()))))
    return "xls";
  if (!starts_like_zip(path)) return "";
  try {
    ZipArchive archive(path);
    if (has_entry(archive, "xl/workbook.xml")) return "xlsx";
    if (has_entry(archive, "mimetype") && has_entry(archive, "content.xml")) return "ods";
  } catch (const ZipError&) {
  }
  return "";
}

bool may_be_spreadsheet(std::string_view head) {
  return has_ole2_signature(head) || has_zip_signature(head);
}

struct XlsxReader::Impl {
  std::filesystem::path path;
  std::unique_ptr<ZipArchive> archive;  // for which parts there are (each part has its stream)
  XlsxOptions options;
  ErrorHandler on_error;
  std::string sheet_name;
  std::string sheet_part;
  bool date1904 = false;
  std::vector<NumberShape> style_shapes;  // per cellXfs index
  SharedStrings shared_strings;
  std::uint64_t inflated_total = 0;  // what the parts read so far inflated to
  std::unique_ptr<PartReader> sheet;
  bool sheet_done = false;
  std::vector<std::string> cells;  // the current row, by column
  std::uint64_t records = 0;
  std::uint64_t last_row = 0;
  std::size_t header_width = 0;  // cells in the first row
  // Formulas without a stored value: the first kReportedFormulas are
  // reported each, the rest counted and reported once at the sheet's end
  // (a sheet of formulas only would otherwise give one error a cell).
  static constexpr std::uint64_t kReportedFormulas = 10;
  std::uint64_t formulas_without_value = 0;

  void read_workbook();
  void read_styles();
  void read_shared_strings();
  void add_shared_string(std::string_view text) {
    if (!shared_strings.add(text))
      throw ReadLimitExceeded(path.string() +
                              ": xl/sharedStrings.xml holds more than 4 GiB of text (the most a "
                              "workbook's shared strings may hold)");
  }
  bool read_row(CsvRecord& record);
  void report(std::uint64_t row, std::uint32_t column, std::string message) {
    CsvError error;
    error.kind = CsvError::Kind::malformed_row;
    error.line = row;
    error.column = column;
    error.field = column;
    error.message = std::move(message);
    on_error(error);
  }
};

void XlsxReader::Impl::read_workbook() {
  struct Sheet {
    std::string name, relation;
  };
  std::vector<Sheet> sheets;
  {
    PartReader reader(path, "xl/workbook.xml", options.limits, inflated_total);
    while (reader.next()) {
      if (reader.is_start("workbookPr")) {
        const std::string flag = reader.attribute("date1904");
        date1904 = flag == "1" || flag == "true";
      } else if (reader.is_start("sheet")) {
        sheets.push_back({reader.attribute("name"), reader.attribute("id")});
      }
    }
  }
  if (sheets.empty()) throw XlsxError(path.string() + ": the workbook has no sheet");
  const Sheet* chosen = &sheets.front();
  if (!options.sheet.empty()) {
    chosen = nullptr;
    for (const auto& sheet : sheets)
      if (sheet.name == options.sheet) chosen = &sheet;
    if (chosen == nullptr && std::all_of(options.sheet.begin(), options.sheet.end(), ::isdigit)) {
      const unsigned long number = std::stoul(options.sheet);
      if (number >= 1 && number <= sheets.size()) chosen = &sheets[number - 1];
    }
    if (chosen == nullptr) {
      std::string names;
      for (const auto& sheet : sheets) names += (names.empty() ? "" : ", ") + sheet.name;
      throw XlsxError(path.string() + ": no sheet " + options.sheet + " (the sheets are " + names +
                      ")");
    }
  }
  sheet_name = chosen->name;
  PartReader relations(path, "xl/_rels/workbook.xml.rels", options.limits, inflated_total);
  while (relations.next()) {
    if (relations.is_start("Relationship") && relations.attribute("Id") == chosen->relation) {
      std::string target = relations.attribute("Target");
      sheet_part = target.starts_with("/") ? target.substr(1) : "xl/" + target;
    }
  }
  if (sheet_part.empty())
    throw XlsxError(path.string() + ": the sheet " + sheet_name + " has no part in the workbook");
}

void XlsxReader::Impl::read_styles() {
  if (!has_entry(*archive, "xl/styles.xml")) return;
  std::map<int, std::string> formats;
  PartReader reader(path, "xl/styles.xml", options.limits, inflated_total);
  bool in_cell_xfs = false;
  while (reader.next()) {
    if (reader.is_start("numFmt")) {
      formats[std::atoi(reader.attribute("numFmtId").c_str())] = reader.attribute("formatCode");
    } else if (reader.is_start("cellXfs")) {
      in_cell_xfs = !reader.is_empty_element();
    } else if (reader.is_end("cellXfs")) {
      in_cell_xfs = false;
    } else if (in_cell_xfs && reader.is_start("xf")) {
      const int id = std::atoi(reader.attribute("numFmtId").c_str());
      auto custom = formats.find(id);
      style_shapes.push_back(custom != formats.end() ? shape_of_format(custom->second)
                                                     : shape_of_builtin(id));
    }
  }
}

void XlsxReader::Impl::read_shared_strings() {
  if (!has_entry(*archive, "xl/sharedStrings.xml")) return;
  PartReader reader(path, "xl/sharedStrings.xml", options.limits, inflated_total);
  shared_strings.reserve(reader.declared_size());
  std::string text;
  bool in_item = false, in_text = false;
  int phonetic_depth = 0;  // <rPh> holds furigana, not the cell's text
  while (reader.next()) {
    if (reader.is_start("si")) {
      in_item = true;
      text.clear();
      if (reader.is_empty_element()) {
        add_shared_string({});
        in_item = false;
      }
    } else if (reader.is_end("si")) {
      decode_xstring_escapes(text);  // _x000D_ → CR
      add_shared_string(text);
      in_item = false;
    } else if (reader.is_start("rPh")) {
      if (!reader.is_empty_element()) ++phonetic_depth;
    } else if (reader.is_end("rPh")) {
      if (phonetic_depth > 0) --phonetic_depth;
    } else if (reader.is_start("t")) {
      in_text = !reader.is_empty_element();
    } else if (reader.is_end("t")) {
      in_text = false;
    } else if (in_item && in_text && phonetic_depth == 0 && reader.is_text()) {
      text += reader.value();
    }
  }
}

bool XlsxReader::Impl::read_row(CsvRecord& record) {
  while (!sheet_done) {
    if (!sheet->next()) {
      sheet_done = true;
      if (formulas_without_value > kReportedFormulas)
        report(last_row, 0,
               std::to_string(formulas_without_value - kReportedFormulas) +
                   " more cells hold a formula without a stored value (" +
                   std::to_string(formulas_without_value) +
                   " in all; open and save the workbook in a spreadsheet program to store "
                   "their values)");
      return false;
    }
    if (!sheet->is_start("row")) continue;
    // The row's number as the sheet gives it; without one (or with one that
    // is no number of a row) the row after the last.
    std::uint64_t row_number = last_row + 1;
    if (const std::string r = sheet->attribute("r"); !r.empty()) {
      std::uint64_t given = 0;
      const auto [end, error] = std::from_chars(r.data(), r.data() + r.size(), given);
      if (error == std::errc() && end == r.data() + r.size() && given > 0) row_number = given;
    }
    last_row = row_number;
    cells.clear();
    if (!sheet->is_empty_element()) {
      std::uint32_t column = 0;
      std::string value, type, inline_text;
      int style = 0;
      bool has_formula = false, in_value = false, in_inline = false, in_cell = false;
      while (sheet->next()) {
        if (sheet->is_end("row")) break;
        if (sheet->is_start("c")) {
          std::uint64_t ignored = 0;
          const std::uint32_t referenced = column_of_reference(sheet->attribute("r"), ignored);
          column = referenced != 0 ? referenced : column + 1;
          type = sheet->attribute("t");
          style = std::atoi(sheet->attribute("s").c_str());
          value.clear();
          inline_text.clear();
          has_formula = false;
          in_cell = !sheet->is_empty_element();
          if (in_cell) continue;
        } else if (in_cell && sheet->is_start("v")) {
          in_value = !sheet->is_empty_element();
          continue;
        } else if (sheet->is_end("v")) {
          in_value = false;
          continue;
        } else if (in_cell && sheet->is_start("f")) {
          has_formula = true;
          continue;
        } else if (in_cell && sheet->is_start("is")) {
          in_inline = true;
          continue;
        } else if (sheet->is_end("is")) {
          in_inline = false;
          continue;
        } else if (sheet->is_text()) {
          if (in_value) value += sheet->value();
          if (in_inline) inline_text += sheet->value();
          continue;
        } else if (!sheet->is_end("c")) {
          continue;
        }
        // The end of a cell: its text.
        in_cell = false;
        std::string text;
        if (type == "s") {
          char* end = nullptr;
          const unsigned long index = std::strtoul(value.c_str(), &end, 10);
          if (value.empty() || *end != '\0' || index >= shared_strings.size()) {
            report(row_number, column,
                   "cell " + XlsxReader::cell_name(column, row_number) +
                       " refers to a shared string that does not exist");
          } else {
            text = std::string(shared_strings[index]);
          }
        } else if (type == "inlineStr") {
          text = inline_text;
          decode_xstring_escapes(text);
        } else if (type == "str" || type == "e") {
          text = value;
        } else if (type == "b") {
          text = value == "1" ? "TRUE" : "FALSE";
        } else if (!value.empty()) {
          text = value;  // a number, as stored
          const NumberShape shape =
              style >= 0 && static_cast<std::size_t>(style) < style_shapes.size()
                  ? style_shapes[static_cast<std::size_t>(style)]
                  : NumberShape::number;
          if (shape != NumberShape::number) {
            char* end = nullptr;
            const double serial = std::strtod(value.c_str(), &end);
            if (end != value.c_str() && *end == '\0') {
              if (shape == NumberShape::time) {
                text = serial_to_time(serial);
              } else if (auto date = serial_to_date(serial, date1904)) {
                text = *date;
              }
            }
          }
        }
        if (has_formula && value.empty() && type != "inlineStr" &&
            ++formulas_without_value <= kReportedFormulas) {
          report(row_number, column,
                 "cell " + XlsxReader::cell_name(column, row_number) +
                     " holds a formula without a stored value (open and save the workbook in a "
                     "spreadsheet program to store its values)");
        }
        if (text.empty()) continue;
        if (cells.size() < column) cells.resize(column);
        cells[column - 1] = std::move(text);
      }
    }
    if (cells.empty()) continue;  // an empty row, like a blank line in a CSV
    // A sheet stores no trailing empty cells: a row is as wide as its header.
    if (records == 0) header_width = cells.size();
    if (cells.size() < header_width) cells.resize(header_width);
    record.number = ++records;
    record.line = row_number;
    record.malformed = false;
    record.fields.assign(cells.begin(), cells.end());
    record.raw = {};
    record.raw_ends.clear();
    return true;
  }
  return false;
}

XlsxReader::XlsxReader(const std::filesystem::path& path, const XlsxOptions& options,
                       ErrorHandler on_error)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->options = options;
  impl_->on_error = std::move(on_error);
  const std::string kind = spreadsheet_kind(path);
  if (kind == "xls") {
    throw XlsxError(path.string() +
                    ": an .xls (Excel 97-2003) or password-protected workbook: gifkit reads .xlsx "
                    "without a password; save it as .xlsx (or CSV) without one");
  }
  if (kind == "ods")
    throw XlsxError(path.string() +
                    ": an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV");
  if (kind != "xlsx") {
    throw XlsxError(
        path.string() + ": not an .xlsx workbook (" +
        (starts_like_zip(path) ? "a zip archive without xl/workbook.xml" : "not a zip archive") +
        ")");
  }
  try {
    impl_->archive = std::make_unique<ZipArchive>(path);
    impl_->read_workbook();
    impl_->read_styles();
    impl_->read_shared_strings();
    impl_->sheet = std::make_unique<PartReader>(path, impl_->sheet_part, impl_->options.limits,
                                                impl_->inflated_total);
  } catch (const ZipError& error) {
    throw XlsxError(error.what());
  }
}

XlsxReader::~XlsxReader() = default;

bool XlsxReader::next(CsvRecord& record) {
  try {
    return impl_->read_row(record);
  } catch (const XlsxError& error) {
    impl_->sheet_done = true;
    impl_->report(impl_->last_row, 0, error.what());
    return false;
  }
}

const std::string& XlsxReader::sheet_name() const {
  return impl_->sheet_name;
}

std::uint64_t XlsxReader::bytes_read() const {
  return impl_->sheet ? impl_->sheet->bytes_read() : 0;
}

std::string XlsxReader::cell_name(std::uint32_t column, std::uint64_t sheet_row) {
  std::string letters;
  for (std::uint32_t n = column; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters + std::to_string(sheet_row);
}

}  // namespace gifkit::grammars
