// text_records.cpp — see text_records.hpp. The input is read through a
// stream of our own (fopencookie) that keeps the first block for encoding
// detection and, for Shift_JIS input, looks at every byte that passes for
// the 4-byte UTF-8 characters a Shift_JIS file cannot hold; the CSV reader
// and the line reader both read from it.
#include "grammars/io/text_records.hpp"

#include <algorithm>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

}  // namespace

std::uint64_t count_line_ends(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  std::uint64_t count = 0;
#if defined(__SSE2__)
  // Each byte lane counts its newlines (a match is -1: subtracted), 64 bytes
  // a step, two matches a lane a step: at most 127 steps (254, a byte); then
  // the lanes are summed (psadbw).
  const __m128i newline = _mm_set1_epi8('\n');
  auto matches = [&newline](const char* at) {
    return _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), newline);
  };
  while (end - p >= 64) {
    __m128i a = _mm_setzero_si128();
    __m128i b = _mm_setzero_si128();
    for (int step = 0; step < 127 && end - p >= 64; ++step, p += 64) {
      a = _mm_sub_epi8(a, _mm_add_epi8(matches(p), matches(p + 16)));
      b = _mm_sub_epi8(b, _mm_add_epi8(matches(p + 32), matches(p + 48)));
    }
    const __m128i zero = _mm_setzero_si128();
    const __m128i sums = _mm_add_epi64(_mm_sad_epu8(a, zero), _mm_sad_epu8(b, zero));
    count += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; p < end; ++p) count += *p == '\n' ? 1 : 0;
  return count;
}

void set_line_record(TextRecord& record, std::uint64_t line, std::string_view raw) {
  std::string_view content = raw;
  std::string_view line_end;
  if (content.ends_with('\n')) {
    const std::size_t end = content.ends_with("\r\n") ? 2 : 1;
    content.remove_suffix(end);
    line_end = raw.substr(content.size());
  }
  record.line = line;
  record.row = 0;
  record.text = content;
  record.line_end = line_end;
  record.fields.assign(1, content);
  record.raw_ends.assign(1, static_cast<std::uint32_t>(content.size()));
  record.malformed = false;
}

std::optional<TextLayout> parse_text_layout(std::string_view name) {
  if (name == "auto") return TextLayout::automatic;
  if (name == "text") return TextLayout::text;
  if (name == "csv") return TextLayout::csv;
  if (name == "tsv") return TextLayout::tsv;
  return std::nullopt;
}

struct TextRecordReader::Impl {
  Impl(std::FILE* source, std::string name, TextRecordOptions options, ProblemHandler on_problem);
  ~Impl() {
    if (input != nullptr) std::fclose(input);
  }

  static ssize_t read_cookie(void* cookie, char* buffer, size_t size);
  // Reads up to size bytes of the input (the first block first, then the
  // source), looking at them as they pass; 0 at the end, -1 on an error.
  ssize_t read_input(char* buffer, std::size_t size);
  void look_at_served(const char* bytes, std::size_t size);
  bool next_line(TextRecord& record);
  bool next_lines(TextLines& lines);
  bool next_csv(TextRecord& record);
  // Reads one more block into text (converted to UTF-8); false at the end.
  bool fill();
  void problem(std::uint64_t line, std::string message) {
    if (on_problem) on_problem({line, std::move(message)});
  }

  std::FILE* source;
  std::string name;
  TextRecordOptions options;
  ProblemHandler on_problem;
  std::FILE* input = nullptr;  // the cookie stream over source
  std::string first_block;     // read for detection, served first
  std::size_t first_served = 0;
  Encoding encoding = Encoding::utf8;
  bool bom = false;
  std::uint64_t bytes = 0;
  // Shift_JIS: newlines served so far and the bytes of a sequence cut at a
  // block's end, for the 4-byte check.
  std::uint64_t served_lines = 1;
  std::string served_tail;

  // CSV/TSV.
  std::unique_ptr<CsvReader> csv;
  CsvRecord csv_record;
  // Plain text: UTF-8 text, [pos, filled) not read yet.
  std::string text;
  std::size_t filled = 0;  // text's bytes before this are the input's (UTF-8: the rest is room)
  std::size_t pos = 0;
  std::string raw;  // Shift_JIS bytes waiting for the rest of their character
  std::vector<char> block;
  bool input_done = false;
  bool started = false;
  std::uint64_t line = 1;
};

