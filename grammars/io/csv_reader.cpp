// csv_reader.cpp — the CSV/TSV record parser: RFC 4180 quoting, CRLF/LF/CR
// line ends, recovery from malformed records. The input side (fread, BOM,
// CP932) is in csv_text_buffer.cpp, the per-record encoding checks and error
// positions in csv_record_checks.cpp; detail/csv_reader_impl.hpp explains how
// the pieces fit.
#include "grammars/io/csv_reader.hpp"

#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammars/io/detail/csv_reader_impl.hpp"
#include "grammars/io/detail/utf8_scan.hpp"

namespace gifkit::grammars {
namespace {

using detail::FieldSlot;
using detail::ParseOutcome;

unsigned char byte_at(const char* p) {
  return static_cast<unsigned char>(*p);
}

// Steps over the character at p, which starts with a byte >= 0x80: a valid
// UTF-8 sequence whole, anything else one byte with invalid_seen set (the
// record is then checked byte by byte and the problem reported). Sequences
// never contain ASCII bytes, so no delimiter or quote is skipped.
//
// A run of characters U+1000–CFFF and U+E000–FFFF (kana and kanji, the
// full-width forms and half-width kana: a lead byte E1–EC or EE–EF and two
// continuation bytes, never overlong nor a surrogate, so always valid) is
// stepped over in one go, without the general check of each.
const char* skip_non_ascii(const char* p, const char* end, bool& invalid_seen) {
  auto common_three_bytes = [end](const char* at) {
    return end - at >= 3 && byte_at(at) >= 0xE1 && byte_at(at) != 0xED && byte_at(at) <= 0xEF &&
           (byte_at(at + 1) & 0xC0) == 0x80 && (byte_at(at + 2) & 0xC0) == 0x80;
  };
  if (common_three_bytes(p)) {
    do p += 3;
    while (common_three_bytes(p));
    return p;
  }
  const std::size_t length = detail::valid_utf8_sequence_length(
      reinterpret_cast<const unsigned char*>(p), static_cast<std::size_t>(end - p), 0);
  if (length != 0) return p + length;
  invalid_seen = true;
  return p + 1;
}

// The first byte at or after p that is `stop`, a quote, CR, LF or not ASCII
// (>= 0x80): with stop the delimiter, what ends the scan through an unquoted
// field (Impl::ends_unquoted); with stop '"', through a quoted one
// (ends_quoted). Sixteen bytes at a time with SSE2 (baseline on x86-64): it
// reads up to 15 bytes past the byte it returns, which the text buffer's
// slack after its sentinel allows (CsvTextBuffer::kScanSlack). validated:
// the text scanned is known to be valid UTF-8 (Impl::valid_to), so bytes
// beyond ASCII need no stop (with SSE2; without, they stop as before).
const char* find_stop(const char* p, char stop, const std::array<bool, 256>& table,
                      bool validated) {
#if defined(__SSE2__)
  static_assert(detail::CsvTextBuffer::kScanSlack >= 16);
  (void)table;
  const __m128i high = validated ? _mm_setzero_si128() : _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i stops = _mm_set1_epi8(stop);
  const __m128i quotes = _mm_set1_epi8('"');
  const __m128i crs = _mm_set1_epi8('\r');
  const __m128i lfs = _mm_set1_epi8('\n');
  for (;; p += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, stops), _mm_cmpeq_epi8(bytes, quotes)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, crs), _mm_cmpeq_epi8(bytes, lfs)));
    // A hit's lane is 0xFF; a non-ASCII byte has its high bit set already.
    const auto mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(hits, _mm_and_si128(bytes, high))));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#else
  (void)stop;
  (void)validated;
  while (!table[byte_at(p)]) ++p;
  return p;
#endif
}

// Number of physical line ends (CRLF, LF or a lone CR) in [begin, end).
std::uint64_t count_line_ends(const char* begin, const char* end) {
  std::uint64_t count = 0;
  for (const char* p = begin; p < end; ++p) {
    if (*p == '\n') {
      ++count;
    } else if (*p == '\r') {
      if (p + 1 < end && p[1] == '\n') ++p;
      ++count;
    }
  }
  return count;
}

}  // namespace

CsvReader::Impl::Impl(std::FILE* file, std::string name_, CsvOptions options_,
                      ErrorHandler on_error_)
    : name(std::move(name_)),
      options(options_),
      on_error(std::move(on_error_)),
      text(file, options_.encoding, options_.block_size,
           [this](const std::string& message) { report_read_error(message); }) {
  const char delimiter = options.delimiter;
  if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
    throw std::invalid_argument("CSV delimiter cannot be a quote or a line end");
  }
  for (const char c : {delimiter, '"', '\r', '\n'}) {
    ends_unquoted[static_cast<unsigned char>(c)] = true;
  }
  for (const char c : {'"', '\r', '\n'}) ends_quoted[static_cast<unsigned char>(c)] = true;
  // Scans also stop at non-ASCII bytes to validate UTF-8 on the way: a
  // three-byte kanji then costs one step instead of three.
  for (int byte = 0x80; byte <= 0xFF; ++byte) ends_unquoted[byte] = ends_quoted[byte] = true;
}

