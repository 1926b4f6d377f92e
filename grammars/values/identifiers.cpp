// identifiers.cpp — 法人番号 (13 digits, leading check digit, NTA rule),
// 個人番号 (12 digits, trailing check digit, 番号法施行令 第8条),
// 全国地方公共団体コード (6 digits, trailing check digit, 総務省 rule) and
// 郵便番号 (DS-443, 7 digits). The ok path of each check_* is a length test
// and a digit loop; strings are built only to report a problem.
#include "grammars/values/identifiers.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammars/text/digit_dashes.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// The digits of a value written loosely: full-width digits, separators
// (dashes, ー, spaces) and — for postal codes — a leading 〒 are tolerated.
struct LooseDigits {
  std::string digits;          // ASCII digits in order
  bool widened = false;        // some digits were full-width
  bool separated = false;      // separators or 〒 were dropped
  bool other_content = false;  // anything else: not fixable
};

LooseDigits read_loose_digits(std::string_view text, bool allow_postal_mark) {
  LooseDigits result;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (cp >= U'0' && cp <= U'9') {
      result.digits.push_back(static_cast<char>(cp));
    } else if (cp >= U'０' && cp <= U'９') {
      result.digits.push_back(static_cast<char>(cp - U'０' + U'0'));
      result.widened = true;
    } else if (is_dash_like(cp) || cp == U' ' || cp == 0x3000 || cp == U'\t') {
      result.separated = true;
    } else if (allow_postal_mark && cp == U'〒' && result.digits.empty()) {
      result.separated = true;
    } else {
      result.other_content = true;
    }
  }
  return result;
}

char digit_char(int digit) {
  return static_cast<char>('0' + digit);
}

std::string digit_count_reason(std::size_t count, int required) {
  return std::to_string(count) + " digits; expected " + std::to_string(required);
}

bool is_prefecture_code(std::string_view two_digits) {
  const int code = (two_digits[0] - '0') * 10 + (two_digits[1] - '0');
  return code >= 1 && code <= 47;
}

// Verdict for 13 ASCII digits of a corporate number.
ValueVerdict corporate_number_verdict(std::string_view digits) {
  const int expected = corporate_number_check_digit(digits.substr(1));
  if (digits[0] == digit_char(expected)) return {};
  return {ValueStatus::invalid_check_digit,
          {},
          std::string("check digit ") + digits[0] +
              " does not match the other 12 digits (expected " + digit_char(expected) + ")"};
}

// Verdict for 6 ASCII digits of a local government code.
ValueVerdict local_government_code_verdict(std::string_view digits) {
  const int expected = local_government_code_check_digit(digits.substr(0, 5));
  if (digits[5] != digit_char(expected)) {
    return {ValueStatus::invalid_check_digit,
            {},
            std::string("check digit ") + digits[5] +
                " does not match the first 5 digits (expected " + digit_char(expected) + ")"};
  }
  if (!is_prefecture_code(digits)) {
    return {ValueStatus::invalid_value,
            {},
            "prefecture part " + std::string(digits.substr(0, 2)) + " is not 01-47"};
  }
  return {};
}

// A fixable value: wrong_width when only the width was wrong, otherwise
// invalid_format; the fixed digits are the suggestion.
ValueVerdict fixable(const LooseDigits& loose, const char* what) {
  if (!loose.separated) {
    return {ValueStatus::wrong_width, loose.digits, std::string("full-width digits in ") + what};
  }
  return {ValueStatus::invalid_format, loose.digits,
          std::string(what) + " must be half-width digits only (no hyphens, spaces or marks)"};
}

// The digit a code point stands for (ASCII or full-width), or -1.
int digit_value(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= U'０' && cp <= U'９') return static_cast<int>(cp - U'０');
  return -1;
}

// A character people put between the groups of a number: a dash, ー, ｰ or a
// space (ASCII or U+3000).
bool is_group_separator(char32_t cp) {
  return is_dash_like(cp) || cp == U' ' || cp == 0x3000;
}