TextRecordReader::Impl::Impl(std::FILE* source_file, std::string input_name,
                             TextRecordOptions reader_options, ProblemHandler handler)
    : source(source_file),
      name(std::move(input_name)),
      options(reader_options),
      on_problem(std::move(handler)) {
  first_block.resize(kSniffBytes);
  first_block.resize(std::fread(first_block.data(), 1, first_block.size(), source));
  encoding = options.encoding;
  if (encoding == Encoding::automatic) {
    std::string_view sample = first_block;
    if (sample.starts_with("\xEF\xBB\xBF")) sample.remove_prefix(3);
    encoding = detect_encoding_tolerant(sample);
  }
  if (options.layout == TextLayout::csv || options.layout == TextLayout::tsv) {
    cookie_io_functions_t functions{&Impl::read_cookie, nullptr, nullptr, nullptr};
    input = fopencookie(this, "r", functions);
    CsvOptions csv_options;
    csv_options.delimiter = options.layout == TextLayout::tsv ? '\t' : ',';
    csv_options.encoding = encoding;
    csv_options.keep_raw = true;
    csv_options.skip_blank_lines = false;
    csv_options.block_size = options.block_size;
    csv = std::make_unique<CsvReader>(input, name, csv_options, [this](const CsvError& error) {
      problem(error.line, error.message);
    });
  }
}

ssize_t TextRecordReader::Impl::read_cookie(void* cookie, char* buffer, size_t size) {
  return static_cast<Impl*>(cookie)->read_input(buffer, size);
}

ssize_t TextRecordReader::Impl::read_input(char* buffer, std::size_t size) {
  std::size_t got = 0;
  if (first_served < first_block.size()) {
    got = std::min(size, first_block.size() - first_served);
    std::memcpy(buffer, first_block.data() + first_served, got);
    first_served += got;
  } else {
    got = std::fread(buffer, 1, size, source);
    if (got == 0 && std::ferror(source)) return -1;
  }
  bytes += got;
  if (encoding == Encoding::cp932) look_at_served(buffer, got);
  return static_cast<ssize_t>(got);
}

// A Shift_JIS file cannot hold a character outside the BMP: four bytes that
// are a valid UTF-8 sequence of one (F0–F4 and three continuation bytes)
// mean the file is UTF-8, or mixes encodings. A sequence that starts in the
// last 3 bytes of a block is looked at with the next block.
void TextRecordReader::Impl::look_at_served(const char* bytes, std::size_t size) {
  const std::string_view view(bytes, size);
  auto report_at = [this](std::string_view part, std::size_t i) {
    if (i + 3 >= part.size()) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(part.data() + i);
    if (p[0] < 0xF0 || p[0] > 0xF4 || !is_utf8_continuation(p[1]) || !is_utf8_continuation(p[2]) ||
        !is_utf8_continuation(p[3]))
      return false;
    std::size_t at = 0;
    const char32_t cp = decode_utf8(part.substr(i, 4), at);
    if (at != 4) return false;
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    problem(served_lines, "4 bytes that are the UTF-8 of " + std::string(part.substr(i, 4)) + " (" +
                              hex +
                              "): a Shift_JIS file cannot hold a character outside the BMP; the "
                              "file is UTF-8, or mixes encodings (give --encoding utf-8)");
    return true;
  };
  if (!served_tail.empty()) {
    const std::string joined =
        served_tail + std::string(view.substr(0, std::min<std::size_t>(3, size)));
    for (std::size_t i = 0; i < served_tail.size(); ++i)
      if (report_at(joined, i)) break;
  }
  for (std::size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(view[i]);
    if (byte == '\n') {
      ++served_lines;
    } else if (byte >= 0xF0 && byte <= 0xF4 && report_at(view, i)) {
      i += 3;
    }
  }
  std::string_view tail = view.substr(size > 3 ? size - 3 : 0);
  while (!tail.empty() && (static_cast<unsigned char>(tail.front()) < 0xF0 ||
                           static_cast<unsigned char>(tail.front()) > 0xF4))
    tail.remove_prefix(1);
  served_tail.assign(tail);
}

TextRecordReader::TextRecordReader(std::FILE* file, std::string name, TextRecordOptions options,
                                   ProblemHandler on_problem)
    : impl_(std::make_unique<Impl>(file, std::move(name), options, std::move(on_problem))) {}

TextRecordReader::~TextRecordReader() = default;

bool TextRecordReader::next(TextRecord& record) {
  return impl_->csv ? impl_->next_csv(record) : impl_->next_line(record);
}

bool TextRecordReader::next_lines(TextLines& lines) {
  return !impl_->csv && impl_->next_lines(lines);
}

Encoding TextRecordReader::encoding() const {
  return impl_->encoding;
}

bool TextRecordReader::had_bom() const {
  return impl_->csv ? impl_->csv->had_bom() : impl_->bom;
}

std::uint64_t TextRecordReader::bytes_read() const {
  return impl_->bytes;
}

bool TextRecordReader::Impl::next_csv(TextRecord& record) {
  if (!csv->next(csv_record)) return false;
  std::string_view raw_text = csv_record.raw;
  std::size_t end_length = 0;
  if (raw_text.ends_with("\r\n")) {
    end_length = 2;
  } else if (raw_text.ends_with("\n") || raw_text.ends_with("\r")) {
    end_length = 1;
  }
  record.line = csv_record.line;
  record.row = csv_record.number;
  record.text = raw_text.substr(0, raw_text.size() - end_length);
  record.line_end = raw_text.substr(raw_text.size() - end_length);
  record.fields = csv_record.fields;
  record.raw_ends = csv_record.raw_ends;
  record.malformed = csv_record.malformed;
  return true;
}