// Returns the first byte at or after p that is a delimiter or line end (or
// the sentinel), passing over quotes as ordinary text. Used after a
// structural error only, so it leaves UTF-8 checking to check_encoding.
const char* CsvReader::Impl::scan_to_field_end(const char* p) {
  may_have_invalid_utf8 = true;
  for (;;) {
    while (!ends_unquoted[byte_at(p)]) ++p;
    if (*p != '"' && byte_at(p) < 0x80) return p;
    ++p;
  }
}

// Copies a quoted field's content [begin, end) into scratch with each ""
// turned into ".
FieldSlot CsvReader::Impl::unescape_into_scratch(const char* begin, const char* end) {
  FieldSlot slot;
  slot.offset = scratch.size();
  slot.in_scratch = true;
  const char* p = begin;
  while (p < end) {
    const auto* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
    if (quote == nullptr) {
      scratch.append(p, end);
      break;
    }
    scratch.append(p, quote + 1);
    p = quote + 2;  // skip the second quote of the pair
  }
  slot.length = scratch.size() - slot.offset;
  return slot;
}

// Appends [begin, end) to the value of slot, moving the value into scratch
// first if needed. Requires that an in-scratch slot is the last thing in
// scratch.
void CsvReader::Impl::append_to_slot(FieldSlot& slot, const char* begin, const char* end) {
  if (!slot.in_scratch) {
    const std::size_t offset = scratch.size();
    scratch.append(text.data() + slot.offset, slot.length);
    slot.offset = offset;
    slot.in_scratch = true;
  }
  scratch.append(begin, end);
  slot.length += static_cast<std::size_t>(end - begin);
}

// Parses the record at pos in text[pos, end_offset); text[end_offset] must be
// '\n' (the sentinel). input_done says whether more text can follow.
//   record: slots, errors, content_end, record_end and line_ends describe it.
//   blank_line: an empty line (skip_blank_lines) ending at record_end.
//   need_more: the record runs past end_offset; stop, stopped_in_quotes,
//     open_quote, field_begin and field_number tell where the scan stopped.
//   unclosed_quote_at_end: the input ended inside the quoted field opened at
//     open_quote.
ParseOutcome CsvReader::Impl::parse_record(std::size_t end_offset, bool input_done,
                                           bool validated) {
  slots.clear();
  scratch.clear();
  errors.clear();
  line_ends = 0;
  stopped_in_quotes = false;
  may_have_invalid_utf8 = false;
  const char* const base = text.data();
  const char* const end = base + end_offset;
  const char delimiter = options.delimiter;
  const char* p = base + pos;
  auto offset_of = [base](const char* at) { return static_cast<std::size_t>(at - base); };
  auto need_more = [&](const char* at, bool in_quotes) {
    stop = offset_of(at);
    stopped_in_quotes = in_quotes;
    return ParseOutcome::need_more;
  };

  if (options.skip_blank_lines && p < end && (*p == '\n' || *p == '\r')) {
    if (*p == '\r' && p + 1 == end && !input_done) return need_more(p, false);
    p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
    record_end = offset_of(p);
    line_ends = 1;
    return ParseOutcome::blank_line;
  }

  field_number = 0;
  for (;;) {
    ++field_number;
    field_begin = offset_of(p);
    if (*p == '"') {  // the sentinel is '\n', so this is inside the text
      open_quote = field_begin;
      const char* const content = ++p;
      bool has_escaped_quotes = false;
      for (;;) {
        p = find_stop(p, '"', ends_quoted, validated);
        if (byte_at(p) >= 0x80) {
          p = skip_non_ascii(p, end, may_have_invalid_utf8);
          continue;
        }
        if (p == end) {
          if (!input_done) return need_more(p, true);
          return ParseOutcome::unclosed_quote_at_end;
        }
        if (*p == '"') {
          if (p + 1 == end && !input_done) return need_more(p, true);
          if (p + 1 < end && p[1] == '"') {
            has_escaped_quotes = true;
            p += 2;
            continue;
          }
          break;  // the closing quote
        }
        if (*p == '\r') {  // a line end inside quotes is part of the value
          if (p + 1 == end && !input_done) return need_more(p, true);
          if (p + 1 < end && p[1] == '\n') ++p;
        }
        ++p;
        ++line_ends;
      }
      FieldSlot slot =
          has_escaped_quotes
              ? unescape_into_scratch(content, p)
              : FieldSlot{offset_of(content), static_cast<std::size_t>(p - content), 0, false};
      ++p;  // past the closing quote
      if (*p != delimiter && *p != '\n' && *p != '\r') {
        add_error(CsvError::Kind::malformed_row, offset_of(p), field_number,
                  "text after the closing quote of a quoted field");
        const char* const tail = p;
        p = scan_to_field_end(p);
        append_to_slot(slot, tail, p);
      }
      slot.raw_end = offset_of(p);
      slots.push_back(slot);
    } else {
      const char* const value = p;
      for (;;) {  // the fast path: most fields are only this loop
        p = find_stop(p, delimiter, ends_unquoted, validated);
        if (byte_at(p) < 0x80) break;
        p = skip_non_ascii(p, end, may_have_invalid_utf8);
      }
      if (*p == '"') {
        add_error(CsvError::Kind::malformed_row, offset_of(p), field_number,
                  "quote in the middle of an unquoted field");
        p = scan_to_field_end(p + 1);
      }
      slots.push_back(
          FieldSlot{offset_of(value), static_cast<std::size_t>(p - value), offset_of(p), false});
    }

    if (p == end) {
      if (!input_done) return need_more(p, false);
      content_end = record_end = offset_of(p);
      return ParseOutcome::record;
    }
    if (*p == delimiter) {
      ++p;
      continue;
    }
    content_end = offset_of(p);  // *p is '\r' or '\n'
    if (*p == '\r') {
      if (p + 1 == end && !input_done) return need_more(p, false);
      if (p + 1 < end && p[1] == '\n') ++p;
    }
    ++p;
    ++line_ends;
    record_end = offset_of(p);
    return ParseOutcome::record;
  }
}