// A character that shows nothing between two digits: a control (but tab
// and line ends), DEL, a C1 control, the soft hyphen, the combining grapheme
// joiner, the Arabic letter mark, the Mongolian vowel separator, the zero-width
// spaces and joiners, the bidirectional marks and controls, the word joiner
// and the invisible operators, the variation selectors, the BOM and the tags.
// A number written with them between its digits reads as the number.
bool is_invisible(char32_t cp) {
  return (cp < 0x20 && cp != U'\t' && cp != U'\n' && cp != U'\r') || (cp >= 0x7F && cp <= 0x9F) ||
         cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x180E ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
         (cp >= 0xE0000 && cp <= 0xE01EF);
}

// text without its invisible characters (is_invisible).
std::string without_invisible(std::string_view text) {
  std::string visible;
  visible.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (!is_invisible(decode_utf8(text, pos))) visible.append(text.substr(start, pos - start));
  }
  return visible;
}

// One run of digits in a text, by byte offsets; joined: the previous run
// ends one separator character before this one begins.
struct DigitRun {
  std::size_t begin = 0;
  std::size_t end = 0;
  int digits = 0;
  bool joined = false;
};

}  // namespace

int corporate_number_check_digit(std::string_view twelve_digits) {
  // P_n, the n-th digit from the right, weighs 1 for odd n and 2 for even n:
  // from the left, the digits at even offsets weigh 2 and at odd ones 1.
  int even = 0;
  int odd = 0;
  for (std::size_t i = 0; i < 12; i += 2) {
    even += twelve_digits[i] - '0';
    odd += twelve_digits[i + 1] - '0';
  }
  return 9 - (2 * even + odd) % 9;
}

ValueVerdict check_corporate_number(std::string_view text) {
  if (text.size() == 13 && is_ascii_digits(text)) return corporate_number_verdict(text);
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; expected 13 digits"};
  const LooseDigits loose = read_loose_digits(text, false);
  if (loose.other_content) {
    return {ValueStatus::invalid_format, {}, "not a corporate number: expected 13 digits"};
  }
  if (loose.digits.size() != 13) {
    return {ValueStatus::invalid_format, {}, digit_count_reason(loose.digits.size(), 13)};
  }
  ValueVerdict check = corporate_number_verdict(loose.digits);
  if (!check.ok()) return check;  // fixing the form would not make it right
  return fixable(loose, "a corporate number");
}

int individual_number_check_digit(std::string_view eleven_digits) {
  int sum = 0;
  for (std::size_t n = 1; n <= 11; ++n) {
    const int digit = eleven_digits[11 - n] - '0';  // P_n: n-th from the right
    sum += digit * static_cast<int>(n <= 6 ? n + 1 : n - 5);
  }
  const int remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

namespace {

// True when text holds 12 digits or more (ASCII or ０-９: EF BC 90–99),
// counted on the bytes without decoding: most text does not, and needs no
// closer look. A byte is counted when it is an ASCII digit or the last of
// EF BC 90–99, 16 bytes at once where SSE2 is (the loop of every cell a
// transform, a validate and chars shrink read; it counted every EF byte
// first, so that half-width カナ and full-width letters, EF BD/BE/BC, took
// every name and reading through a second, byte-by-byte count).
bool has_twelve_digits(std::string_view text) {
  // A digit takes a byte at least: shorter text has fewer.
  if (text.size() < 12) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t digits = static_cast<unsigned>(bytes[0] - '0') < 10u;
  digits += static_cast<unsigned>(bytes[1] - '0') < 10u;
  std::size_t i = 2;
#if defined(__SSE2__)
  if (size >= 18) {
    // Signed compares: bytes from 0x80 are negative, in their order.
    const __m128i below_zero = _mm_set1_epi8('0' - 1);
    const __m128i above_nine = _mm_set1_epi8('9' + 1);
    const __m128i below_wide_zero = _mm_set1_epi8(static_cast<char>(0x8F));
    const __m128i above_wide_nine = _mm_set1_epi8(static_cast<char>(0x9A));
    const __m128i wide_lead = _mm_set1_epi8(static_cast<char>(0xEF));
    const __m128i wide_second = _mm_set1_epi8(static_cast<char>(0xBC));
    // The lanes of the 16 bytes from bytes + at that end a digit (0xFF).
    auto digits_of = [&](std::size_t at) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
      const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at - 1));
      const __m128i lead = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at - 2));
      const __m128i ascii =
          _mm_and_si128(_mm_cmpgt_epi8(block, below_zero), _mm_cmplt_epi8(block, above_nine));
      const __m128i wide = _mm_and_si128(
          _mm_and_si128(_mm_cmpeq_epi8(lead, wide_lead), _mm_cmpeq_epi8(before, wide_second)),
          _mm_and_si128(_mm_cmpgt_epi8(block, below_wide_zero),
                        _mm_cmplt_epi8(block, above_wide_nine)));
      return _mm_or_si128(ascii, wide);
    };
    auto lane_sum = [](__m128i lanes) {
      const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
      return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    };
    while (size - i >= 16) {
      // A lane counts at most 1 a block: 255 blocks at most.
      __m128i lanes = _mm_setzero_si128();
      for (int blocks = 0; blocks < 255 && size - i >= 16; ++blocks, i += 16)
        lanes = _mm_sub_epi8(lanes, digits_of(i));
      digits += lane_sum(lanes);
      if (digits >= 12) return true;
    }
    if (i < size) {
      // The last bytes: the 16 that end the text, those counted before
      // left out (a cell's tail, without a loop a byte).
      static constexpr unsigned char kLaterLanes[32] = {
          0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
          0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
      const std::size_t counted = i - (size - 16);  // lanes of the last block seen already
      const __m128i later =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(kLaterLanes + 16 - counted));
      digits +=
          lane_sum(_mm_sub_epi8(_mm_setzero_si128(), _mm_and_si128(digits_of(size - 16), later)));
    }
    return digits >= 12;
  }
