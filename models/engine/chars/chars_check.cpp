// chars_check.cpp — see chars_check.hpp. The scan of a value runs the set's
// kernel (CharacterSet::find_outside) and reads a text unit only where it
// stops; each distinct character is analysed once (describe_character,
// choose_replacement) and shared by every place it is found.
#include "models/engine/chars/chars_check.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "grammars/text/text_units.hpp"
#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"
#include "models/engine/dataset/dataset_reader.hpp"
#include "registries/moji/character_info.hpp"

namespace gifkit::models {
namespace {

namespace moji = registries::moji;

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

std::string bytes_text(std::string_view bytes) {
  std::string text = "bytes";
  char buffer[8];
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
    std::snprintf(buffer, sizeof buffer, " %02X", static_cast<unsigned char>(bytes[i]));
    text += buffer;
  }
  if (bytes.size() > 8) text += " …";
  return text;
}

// The start of the code point before offset in value (offset > 0).
std::size_t previous_code_point(std::string_view value, std::size_t offset) {
  std::size_t at = offset - 1;
  while (at > 0 && (static_cast<unsigned char>(value[at]) & 0xC0) == 0x80 && offset - at < 4) --at;
  return at;
}

// "…" + escape of a CSV field: a quote doubled.
std::string csv_quoted(std::string_view value) {
  std::string text = "\"";
  for (char c : value) {
    if (c == '"') text += '"';
    text += c;
  }
  return text + "\"";
}

}  // namespace

TextChecker::TextChecker(const moji::CharacterData& data, const moji::CharacterSet& set,
                         TextCheckOptions options)
    : data_(data), set_(set), options_(std::move(options)) {}

TextChecker::~TextChecker() = default;

std::vector<const OffendingCharacter*> TextChecker::distinct() const {
  return order_;
}

void TextChecker::on_record(const grammars::TextRecord&, const std::vector<Found>&,
                            const std::string&) {}

bool TextChecker::check_file(const std::string& path, TextCheckSink& sink) {
  return read_file(path, sink);
}

OffendingCharacter& TextChecker::analyse(std::string_view unit_text,
                                         const grammars::TextUnit& unit) {
  // Runs of invalid bytes share one entry: their bytes differ without end.
  const bool invalid = unit.issue == grammars::UnitIssue::invalid_utf8;
  std::string key = invalid ? std::string("\xFF invalid") : std::string(unit_text);
  auto found = characters_.find(key);
  if (found != characters_.end()) return *found->second;
  auto character = std::make_unique<OffendingCharacter>();
  character->text = unit_text;
  character->has_selector = unit.selector != 0;
  if (invalid) {
    character->code_points = bytes_text(unit_text);
    character->issue = "bytes that are not UTF-8";
  } else {
    character->code_points = grammars::code_points_text(unit_text);
    if (unit.issue != grammars::UnitIssue::none) {
      character->issue = std::string(grammars::unit_issue_text(unit.issue));
      if (unit.issue == grammars::UnitIssue::encoded_surrogate) {
        // The surrogates themselves ("U+D842 U+DFB7"), read from the bytes.
        character->code_points.clear();
        for (std::size_t at = 0; at + 3 <= unit_text.size(); at += 3) {
          const auto* p = reinterpret_cast<const unsigned char*>(unit_text.data() + at);
          char hex[16];
          std::snprintf(hex, sizeof hex, "%sU+%04X", at == 0 ? "" : " ",
                        ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
          character->code_points += hex;
        }
      }
      if (unit.issue == grammars::UnitIssue::encoded_surrogate && unit.code_points == 2) {
        std::string stands;
        grammars::append_utf8(stands, unit.base);
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(unit.base));
        character->issue += "; the pair stands for " + stands + " (" + hex + ")";
      }
    } else if (unit.code_points == 1 && is_control(unit.base)) {
      character->issue = "a control character";
    } else if (unit.base == grammars::kReplacementChar) {
      character->issue =
          "U+FFFD, the replacement character: bytes that could not be read stood here (in this "
          "file's encoding, or when it was made)";
    }
    if (unit.issue == grammars::UnitIssue::none ||
        unit.issue == grammars::UnitIssue::extra_selector ||
        unit.issue == grammars::UnitIssue::private_use) {
      moji::CharacterInfo info = moji::describe_character(data_, unit_text);
      for (const moji::MjCharacter* mj : info.mj) character->mj.push_back(mj->mj);
      character->mj_of_base = info.mj_of_base;
      character->selector_not_in_mj = info.selector_not_in_mj;
    }
  }
  if (!(unit.code_points == 1 && is_control(unit.base) && !invalid))
    character->choice = moji::choose_replacement(data_, unit_text, unit, set_);
  if (character->choice.candidates.empty() && character->choice.why_none.empty())
    character->choice.why_none = character->issue.empty() ? "no replacement" : character->issue;
  OffendingCharacter& stored = *character;
  characters_.emplace(std::move(key), std::move(character));
  order_.push_back(&stored);
  return stored;
}