bool CsvReader::Impl::next(CsvRecord& record) {
  if (!started) {
    started = true;
    text.start();
  }
  const std::size_t max_bytes = options.max_record_bytes;
  for (;;) {
    if (skip_rest_of_line) skip_to_next_line();
    if (pos == text.size()) {
      if (text.at_end()) return false;
      text.refill(pos);
      valid_to = 0;  // the text moved
      pos = 0;
      continue;
    }
    // The text from pos is checked for valid UTF-8 16 bytes at a time as
    // far as it is valid; a record wholly before valid_to is then parsed
    // without checking its characters one by one (the same fields: a UTF-8
    // sequence holds no ASCII byte), any other one with the checks.
    if (valid_to <= pos) valid_to = detail::find_invalid_utf8_from(text.data(), text.size(), pos);
    ParseOutcome outcome = parse_record(text.size(), text.at_end(), valid_to > pos);
    if (valid_to > pos &&
        (((outcome == ParseOutcome::record || outcome == ParseOutcome::blank_line) &&
          record_end > valid_to) ||
         (outcome == ParseOutcome::unclosed_quote_at_end && text.size() > valid_to)))
      outcome = parse_record(text.size(), text.at_end(), false);
    switch (outcome) {
      case ParseOutcome::record:
        if (content_end - pos > max_bytes) break;
        finish_record(record, content_end, record_end, line_ends);
        return true;
      case ParseOutcome::blank_line:
        ++blank_lines;
        ++next_line;
        pos = record_end;
        continue;
      case ParseOutcome::need_more:
        // Too long; handle_too_long also looks at the byte after the limit.
        if (stop - pos > max_bytes && text.size() - pos > max_bytes + 1) break;
        text.refill(pos);
        valid_to = 0;  // the text moved
        pos = 0;
        continue;
      case ParseOutcome::unclosed_quote_at_end:
        if (text.size() - pos > max_bytes) break;
        recover_unclosed_quote(record, "quoted field not closed before the end of the file",
                               text.size());
        return true;
    }
    handle_too_long(record);
    return true;
  }
}

// Completes record from the parsed slots: the record's text is
// [pos, record_content_end), the next record starts at resume, and the
// record consumed line_ends_inside line ends.
void CsvReader::Impl::finish_record(CsvRecord& record, std::size_t record_content_end,
                                    std::size_t resume, std::uint64_t line_ends_inside) {
  record.number = next_record_number++;
  record.line = next_line;
  check_encoding(record_content_end);
  record.malformed = !errors.empty();
  report_errors(record.line);
  record.fields.resize(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const FieldSlot& slot = slots[i];
    const char* value = slot.in_scratch ? scratch.data() + slot.offset : text.data() + slot.offset;
    record.fields[i] = std::string_view(value, slot.length);
  }
  if (options.keep_raw) {
    record.raw = std::string_view(text.data() + pos, resume - pos);
    record.raw_ends.resize(slots.size());
    for (std::size_t i = 0; i < slots.size(); ++i)
      record.raw_ends[i] = static_cast<std::uint32_t>(slots[i].raw_end - pos);
  }
  const std::uint64_t offset = text.file_offset(pos);
  record.file_offset = offset + (resume - pos) <= text.converted_from() ? offset : kNoFileOffset;
  record.file_size = static_cast<std::uint32_t>(resume - pos);
  next_line += line_ends_inside;
  pos = resume;
}