#endif
  for (; i < size; ++i) {
    const unsigned char byte = bytes[i];
    digits += static_cast<unsigned>(byte - '0') < 10u;
    digits += (bytes[i - 2] == 0xEF) & (bytes[i - 1] == 0xBC) &
              (static_cast<unsigned>(byte - 0x90) < 10u);
  }
  return digits >= 12;
}

}  // namespace

std::optional<std::string> individual_number_digits(std::string_view text) {
  if (is_ascii_digits(text)) {  // the usual numbers: only 12 digits are one
    if (text.size() == 12) return std::string(text);
    return std::nullopt;
  }
  // 12 full-width digits with two separators and spaces around stay short.
  if (text.size() < 12 || text.size() > 64) return std::nullopt;
  // It starts with a digit or a space: ASCII, or ０-９ (EF BC 9x) and U+3000
  // (E3 80 80). Most text (kana E3 81-83, kanji E4-E9, letters) stops here.
  const auto lead = static_cast<unsigned char>(text[0]);
  const auto next = static_cast<unsigned char>(text[1]);
  if (!((lead >= '0' && lead <= '9') || lead == ' ' || (lead == 0xEF && next == 0xBC) ||
        (lead == 0xE3 && next == 0x80)))
    return std::nullopt;
  if (!has_twelve_digits(text)) return std::nullopt;
  text = trim_spaces(text);
  std::string digits;
  int groups[3] = {0, 0, 0};
  int group = 0;
  bool after_separator = true;  // at the start, as after a separator: a digit must come
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    const int digit = digit_value(cp);
    if (digit >= 0) {
      if (digits.size() == 12) return std::nullopt;
      digits.push_back(static_cast<char>('0' + digit));
      ++groups[group];
      after_separator = false;
    } else if (is_group_separator(cp) && !after_separator && group < 2) {
      ++group;
      after_separator = true;
    } else {
      return std::nullopt;
    }
  }
  if (digits.size() != 12 || after_separator) return std::nullopt;
  const bool one_group = group == 0;
  const bool four_four_four = group == 2 && groups[0] == 4 && groups[1] == 4 && groups[2] == 4;
  if (!one_group && !four_four_four) return std::nullopt;
  return digits;
}

namespace {

// What an ASCII byte is to TwelveDigitScan (derived once from digit_value
// and is_group_separator), and the bytes of the digits beyond ASCII
// (０-９: kWideLead kWideSecond 90-99, asserted where the table is made).
enum class ScanByte : std::uint8_t { other, digit, separator };
constexpr unsigned char kWideLead = 0xEF;
constexpr unsigned char kWideSecond = 0xBC;

const std::array<ScanByte, 128>& ascii_scan_bytes() {
  static const std::array<ScanByte, 128> table = [] {
    std::array<ScanByte, 128> bytes{};
    for (char32_t cp = 0; cp < 0x80; ++cp) {
      bytes[cp] = digit_value(cp) >= 0     ? ScanByte::digit
                  : is_group_separator(cp) ? ScanByte::separator
                                           : ScanByte::other;
      // next_chain_start knows the ASCII digits by their range.
      assert((bytes[cp] == ScanByte::digit) == (cp >= '0' && cp <= '9'));
    }
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      if (digit_value(cp) < 0) continue;
      std::string utf8;
      append_utf8(utf8, cp);
      assert(utf8.size() == 3 && static_cast<unsigned char>(utf8[0]) == kWideLead &&
             static_cast<unsigned char>(utf8[1]) == kWideSecond);
    }
    return bytes;
  }();
  return table;
}