void TextChecker::find_outside(std::string_view value, std::size_t field,
                               std::vector<Found>& found) {
  std::size_t from = 0;
  std::size_t counted_to = 0;  // units before counted_to are counted
  std::size_t units = 0;
  while (true) {
    std::size_t at = set_.find_outside(value, from);
    if (at >= value.size()) return;
    // A mark or selector the set does not hold belongs to the character
    // before it (か + U+3099, 邉 + U+E0102): the unit starts there.
    std::size_t unit_start = at;
    if (at > from) {
      std::size_t probe = at;
      const char32_t cp = grammars::decode_utf8(value, probe);
      const std::size_t before = previous_code_point(value, at);
      // (A control character takes no mark: after one the mark is alone.)
      if ((grammars::is_combining_mark(cp) || cp == 0xFF9E || cp == 0xFF9F) &&
          static_cast<unsigned char>(value[before]) >= 0x20)
        unit_start = before;
    }
    {
      grammars::TextUnitReader counter(value.substr(counted_to, unit_start - counted_to));
      grammars::TextUnit skipped;
      while (counter.next(skipped)) ++units;
    }
    const std::string_view rest = value.substr(unit_start);
    grammars::TextUnitReader reader(rest);
    grammars::TextUnit unit;
    reader.next(unit);
    ++units;
    counted_to = unit_start + unit.length;
    from = counted_to;
    const std::string_view unit_text = rest.substr(0, unit.length);
    if (unit.issue == grammars::UnitIssue::none &&
        set_.contains_unit(unit_text, unit.code_points, unit.base))
      continue;  // a sequence the set holds (か゚ in JIS X 0213)
    found.push_back({field, unit_start, unit.length, units, &analyse(unit_text, unit)});
  }
}

bool TextChecker::bind_columns(const std::vector<std::string>& header, const std::string& file,
                               TextCheckSink& sink) {
  checked_fields_.clear();
  header_checked_ = options_.columns.empty();
  if (options_.columns.empty()) return true;
  checked_fields_.assign(header.size(), false);
  for (const auto& column : options_.columns) {
    auto named = std::find(header.begin(), header.end(), column);
    std::size_t index = static_cast<std::size_t>(named - header.begin());
    if (named == header.end()) {
      char* end = nullptr;
      unsigned long number = std::strtoul(column.c_str(), &end, 10);
      if (end == column.c_str() || *end != '\0' || number == 0 || number > header.size()) {
        std::string names;
        for (const auto& name : header) names += (names.empty() ? "" : ", ") + name;
        ++totals_.problems;
        ++totals_.unknown_columns;
        sink.problem(file, 1,
                     "no column '" + column + "' in the header (" + names +
                         "); give a header name or a number from 1 to " +
                         std::to_string(header.size()));
        return false;
      }
      index = number - 1;
    }
    checked_fields_[index] = true;
  }
  return true;
}

namespace {

// The '\n' in text before an offset, counted on from the last offset asked
// (from the start again when an offset comes before it).
struct LineEndCount {
  std::size_t counted_to = 0;
  std::uint64_t count = 0;
  std::uint64_t up_to(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    if (offset < counted_to) *this = {};
    count += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<long>(counted_to),
                                                   text.begin() + static_cast<long>(offset), '\n'));
    counted_to = offset;
    return count;
  }
};

}  // namespace

