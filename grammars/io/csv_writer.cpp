// csv_writer.cpp — see csv_writer.hpp.
#include "grammars/io/csv_writer.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gifkit::grammars {

namespace {
constexpr std::size_t kFlushAt = 64 * 1024;

// True when value holds the delimiter, a quote or a line break: the field is
// quoted. Every field written goes through here, so eight bytes at a time:
// a byte equal to c is a zero byte of word ^ (c in every byte).
bool needs_quotes(std::string_view value, char delimiter) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t word) {
    return ((word - kOnes) & ~word & kHighs) != 0;
  };
  const std::uint64_t delimiters = kOnes * static_cast<unsigned char>(delimiter);
  const auto special_at = [&](std::size_t i) {
    std::uint64_t word;
    std::memcpy(&word, value.data() + i, 8);
    return has_zero_byte(word ^ delimiters) || has_zero_byte(word ^ (kOnes * '"')) ||
           has_zero_byte(word ^ (kOnes * '\r')) || has_zero_byte(word ^ (kOnes * '\n'));
  };
  if (value.size() < 8) {
    for (const char c : value) {
      if (c == delimiter || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
  }
  for (std::size_t i = 0; i + 8 < value.size(); i += 8) {
    if (special_at(i)) return true;
  }
  return special_at(value.size() - 8);  // the last eight bytes (some read twice)
}

}  // namespace

void append_csv_field(std::string& out, std::string_view value, char delimiter) {
  if (!needs_quotes(value, delimiter)) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

CsvWriter::CsvWriter(std::ostream& out, char delimiter, std::string_view line_end)
    : out_(out), delimiter_(delimiter), line_end_(line_end) {
  buffer_.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter() {
  flush();
}

void CsvWriter::write_bom() {
  buffer_ += "\xEF\xBB\xBF";
}

bool CsvWriter::plain_since(std::size_t start, std::size_t fields) const {
  assert(start <= buffer_.size());
  const char* at = buffer_.data() + start;
  const char* const end = buffer_.data() + buffer_.size();
  std::size_t delimiters = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: the delimiters counted, a quote or line break ends the scan.
  const __m128i delimiter = _mm_set1_epi8(delimiter_);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  // The delimiters counted per lane (a hit is -1: subtracted), summed every
  // 255 blocks and at the end (no call to a popcount the baseline lacks).
  __m128i counts = _mm_setzero_si128();
  unsigned blocks = 0;
  auto add_counts = [&] {
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    delimiters += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
                  static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
    counts = _mm_setzero_si128();
    blocks = 0;
  };
  for (; end - at >= 16; at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i breaks =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, cr)),
                     _mm_cmpeq_epi8(bytes, lf));
    if (_mm_movemask_epi8(breaks) != 0) return false;
    counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(bytes, delimiter));
    if (++blocks == 255) add_counts();
  }
  add_counts();
#endif
  for (; at < end; ++at) {
    const char c = *at;
    if (c == '"' || c == '\r' || c == '\n') return false;
    delimiters += c == delimiter_ ? 1 : 0;
  }
  return delimiters + 1 == fields || (fields == 0 && delimiters == 0);
}

void CsvWriter::end_row() {
  buffer_ += line_end_;
  if (buffer_.size() >= kFlushAt) flush();
}

void CsvWriter::flush() {
  if (!buffer_.empty()) out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace gifkit::grammars