// What a character U+FF00–U+FF3F (kWideLead kWideSecond 80–BF: the
// full-width digits, －, the full-width capitals) is to TwelveDigitScan,
// by its third byte's low six bits (derived once from digit_value and
// is_group_separator).
const std::array<ScanByte, 64>& wide_scan_bytes() {
  static const std::array<ScanByte, 64> table = [] {
    std::array<ScanByte, 64> bytes{};
    for (char32_t k = 0; k < 64; ++k) {
      const char32_t cp = 0xFF00 + k;
      bytes[k] = digit_value(cp) >= 0     ? ScanByte::digit
                 : is_group_separator(cp) ? ScanByte::separator
                                          : ScanByte::other;
    }
    return bytes;
  }();
  return table;
}

// One window of up to 64 bytes of a piece, as bit masks (bit i: the byte
// i places on): its ASCII digits, and the bytes that can start a chain —
// the ASCII digits and each kWideLead followed by kWideSecond (０-９ and
// the rest of U+FF00–U+FF3F, which the table tells apart), or by the
// window's or the piece's end before it could be seen (the half-width kana
// of a name, EF BD …, EF BE …, are no start). A start that is none is
// harmless: the character is then looked at, as before this window was
// worked out.
struct ScanWindow {
  std::uint64_t digits = 0;
  std::uint64_t starts = 0;
};

// The masks of the `valid` bytes (1–64) at `at`.
ScanWindow scan_window(const unsigned char* at, std::size_t valid) {
  assert(valid >= 1 && valid <= 64);
  std::uint64_t digits = 0;
  std::uint64_t leads = 0;
  std::uint64_t seconds = 0;
#if defined(__SSE2__)
  alignas(16) unsigned char padded[64];
  const unsigned char* bytes = at;
  if (valid < 64) {
    std::memcpy(padded, at, valid);
    std::memset(padded + valid, 0, 64 - valid);  // NUL: neither digit nor kWideLead
    bytes = padded;
  }
  // A digit plus 0x50 is 0x80-0x89: as a signed byte, below -118.
  const __m128i shift = _mm_set1_epi8(0x50);
  const __m128i digit_bound = _mm_set1_epi8(-118);
  const __m128i wide_leads = _mm_set1_epi8(static_cast<char>(kWideLead));
  const __m128i wide_seconds = _mm_set1_epi8(static_cast<char>(kWideSecond));
  for (int k = 0; k < 4; ++k) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * k));
    const auto lane = [k](__m128i hits) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits))) << (16 * k);
    };
    digits |= lane(_mm_cmplt_epi8(_mm_add_epi8(chunk, shift), digit_bound));
    leads |= lane(_mm_cmpeq_epi8(chunk, wide_leads));
    seconds |= lane(_mm_cmpeq_epi8(chunk, wide_seconds));
  }
#else
  for (std::size_t i = 0; i < valid; ++i) {
    const unsigned char byte = at[i];
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (byte >= '0' && byte <= '9') digits |= bit;
    if (byte == kWideLead) leads |= bit;
    if (byte == kWideSecond) seconds |= bit;
  }
#endif
  // A byte past the piece is unknown: it counts as a kWideSecond.
  if (valid < 64) seconds |= ~std::uint64_t{0} << valid;
  const std::uint64_t wide = leads & ((seconds >> 1) | std::uint64_t{1} << 63);
  return {digits, digits | wide};
}

}  // namespace