void TextChecker::report(const grammars::TextRecord& record, const std::vector<Found>& found,
                         const std::string& path, bool tabular, bool workbook,
                         const DatasetReader& reader, TextCheckSink& sink) {
  // The line ends before a character, counted on from the previous one's
  // (found is in the order of the fields and of the offsets in each): a long
  // line or record of many findings costs its length once, not once a finding.
  LineEndCount before_field;  // in record.text, before the field's raw start
  LineEndCount in_value;      // in the field's value, before the character
  std::size_t value_field = ~std::size_t{0};
  for (const Found& at : found) {
    OffendingCharacter& character = const_cast<OffendingCharacter&>(*at.character);
    CharacterPlace place;
    place.file = path;
    place.row = record.row;
    place.line = record.line;
    const std::string_view value = record.fields[at.field];
    if (tabular) {
      place.field = static_cast<std::uint32_t>(at.field + 1);
      if (at.field < header_.size()) place.column = header_[at.field];
    }
    if (workbook) {
      // The sheet row: a cell's own line breaks are not lines of the file.
      place.cell = reader.cell_name(record.line, place.field);
    } else {
      // The physical line: the record's, plus the line ends before the character.
      if (tabular) {
        const std::size_t raw_start = at.field == 0 ? 0 : record.raw_ends[at.field - 1] + 1;
        place.line += before_field.up_to(record.text, raw_start);
      }
      if (at.field != value_field) {
        in_value = {};
        value_field = at.field;
      }
      place.line += in_value.up_to(value, at.offset);
    }
    place.position = at.position;
    if (character.count++ == 0) character.first = place;
    ++totals_.characters;
    sink.character(place, character, value.substr(at.offset, at.length), value);
  }
}

template <class CheckRecord>
void TextChecker::scan_lines(const grammars::TextLines& lines, grammars::TextRecord& record,
                             CheckRecord& check_record, std::uint64_t& records) {
  const std::string_view text = lines.text;
  assert(!text.empty() && text.back() == '\n');  // whole lines (TextRecordReader::next_lines)
  // Every line is a record; check_record counts those it is given.
  std::uint64_t checked = 0;
  std::uint64_t line = lines.line;  // of the line starting at from
  std::size_t from = 0;             // the start of the first line not handled
  while (from < text.size()) {
    const std::size_t at = set_.find_outside(text, from);
    if (at >= text.size()) break;
    // The line holding at ('\n' is held: at is not a line end) is read as
    // a record; the lines before it hold nothing outside the set.
    const std::size_t before = text.rfind('\n', at);
    const std::size_t start = before == std::string_view::npos || before < from ? from : before + 1;
    line += grammars::count_line_ends(text.substr(from, start - from));
    const std::size_t end = text.find('\n', at);
    assert(end != std::string_view::npos);
    grammars::set_line_record(record, line, text.substr(start, end + 1 - start));
    check_record();
    ++checked;
    ++line;
    from = end + 1;
  }
  records += lines.count - checked;
}

bool TextChecker::on_open(const DatasetReader&, const std::string&, TextCheckSink&) {
  return true;
}