bool TextRecordReader::Impl::fill() {
  if (input_done) return false;
  // What is not read yet goes to the front.
  const std::size_t kept = filled - pos;
  std::memmove(text.data(), text.data() + pos, kept);
  filled = kept;
  pos = 0;
  if (encoding != Encoding::cp932) {
    // UTF-8: read straight into the text, whose bytes past filled are spare
    // room (zeroed only when it grows, not at every block).
    if (text.size() < kept + options.block_size) text.resize(kept + options.block_size);
    const ssize_t got = read_input(text.data() + kept, options.block_size);
    filled = kept + static_cast<std::size_t>(std::max<ssize_t>(got, 0));
    if (got <= 0) {
      if (got < 0) problem(0, "read error");
      input_done = true;
      return false;
    }
    if (!started) {
      started = true;
      if (std::string_view(text.data(), filled).starts_with("\xEF\xBB\xBF")) {
        bom = true;
        std::memmove(text.data(), text.data() + 3, filled - 3);
        filled -= 3;
      }
    }
    return true;
  }
  // Shift_JIS: the converted text is appended to text, which is then all filled.
  text.resize(filled);
  struct Filled {
    std::string& text;
    std::size_t& filled;
    ~Filled() { filled = text.size(); }
  } settle{text, filled};
  if (block.empty()) block.resize(options.block_size);
  const ssize_t read = read_input(block.data(), block.size());
  const std::size_t got = static_cast<std::size_t>(std::max<ssize_t>(read, 0));
  if (got == 0) {
    if (read < 0) problem(0, "read error");
    input_done = true;
    if (!raw.empty()) {  // a lead byte with no trail byte at the very end
      cp932_to_utf8(raw, text);
      problem(line, "a Shift_JIS lead byte with no second byte at the end of the file");
      raw.clear();
      return true;
    }
    return false;
  }
  std::string_view bytes(block.data(), got);
  started = true;
  raw.append(bytes);
  std::size_t complete = cp932_complete_prefix_length(raw);
  std::size_t before = text.size();
  std::size_t invalid = cp932_to_utf8(std::string_view(raw).substr(0, complete), text);
  if (invalid != std::string_view::npos) {
    // The line: the one to be read next, plus the line ends of the text not
    // read yet and of the new bytes before the invalid one.
    const auto ends = [](auto first, auto last) {
      return static_cast<std::uint64_t>(std::count(first, last, '\n'));
    };
    const std::uint64_t at_line =
        line +
        ends(text.begin() + static_cast<long>(pos), text.begin() + static_cast<long>(before)) +
        ends(raw.begin(), raw.begin() + static_cast<long>(invalid));
    problem(at_line, "bytes that are not Shift_JIS (read as U+FFFD)");
  }
  raw.erase(0, complete);
  return true;
}

bool TextRecordReader::Impl::next_line(TextRecord& record) {
  while (true) {
    const char* start = text.data() + pos;
    const std::size_t left = filled - pos;
    const void* newline = left == 0 ? nullptr : std::memchr(start, '\n', left);
    std::size_t length = 0;
    std::size_t end_length = 0;
    bool found = false;
    if (newline != nullptr) {
      length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      end_length = 1;
      found = true;
    } else if (left > options.max_line_bytes) {
      // Cut a very long line at a character boundary; it goes on in the next record.
      length = options.max_line_bytes;
      while (length > 0 && is_utf8_continuation(static_cast<unsigned char>(start[length])))
        --length;
      found = true;
    } else if (!fill()) {
      if (left == 0) return false;
      length = left;
      found = true;
    }
    if (!found) continue;
    set_line_record(record, line, std::string_view(text.data() + pos, length + end_length));
    pos += length + end_length;
    if (end_length > 0) ++line;
    return true;
  }
}

// As next_line would, line after line: the lines whose end is in text
// (fill when there are none, as next_line does before its first of them).
bool TextRecordReader::Impl::next_lines(TextLines& lines) {
  while (true) {
    const char* start = text.data() + pos;
    const std::size_t left = filled - pos;
    const void* last = left == 0 ? nullptr : memrchr(start, '\n', left);
    if (last != nullptr) {
      const std::size_t length =
          static_cast<std::size_t>(static_cast<const char*>(last) - start) + 1;
      lines.line = line;
      lines.text = std::string_view(start, length);
      lines.count = count_line_ends(lines.text);
      line += lines.count;
      pos += length;
      return true;
    }
    // No line end in memory: next_line cuts a long line, or reads on.
    if (left > options.max_line_bytes || !fill()) return false;
  }
}

}  // namespace gifkit::grammars