// The chain rule a character at a time, with two shortcuts: a window of 64
// bytes' masks (scan_window) finds the next start of a chain and the end of
// a run of ASCII digits without looking at each byte, and ０-９ and the
// other characters U+FF00–U+FF3F are told by a table without decoding them.
std::size_t TwelveDigitScan::feed(std::string_view piece, bool last) {
  const std::array<ScanByte, 128>& ascii = ascii_scan_bytes();
  const std::array<ScanByte, 64>& wide = wide_scan_bytes();
  const auto* bytes = reinterpret_cast<const unsigned char*>(piece.data());
  const std::size_t size = piece.size();
  // The state in locals: stores through bytes (unsigned char) could be to
  // the members as far as the compiler knows, which would reload them a byte.
  int digits = digits_;
  bool after_separator = after_separator_;
  bool found = found_;
  auto close_chain = [&] {
    found |= digits == 12;
    digits = 0;
    after_separator = false;
  };
  // One character of the chain rule, by its class.
  auto take = [&](ScanByte kind) {
    switch (kind) {
      case ScanByte::digit:
        ++digits;
        after_separator = false;
        break;
      case ScanByte::separator:  // joins the chain once, ends it the second time in a row
        if (digits == 0) break;  // no chain open
        if (after_separator) {
          close_chain();
        } else {
          after_separator = true;
        }
        break;
      case ScanByte::other:
        if (digits > 0) close_chain();
        break;
    }
  };
  std::size_t pos = 0;
  while (pos < size) {
    const std::size_t window = pos;
    const std::size_t window_end = std::min(size, window + 64);
    const ScanWindow masks = scan_window(bytes + window, window_end - window);
    while (pos < window_end) {
      if (digits == 0) {
        const std::uint64_t starts = masks.starts >> (pos - window);
        if (starts == 0) {
          pos = window_end;
          break;
        }
        pos += static_cast<std::size_t>(__builtin_ctzll(starts));
      }
      const unsigned char byte = bytes[pos];
      if (byte < 0x80) {
        const ScanByte kind = ascii[byte];
        if (kind != ScanByte::digit) {
          take(kind);
          ++pos;
          continue;
        }
        // A run of ASCII digits in one go (each one more digit of the
        // chain); past the window's last byte it goes on in the next.
        const std::uint64_t others = ~masks.digits >> (pos - window);
        const std::size_t run =
            others == 0 ? window_end - pos : static_cast<std::size_t>(__builtin_ctzll(others));
        digits += static_cast<int>(run);
        pos += run;
        after_separator = false;
        // The usual end of a run, a delimiter or a letter, taken with it.
        if (pos < window_end && bytes[pos] < 0x80 && ascii[bytes[pos]] == ScanByte::other) {
          close_chain();
          ++pos;
        }
        continue;
      }
      // U+FF00–U+FF3F whole in the piece (０-９, －, Ａ…): by the table, as
      // many in a row as there are.
      if (byte == kWideLead && pos + 2 < size && bytes[pos + 1] == kWideSecond &&
          (bytes[pos + 2] & 0xC0) == 0x80) {
        do {
          take(wide[bytes[pos + 2] & 0x3F]);
          pos += 3;
        } while (pos + 2 < size && bytes[pos] == kWideLead && bytes[pos + 1] == kWideSecond &&
                 (bytes[pos + 2] & 0xC0) == 0x80);
        continue;
      }
      // No chain open: only a digit starts one (beyond ASCII, ０-９).
      if (digits == 0 && (byte != kWideLead || (pos + 1 < size && bytes[pos + 1] != kWideSecond))) {
        ++pos;
        continue;
      }
      // A kanji (lead byte E4–E9: U+4000–U+9FFF, neither a digit nor a
      // separator, whole or not) ends the chain; the bytes after it are
      // passed over with the next chain's search.
      if (byte >= 0xE4 && byte <= 0xE9) {
        close_chain();
        ++pos;
        continue;
      }
      // A character beyond ASCII: decoded (one cut at the end of the piece
      // waits for the next piece; an invalid sequence is one byte on).
      const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (!last && pos + length > size) {
        digits_ = digits;
        after_separator_ = after_separator;
        found_ = found;
        return pos;
      }
      std::size_t next = pos;
      const char32_t cp = decode_utf8(piece, next);
      if (digit_value(cp) >= 0) {
        ++digits;
        after_separator = false;
      } else if (digits > 0 && is_group_separator(cp) && !after_separator) {
        after_separator = true;
      } else if (digits > 0) {
        close_chain();  // anything else, or a second separator in a row
      }
      pos = next;
    }
  }
  digits_ = digits;
  after_separator_ = after_separator;
  found_ = found;
  if (last) end_chain();
  return size;
}