bool TextChecker::read_file(const std::string& path, TextCheckSink& sink) {
  DatasetReadOptions read_options = options_.reading;
  read_options.raw_records = true;
  // A problem of the input, or a file that could not be read (line 0).
  auto input_problem = [&](std::uint64_t line, std::string message) {
    ++totals_.problems;
    if (message.starts_with(path + ": ")) message.erase(0, path.size() + 2);
    sink.problem(path, line, message);
  };
  std::unique_ptr<DatasetReader> reader;
  try {
    reader = std::make_unique<DatasetReader>(
        path, read_options,
        [&](const grammars::CsvError& error) { input_problem(error.line, error.message); });
  } catch (const DatasetOpenError& error) {
    ++totals_.unreadable;
    input_problem(0, error.reason);
    return false;
  }
  const std::uint64_t size = reader->input_size();
  layout_ = reader->format() == "text"  ? grammars::TextLayout::text
            : reader->format() == "tsv" ? grammars::TextLayout::tsv
                                        : grammars::TextLayout::csv;
  const bool tabular = layout_ != grammars::TextLayout::text;
  const bool workbook = reader->format() == "xlsx";
  ++totals_.files;
  checked_fields_.clear();
  header_checked_ = true;
  header_.clear();
  if (!on_open(*reader, path, sink)) return true;
  bool columns_bound = true;
  grammars::TextRecord record;
  std::vector<Found> found;
  std::uint64_t records = 0;
  // A record: its characters outside the set found and reported, then on_record.
  auto check_record = [&] {
    if (records++ == 0) had_bom_ = reader->had_bom();
    found.clear();
    if (tabular && record.row == 1) {
      header_.assign(record.fields.begin(), record.fields.end());
      columns_bound = bind_columns(header_, path, sink);
    }
    const bool check = columns_bound && (!tabular || record.row != 1 || header_checked_);
    for (std::size_t i = 0; check && i < record.fields.size(); ++i)
      if (field_checked(i)) find_outside(record.fields[i], i, found);
    report(record, found, path, tabular, workbook, *reader, sink);
    on_record(record, found, path);
  };
  // Plain text whose records need not be seen one by one: the set's kernel
  // runs over every line in memory at once, and only a line where it stops
  // is made a record (TextLines; the other lines are only counted).
  const bool whole_lines = !tabular && !workbook && scans_whole_lines();
  grammars::TextLines lines;
  try {
    while (true) {
      if (whole_lines && reader->next_lines(lines)) {
        if (records == 0) had_bom_ = reader->had_bom();
        scan_lines(lines, record, check_record, records);
        if (options_.progress) options_.progress(reader->bytes_read(), size);
        continue;
      }
      if (!reader->next(record)) break;
      check_record();
      if (options_.progress && (records & 0x3FFF) == 0)
        options_.progress(reader->bytes_read(), size);
    }
  } catch (const std::runtime_error& error) {
    // A workbook cut short: grammars::XlsxError (a damaged sheet) or
    // ReadLimitExceeded (a cap of grammars/io/read_limits.hpp reached).
    totals_.records += records;
    ++totals_.unreadable;
    input_problem(0, error.what());
    return false;
  }
  totals_.records += records;
  totals_.bytes += reader->bytes_read();
  last_encoding_ = reader->encoding();
  if (options_.progress) options_.progress(reader->bytes_read(), size);
  return true;
}

TextShrinker::TextShrinker(const moji::CharacterData& data, const moji::CharacterSet& set,
                           TextCheckOptions options)
    : TextChecker(data, set, std::move(options)) {}

bool TextShrinker::shrink_file(const std::string& path, std::ostream& out, ShrinkSink& sink) {
  out_ = &out;
  sink_ = &sink;
  refused_ = false;
  first_record_ = true;
  const std::uint64_t unknown_columns = totals().unknown_columns;
  const bool read = read_file(path, sink);
  out_ = nullptr;
  sink_ = nullptr;
  return read && !refused_ && totals().unknown_columns == unknown_columns;
}

bool TextShrinker::scans_whole_lines() const {
  return false;  // every record is written
}

bool TextShrinker::on_open(const DatasetReader& reader, const std::string& file,
                           TextCheckSink& sink) {
  if (reader.format() != "xlsx") return true;
  refused_ = true;
  sink.problem(file, 0,
               "a workbook: shrink cannot rewrite a workbook, so it writes nothing for this "
               "file (check it with chars check, or save the sheet as CSV and shrink that)");
  return false;
}

