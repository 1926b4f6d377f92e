// individual_number_masks.cpp — see individual_number_masks.hpp.
#include "models/engine/transform/individual_number_masks.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstring>
#include <optional>

#include "grammars/text/utf8.hpp"
#include "grammars/values/identifiers.hpp"

namespace gifkit::models {

namespace {

// True when the model types input column i as a number (数値): one 12-digit
// value passing the check digit is then a quantity, not a 個人番号.
bool typed_as_number(const std::vector<const FieldSpec*>& fields, std::size_t i) {
  return i < fields.size() && fields[i] != nullptr &&
         (fields[i]->type == ValueType::integer || fields[i]->type == ValueType::decimal);
}

}  // namespace

void IndividualNumberMasks::find(TransformInput& input, const DatasetReader& first,
                                 const grammars::CsvRecord& header,
                                 const std::vector<const FieldSpec*>& fields, bool unbound,
                                 ColumnKinds& kinds) {
  masked_.assign(header.fields.size(), Mask::labelled);
  masked_values_.resize(header.fields.size());
  std::string named;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    if (!names_individual_number(header.fields[i])) continue;
    masked_[i] = Mask::column;
    named += (named.empty() ? "" : ", ") + grammars::mask_individual_numbers_in(header.fields[i]);
  }
  if (!named.empty() && !options_.mask_individual_numbers) {
    throw TransformFailure{options_.input + ": not written: the column(s) " + named +
                           " hold 個人番号 (マイナンバー) by their name: a dataset may not carry "
                           "them; leave the column out of the export, or write it masked with "
                           "--mask individual-number"};
  }
  if (options_.input == "-") {
    watched_.assign(header.fields.size(), IndividualNumberColumn());
    for (Mask& mask : masked_)
      if (mask == Mask::labelled) mask = Mask::watched;
    return;
  }
  // The header's errors (first read it) are reported after this; the
  // first reading's own are not (the second reading reports them again).
  std::vector<grammars::CsvError>& reader_errors = input.errors();
  const std::vector<grammars::CsvError> header_errors = reader_errors;
  if (!unbound && bytes_can_be_scanned(first, header) && !bytes_hold_twelve_digits()) {
    // No value is written like a 個人番号: no column holds them, none
    // stands alone (the first reading would count none), and no text
    // holds a labelled one (mask_labelled_individual_numbers).
    no_twelve_digits_ = true;
    reader_errors = header_errors;
    return;
  }
  std::optional<DatasetReader> reader;
  grammars::CsvRecord record;
  input.open(reader, record);
  std::vector<IndividualNumberColumn> columns(record.fields.size());
  while (reader->next(record)) {
    for (std::size_t i = 0; i < record.fields.size() && i < columns.size(); ++i)
      columns[i].add(record.fields[i]);
    kinds.add_row(record.number, record.line, record.fields);
  }
  reader_errors = header_errors;  // the rest: reported by the second reading
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const IndividualNumberColumn& column = columns[i];
    if (masked_[i] == Mask::column || column.is_individual_number_column()) {
      masked_[i] = Mask::column;
    } else if (column.has_lone_individual_numbers() && !typed_as_number(fields, i)) {
      // A 個人番号 standing among other values (a name, a date), or alone:
      // masked alone. A column of 12-digit numbers that failed the column
      // rule (会員番号) is left as it is: about 1 in 10 of them pass by
      // chance; so is a quantity the model types as a number.
      masked_[i] = Mask::strays;
    }
  }
}

bool IndividualNumberMasks::names_individual_number(std::string_view header) const {
  return options_.individual_number_headers != nullptr &&
         header_names_individual_number(header, *options_.individual_number_headers);
}

bool IndividualNumberMasks::bytes_can_be_scanned(const DatasetReader& first,
                                                 const grammars::CsvRecord& header) const {
  if (!first.records_can_be_read_again() || first.format() == "xlsx" ||
      first.encoding() != grammars::Encoding::utf8)
    return false;
  const char delimiter = first.delimiter();
  if ((delimiter >= '0' && delimiter <= '9') || delimiter == ' ' || delimiter == '-') return false;
  if (options_.reading.encoding == grammars::Encoding::utf8) return true;
  return std::any_of(header.fields.begin(), header.fields.end(),
                     [](std::string_view field) { return !grammars::is_ascii(field); });
}

bool IndividualNumberMasks::bytes_hold_twelve_digits() const {
  std::FILE* file = std::fopen(options_.input.c_str(), "rb");
  if (file == nullptr) return true;
  grammars::TwelveDigitScan scan;
  std::string buffer(64 * 1024, '\0');
  std::size_t kept = 0;  // a character cut at the end of the last piece, at the front
  bool failed = false;
  while (!scan.found()) {
    const std::size_t read = std::fread(buffer.data() + kept, 1, buffer.size() - kept, file);
    failed = read == 0 && std::ferror(file) != 0;
    const bool last = read == 0;
    const std::size_t size = kept + read;
    const std::size_t used = scan.feed(std::string_view(buffer.data(), size), last);
    if (last) break;
    kept = size - used;
    assert(kept <= 2);
    std::memmove(buffer.data(), buffer.data() + used, kept);
  }
  std::fclose(file);
  return failed || scan.found();
}

bool IndividualNumberMasks::mask_value(std::size_t i, std::string_view value, std::string& masked) {
  switch (masked_[i]) {
    case Mask::column:
      masked = grammars::mask_individual_number(value);
      return masked != value;  // no digit in it
    case Mask::watched:
      return mask_streamed_value(watched_[i], false, value, masked);
    case Mask::strays:
      if (grammars::is_individual_number(value)) {
        masked = grammars::mask_individual_number(value);
        return true;
      }
      [[fallthrough]];
    case Mask::labelled:
      return value.size() >= 12 && grammars::mask_labelled_individual_numbers(value, masked);
  }
  return false;
}

void IndividualNumberMasks::mask(grammars::CsvRecord& record, const TransformPlan& plan,
                                 TransformLog& log) {
  for (std::size_t i = 0; i < record.fields.size() && i < masked_.size(); ++i) {
    if (record.fields[i].empty()) continue;
    if (no_twelve_digits_ && masked_[i] == Mask::labelled) continue;  // none in the file
    if (!mask_value(i, record.fields[i], masked_values_[i])) continue;
    record.fields[i] = masked_values_[i];
    log.emit(ChangeRecord{record.number, static_cast<std::uint32_t>(i + 1), plan.item_name(i),
                          masked_values_[i], masked_values_[i], "individual-number-mask"});
  }
}

std::vector<std::string> IndividualNumberMasks::masked_columns(
    const std::vector<std::string>& headers) const {
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (masked_[i] == Mask::column ||
        (masked_[i] == Mask::watched && watched_[i].holds_individual_numbers()))
      columns.push_back(grammars::mask_individual_numbers_in(headers[i]));
  }
  return columns;
}

}  // namespace gifkit::models