// The record at pos is longer than max_record_bytes. It is parsed again with
// the text cut after max_record_bytes + 1 bytes (at a character boundary),
// so what is returned, and where reading resumes, depends only on the input,
// never on how much of it happens to be in the buffer. Requires that the
// buffer holds that much text and the byte after it.
void CsvReader::Impl::handle_too_long(CsvRecord& record) {
  char* const data = text.mutable_data();
  std::size_t limit = pos + options.max_record_bytes + 1;
  // Do not cut a UTF-8 character in two: back up to its first byte.
  for (int step = 0; step < 3 && limit > pos && (byte_at(data + limit) & 0xC0) == 0x80; ++step) {
    --limit;
  }
  const char saved = data[limit];
  data[limit] = '\n';                 // the sentinel the scan loops rely on
  parse_record(limit, false, false);  // cannot find the record's end before limit: need_more
  data[limit] = saved;
  if (stopped_in_quotes) {
    recover_unclosed_quote(record,
                           "quoted field not closed within " +
                               std::to_string(options.max_record_bytes) +
                               " bytes (max_record_bytes)",
                           limit);
  } else {
    recover_too_long(record);
  }
}

// A quoted field was never closed. The record is cut at the end of the
// physical line where the quote opened (or at limit), the field's value runs
// from the quote to there, and reading resumes on the next line, so one
// stray quote does not swallow the rest of the file.
void CsvReader::Impl::recover_unclosed_quote(CsvRecord& record, std::string message,
                                             std::size_t limit) {
  const char* const base = text.data();
  std::size_t cut = open_quote + 1;
  while (cut < limit && base[cut] != '\n' && base[cut] != '\r') ++cut;
  slots.truncate(field_number - 1);
  slots.push_back(FieldSlot{open_quote + 1, cut - open_quote - 1, cut, false});
  add_error(CsvError::Kind::malformed_row, open_quote, field_number, std::move(message));
  skip_rest_of_line = cut < text.size() || !text.at_end();
  finish_record(record, cut, cut, count_line_ends(base + pos, base + cut));
  record.file_offset = kNoFileOffset;  // recovered: reading it again would not give it
}

// The record grew past max_record_bytes outside quotes (no line end for that
// long). It is returned cut where the scan stopped; the rest of its physical
// line is skipped.
void CsvReader::Impl::recover_too_long(CsvRecord& record) {
  const char* const base = text.data();
  slots.truncate(field_number - 1);
  slots.push_back(FieldSlot{field_begin, stop - field_begin, stop, false});
  add_error(CsvError::Kind::malformed_row, pos, field_number,
            "record longer than " + std::to_string(options.max_record_bytes) +
                " bytes; the rest of its line is skipped");
  skip_rest_of_line = true;
  finish_record(record, stop, stop, count_line_ends(base + pos, base + stop));
  record.file_offset = kNoFileOffset;  // cut short: reading it again would not give it
}

// Discards text up to and including the next line end, reading on as needed
// with the buffer kept to one block.
void CsvReader::Impl::skip_to_next_line() {
  for (;;) {
    const char* const base = text.data();
    const std::size_t size = text.size();
    std::size_t at = pos;
    while (base[at] != '\n' && base[at] != '\r') ++at;  // stops at the sentinel at worst
    if (at < size) {
      if (base[at] == '\r' && at + 1 == size && !text.at_end()) {
        text.refill(at);  // CR at the end of the text: is it CR LF?
        valid_to = 0;     // the text moved
        pos = 0;
        continue;
      }
      at += (base[at] == '\r' && at + 1 < size && base[at + 1] == '\n') ? 2 : 1;
      pos = at;
      ++next_line;
      break;
    }
    if (text.at_end()) {
      pos = size;
      break;
    }
    text.refill(size);
    valid_to = 0;  // the text moved
    pos = 0;
  }
  skip_rest_of_line = false;
}

CsvReader::CsvReader(std::FILE* file, std::string name, CsvOptions options, ErrorHandler on_error)
    : impl_(std::make_unique<Impl>(file, std::move(name), options, std::move(on_error))) {}

CsvReader::~CsvReader() = default;

bool CsvReader::next(CsvRecord& record) {
  return impl_->next(record);
}

Encoding CsvReader::encoding() const {
  return impl_->text.encoding();
}

bool CsvReader::had_bom() const {
  return impl_->text.had_bom();
}

std::uint64_t CsvReader::bytes_read() const {
  return impl_->text.bytes_read();
}

std::uint64_t CsvReader::blank_lines_skipped() const {
  return impl_->blank_lines;
}

}  // namespace gifkit::grammars