void TextShrinker::on_record(const grammars::TextRecord& record, const std::vector<Found>& found,
                             const std::string& file) {
  if (refused_) return;
  if (record.malformed) {
    refused_ = true;
    sink_->problem(file, record.line,
                   "a malformed record: shrink cannot copy it unchanged, so it writes nothing "
                   "for this file (fix the record, or read the file as text with --as text)");
    return;
  }
  if (first_record_ && had_bom_) *out_ << "\xEF\xBB\xBF";
  const bool tabular = layout() != grammars::TextLayout::text;
  if (first_record_ && tabular) {
    // The header is read with the first record: each column named 個人番号 or not, once.
    const IndividualNumberHeaders* names = options().individual_number_headers;
    number_columns_.assign(header().size(), {});
    named_columns_.assign(header().size(), 0);
    for (std::size_t i = 0; i < header().size(); ++i)
      named_columns_[i] = names != nullptr && header_names_individual_number(header()[i], *names);
  }
  first_record_ = false;
  // A 個人番号 is never copied in clear: a line of text or a header by the
  // text rule (by_text, below), a field of a table by the rule of its
  // column (find_masks).
  const bool by_text = !tabular || record.row <= 1;
  bool any_mask = false;
  if (!by_text) {
    find_masks(record);
    any_mask = std::find(is_masked_.begin(), is_masked_.end(), 1) != is_masked_.end();
  }
  if (found.empty() && !any_mask) {
    std::string masked;
    if (by_text && record.text.size() >= 12 &&
        grammars::mask_individual_numbers_in(record.text, masked)) {
      ++shrink_totals_.masked;
      *out_ << masked << record.line_end;
      return;
    }
    *out_ << record.text << record.line_end;
    return;
  }
  std::string written;     // the record as written
  std::size_t copied = 0;  // record.text before this offset is in written
  std::size_t next = 0;    // the first entry of found not yet handled
  for (std::size_t field = 0; field < record.fields.size(); ++field) {
    std::size_t end = next;
    while (end < found.size() && found[end].field == field) ++end;
    const bool masked = any_mask && is_masked_[field] != 0;
    if (end == next && !masked) continue;
    const std::string_view value = record.fields[field];
    // The value with its unique replacements, and the log of them.
    ShrinkChange change;
    std::string shrunk;
    std::size_t value_copied = 0;
    for (std::size_t i = next; i < end; ++i) {
      const Found& at = found[i];
      const moji::ShrinkCandidate* replacement = at.character->choice.replacement();
      if (replacement == nullptr) {
        ++shrink_totals_.review;
        continue;
      }
      shrunk.append(value.substr(value_copied, at.offset - value_copied));
      shrunk += replacement->text;
      value_copied = at.offset + at.length;
      change.replacements.push_back({at.position, std::string(value.substr(at.offset, at.length)),
                                     replacement->text, replacement->rule, replacement->from});
      ++shrink_totals_.replaced;
    }
    next = end;
    if (change.replacements.empty() && !masked) continue;
    shrunk.append(value.substr(value_copied));
    if (masked) {
      ++shrink_totals_.masked;
      if (change.replacements.empty()) {
        shrunk = masked_[field];
      } else if (std::string labelled;
                 grammars::mask_labelled_individual_numbers(shrunk, labelled)) {
        shrunk = std::move(labelled);
      } else {
        shrunk = grammars::mask_individual_number(shrunk);
      }
    }
    // The field's raw text, and what replaces it.
    std::size_t raw_start = 0;
    std::size_t raw_end = record.text.size();
    std::string raw_new = shrunk;
    if (tabular) {
      raw_start = field == 0 ? 0 : record.raw_ends[field - 1] + 1;
      raw_end = record.raw_ends[field];
      const std::string_view raw = record.text.substr(raw_start, raw_end - raw_start);
      if (raw == csv_quoted(value)) {
        raw_new = csv_quoted(shrunk);
      } else if (raw != value) {
        // Quoted some other way (not something the reader accepts unreported).
        refused_ = true;
        sink_->problem(file, record.line,
                       "field " + std::to_string(field + 1) +
                           " is quoted in a way shrink cannot rewrite; "
                           "nothing written for this file");
        return;
      }
    }
    written.append(record.text.substr(copied, raw_start - copied));
    written += raw_new;
    copied = raw_end;
    change.place.file = file;
    change.place.line = record.line;
    change.place.row = record.row;
    if (tabular) {
      change.place.field = static_cast<std::uint32_t>(field + 1);
      if (field < header().size()) change.place.column = header()[field];
    }
    if (change.replacements.empty()) continue;  // masked only
    change.place.position = change.replacements.front().position;
    change.original = value;
    change.shrunk = std::move(shrunk);
    ++shrink_totals_.values_changed;
    sink_->change(change);
  }
  written.append(record.text.substr(copied));
  if (by_text && written.size() >= 12) {
    std::string masked;
    if (grammars::mask_individual_numbers_in(written, masked)) {
      ++shrink_totals_.masked;
      written = std::move(masked);
    }
  }
  *out_ << written << record.line_end;
}

void TextShrinker::find_masks(const grammars::TextRecord& record) {
  const std::size_t count = record.fields.size();
  if (number_columns_.size() < count) number_columns_.resize(count);
  if (named_columns_.size() < count) named_columns_.resize(count, 0);
  masked_.resize(count);
  is_masked_.assign(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    is_masked_[i] = mask_streamed_value(number_columns_[i], named_columns_[i] != 0,
                                        record.fields[i], masked_[i]);
  }
}

}  // namespace gifkit::models