bool is_individual_number(std::string_view text) {
  const auto digits = individual_number_digits(text);
  return digits && (*digits)[11] - '0' == individual_number_check_digit(*digits);
}

std::string mask_individual_number(std::string_view text) {
  std::string masked;
  masked.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    if (digit_value(cp) >= 0) {
      masked.push_back('*');
    } else {
      masked.append(text.substr(start, pos - start));
    }
  }
  return masked;
}

bool is_masked_individual_number(std::string_view text) {
  if (text.empty() || text.front() != '*') return false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (digit_value(decode_utf8(text, pos)) >= 0) return false;
  }
  return true;
}

namespace {

using ByteRanges = std::vector<std::pair<std::size_t, std::size_t>>;

// The words that say the number after them is a 個人番号.
constexpr std::string_view kIndividualNumberLabels[] = {"個人番号", "マイナンバー", "ﾏｲﾅﾝﾊﾞｰ"};
// At most this many characters between a label and its number.
constexpr int kMostLabelJoints = 4;

// What may stand between a label and its number: spaces, a colon, an equals
// sign, brackets, は ("個人番号（マイナンバー）：", "マイナンバーは 1662…").
bool is_label_joint(char32_t cp) {
  return cp == U' ' || cp == 0x3000 || cp == U':' || cp == U'：' || cp == U'=' || cp == U'＝' ||
         cp == U'は' || cp == U'(' || cp == U')' || cp == U'（' || cp == U'）' || cp == U'「' ||
         cp == U'」';
}

// Adds to ranges the byte range of each 個人番号 that follows a label
// (kIndividualNumberLabels, then up to kMostLabelJoints joints): 12 digits
// (ASCII or full-width) grouped in any way by single separators
// (is_group_separator), not followed by a 13th, whose check digit is right.
void add_labelled_numbers(std::string_view text, ByteRanges& ranges) {
  for (const std::string_view label : kIndividualNumberLabels) {
    for (std::size_t at = text.find(label); at != std::string_view::npos;
         at = text.find(label, at + label.size())) {
      std::size_t pos = at + label.size();
      for (int joints = 0; pos < text.size() && joints < kMostLabelJoints; ++joints) {
        std::size_t next = pos;
        if (!is_label_joint(decode_utf8(text, next))) break;
        pos = next;
      }
      const std::size_t begin = pos;
      std::size_t end = pos;  // after the last digit
      std::string digits;
      while (pos < text.size() && digits.size() <= 12) {
        std::size_t next = pos;
        const char32_t cp = decode_utf8(text, next);
        if (const int digit = digit_value(cp); digit >= 0) {
          digits.push_back(static_cast<char>('0' + digit));
          end = next;
        } else if (!(is_group_separator(cp) && end == pos && !digits.empty())) {
          break;
        }
        pos = next;
      }
      if (digits.size() == 12 && digits[11] - '0' == individual_number_check_digit(digits))
        ranges.emplace_back(begin, end);
    }
  }
}

// text with the digits of each range masked (ranges sorted here; they may
// overlap).
std::string mask_ranges(std::string_view text, ByteRanges& ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  for (auto [begin, end] : ranges) {
    if (end <= done) continue;
    begin = std::max(begin, done);
    out.append(text.substr(done, begin - done));
    out += mask_individual_number(text.substr(begin, end - begin));
    done = end;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace

bool mask_labelled_individual_numbers(std::string_view text, std::string& masked) {
  if (!has_twelve_digits(text)) return false;
  ByteRanges ranges;
  add_labelled_numbers(text, ranges);
  if (ranges.empty()) return false;
  masked = mask_ranges(text, ranges);
  return true;
}

bool mask_individual_numbers_in(std::string_view text, std::string& masked) {
  if (!has_twelve_digits(text)) return false;  // most texts: no copy
  std::string safe = mask_individual_numbers_in(text);
  if (safe == text) return false;
  masked = std::move(safe);
  return true;
}

std::string mask_individual_numbers_in(std::string_view text) {
  // Most texts have fewer than 12 digits: a byte count says so.
  if (!has_twelve_digits(text)) return std::string(text);
  // The runs of digits, and which of them follow the previous one across a
  // single separator.
  std::vector<DigitRun> runs;
  std::size_t pos = 0;
  std::size_t separator_end = std::string_view::npos;  // where the last lone separator ended
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    if (digit_value(cp) >= 0) {
      if (!runs.empty() && runs.back().end == start) {
        ++runs.back().digits;
        runs.back().end = pos;
      } else {
        const bool joined = !runs.empty() && separator_end == start;
        runs.push_back({start, pos, 1, joined});
      }
    } else if (is_group_separator(cp) && !runs.empty() && runs.back().end == start) {
      separator_end = pos;
    } else if (is_invisible(cp) && !runs.empty() && runs.back().end == start) {
      runs.back().end = pos;  // "1\u200b2…", "1\0002…" (UTF-16 read as bytes) read as digits
    } else if (is_invisible(cp) && separator_end == start) {
      separator_end = pos;
    }
  }
  ByteRanges masked;  // byte ranges to mask
  add_labelled_numbers(text, masked);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::size_t last = i;
    if (runs[i].digits == 4 && i + 2 < runs.size() && runs[i + 1].joined && runs[i + 2].joined &&
        runs[i + 1].digits == 4 && runs[i + 2].digits == 4) {
      last = i + 2;
    } else if (runs[i].digits != 12) {
      continue;
    }
    const std::string_view candidate = text.substr(runs[i].begin, runs[last].end - runs[i].begin);
    if (is_individual_number(without_invisible(candidate)))
      masked.emplace_back(runs[i].begin, runs[last].end);
  }
  if (masked.empty()) return std::string(text);
  return mask_ranges(text, masked);  // windows of 4-4-4-4… may overlap
}

int local_government_code_check_digit(std::string_view five_digits) {
  int sum = 0;
  for (std::size_t i = 0; i < 5; ++i) sum += (five_digits[i] - '0') * static_cast<int>(6 - i);
  return (11 - sum % 11) % 10;
}

ValueVerdict check_local_government_code(std::string_view text) {
  if (text.size() == 6 && is_ascii_digits(text)) return local_government_code_verdict(text);
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; expected 6 digits"};
  const LooseDigits loose = read_loose_digits(text, false);
  if (loose.other_content) {
    return {ValueStatus::invalid_format, {}, "not a local government code: expected 6 digits"};
  }
  if (loose.digits.size() == 6) {
    ValueVerdict check = local_government_code_verdict(loose.digits);
    if (!check.ok()) return check;
    return fixable(loose, "a local government code");
  }
  if (loose.digits.size() == 5 && is_prefecture_code(loose.digits)) {
    std::string six = loose.digits + digit_char(local_government_code_check_digit(loose.digits));
    std::string reason = "5-digit code without its check digit; the 6-digit code is " + six;
    // 11002 may be 110027 (old 5-digit form) or 011002 with its leading 0 lost.
    const std::string zero_padded = "0" + loose.digits;
    if (local_government_code_verdict(zero_padded).ok()) {
      reason += " (or " + zero_padded + " if a leading 0 was lost)";
    }
    return {ValueStatus::invalid_format, std::move(six), std::move(reason)};
  }
  return {ValueStatus::invalid_format, {}, digit_count_reason(loose.digits.size(), 6)};
}

bool is_postal_code(std::string_view text) {
  return text.size() == 7 && is_ascii_digits(text);
}

ValueVerdict check_postal_code(std::string_view text) {
  if (is_postal_code(text)) return {};
  if (text.empty()) return {ValueStatus::invalid_format, {}, "empty; expected 7 digits"};
  const LooseDigits loose = read_loose_digits(text, true);
  if (loose.other_content) {
    return {ValueStatus::invalid_format, {}, "not a postal code: expected 7 digits"};
  }
  if (loose.digits.size() == 7) return fixable(loose, "a postal code");
  std::string reason = digit_count_reason(loose.digits.size(), 7);
  if (loose.digits.size() == 6) reason += " (a leading 0 may have been lost)";
  return {ValueStatus::invalid_format, {}, std::move(reason)};
}

bool is_jis_prefecture_code(std::string_view text) {
  return text.size() == 2 && is_ascii_digits(text) && is_prefecture_code(text);
}

}  // namespace gifkit::grammars
