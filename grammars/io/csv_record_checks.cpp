// csv_record_checks.cpp — the CSV reader's per-record checks and error
// reporting: invalid UTF-8 (reported, replaced by U+FFFD), invalid CP932
// (already U+FFFD after conversion, reported here), and turning the byte
// offset of each problem into a line and character column.
#include <algorithm>
#include <string_view>

#include "grammars/io/detail/csv_reader_impl.hpp"
#include "grammars/io/detail/utf8_scan.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
// The most bytes of one run kept in CsvError::bytes.
constexpr std::size_t kMostBytesKept = 64;

// "0xE3 0x81", at most eight bytes then "...".
std::string describe_bytes(const char* bytes, std::size_t count) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string description;
  for (std::size_t i = 0; i < count && i < 8; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (i > 0) description += ' ';
    description += "0x";
    description += kHex[byte >> 4];
    description += kHex[byte & 0xF];
  }
  if (count > 8) description += " ...";
  return description;
}

}  // namespace

std::string escaped_bytes(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string escaped;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    escaped += "\\x";
    escaped += kHex[byte >> 4];
    escaped += kHex[byte & 0xF];
  }
  return escaped;
}

void CsvReader::Impl::add_error(CsvError::Kind kind, std::size_t offset, std::uint32_t field,
                                std::string message) {
  errors.push_back(detail::PendingError{kind, offset, field, std::move(message), {}});
}

void CsvReader::Impl::report_read_error(const std::string& message) {
  if (!on_error) return;
  on_error(CsvError{CsvError::Kind::malformed_row, next_line, 0, 0, name + ": " + message, {}});
}

// 1-based number of the field of the current record whose raw text holds
// the text-buffer offset.
std::uint32_t CsvReader::Impl::field_at(std::size_t offset) const {
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].raw_end > offset) return static_cast<std::uint32_t>(i + 1);
  }
  return static_cast<std::uint32_t>(slots.size());
}

// Reports invalid input in the record's text [pos, record_content_end) and
// makes sure the values hold U+FFFD in its place.
void CsvReader::Impl::check_encoding(std::size_t record_content_end) {
  if (text.encoding() == Encoding::cp932) {
    check_cp932_replacements(record_content_end);
    return;
  }
  if (!may_have_invalid_utf8) return;  // the parser validated every character
  const char* const base = text.data();
  std::size_t at = detail::find_invalid_utf8_from(base, record_content_end, pos);
  if (at == record_content_end) return;
  const auto* bytes = reinterpret_cast<const unsigned char*>(base);
  std::vector<std::uint32_t> fields_to_repair;
  while (at < record_content_end) {
    std::size_t run_end = at + 1;  // one error per run of bad bytes
    while (run_end < record_content_end &&
           detail::valid_utf8_sequence_length(bytes, record_content_end, run_end) == 0) {
      ++run_end;
    }
    const bool cut_by_end_of_file =
        run_end == record_content_end && record_content_end == text.size() && text.at_end() &&
        detail::is_truncated_utf8_sequence(base, record_content_end, at);
    std::string message = cut_by_end_of_file ? "UTF-8 sequence cut short by the end of the file: "
                                             : "invalid UTF-8 bytes ";
    message += describe_bytes(base + at, run_end - at);
    const std::uint32_t field = field_at(at);
    add_error(CsvError::Kind::encoding_error, at, field, std::move(message));
    errors.back().bytes.assign(base + at, std::min<std::size_t>(run_end - at, kMostBytesKept));
    if (fields_to_repair.empty() || fields_to_repair.back() != field) {
      fields_to_repair.push_back(field);
    }
    at = detail::find_invalid_utf8_from(base, record_content_end, run_end);
  }
  for (const std::uint32_t field : fields_to_repair) repair_invalid_utf8(slots[field - 1]);
}

// In CP932 input the converter has already put U+FFFD for each invalid byte
// (no CP932 character maps to U+FFFD); report each run of them.
void CsvReader::Impl::check_cp932_replacements(std::size_t record_content_end) {
  if (pos >= text.replacement_horizon()) return;
  const std::string_view record_text(text.data(), record_content_end);
  std::size_t at = record_text.find(kReplacementUtf8, pos);
  while (at != std::string_view::npos) {
    std::size_t run_end = at + kReplacementUtf8.size();
    while (record_text.substr(run_end, kReplacementUtf8.size()) == kReplacementUtf8) {
      run_end += kReplacementUtf8.size();
    }
    std::string bytes;
    for (std::size_t replacement = at; replacement < run_end && bytes.size() < kMostBytesKept;
         replacement += kReplacementUtf8.size())
      bytes += text.invalid_bytes_at(replacement);
    add_error(CsvError::Kind::encoding_error, at, field_at(at),
              "invalid Shift_JIS (CP932) bytes " + escaped_bytes(bytes));
    errors.back().bytes = std::move(bytes);
    at = record_text.find(kReplacementUtf8, run_end);
  }
}

// Rewrites the slot's value into scratch with each byte that is not part of
// a valid UTF-8 sequence replaced by U+FFFD.
void CsvReader::Impl::repair_invalid_utf8(detail::FieldSlot& slot) {
  const char* source = slot.in_scratch ? scratch.data() + slot.offset : text.data() + slot.offset;
  const std::string value(source, slot.length);  // scratch may move while we append to it
  const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  slot.offset = scratch.size();
  slot.in_scratch = true;
  std::size_t at = 0;
  while (at < value.size()) {
    const std::size_t length = detail::valid_utf8_sequence_length(bytes, value.size(), at);
    if (length == 0) {
      scratch += kReplacementUtf8;
      ++at;
    } else {
      scratch.append(value, at, length);
      at += length;
    }
  }
  slot.length = scratch.size() - slot.offset;
}

// Sends the record's errors to on_error in text order, each with its line
// and character column; the record starts at pos on line first_line.
void CsvReader::Impl::report_errors(std::uint64_t first_line) {
  if (errors.empty() || !on_error) return;
  std::stable_sort(errors.begin(), errors.end(),
                   [](const detail::PendingError& a, const detail::PendingError& b) {
                     return a.offset < b.offset;
                   });
  const char* const base = text.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(base);
  const std::size_t size = text.size();
  std::size_t cursor = pos;
  std::uint64_t line = first_line;
  std::uint64_t column = 1;
  for (detail::PendingError& error : errors) {
    while (cursor < error.offset) {
      if (base[cursor] == '\n' || base[cursor] == '\r') {
        cursor += (base[cursor] == '\r' && cursor + 1 < size && base[cursor + 1] == '\n') ? 2 : 1;
        ++line;
        column = 1;
      } else {
        const std::size_t length = detail::valid_utf8_sequence_length(bytes, size, cursor);
        cursor += length == 0 ? 1 : length;  // an invalid byte counts as one character
        ++column;
      }
    }
    on_error(CsvError{error.kind, line, column, error.field, std::move(error.message),
                      std::move(error.bytes)});
  }
}

}  // namespace gifkit::grammars
