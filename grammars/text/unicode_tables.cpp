// unicode_tables.cpp — see unicode_tables.hpp. The ranges and decompositions
// are searched in order; the compositions and the code points that may change
// under NFC are gathered from them once, on first use.
#include "grammars/text/unicode_tables.hpp"

#include <algorithm>
#include <bitset>
#include <memory>
#include <utility>
#include <vector>

#include "grammars/text/text_units.hpp"
#include "grammars/text/unicode_tables_data.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars::unicode_tables {
namespace {

// Hangul syllables (Unicode §3.12).
constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulLast = 0xD7A3;
constexpr char32_t kLeadFirst = 0x1100;
constexpr char32_t kVowelFirst = 0x1161;
constexpr char32_t kTrailBase = 0x11A7;  // one before the first trailing consonant
constexpr char32_t kLeadCount = 19;
constexpr char32_t kVowelCount = 21;
constexpr char32_t kTrailCount = 28;
constexpr char32_t kSyllablesPerLead = kVowelCount * kTrailCount;

bool in_ranges(std::span<const CodePointRange> ranges, char32_t cp) {
  auto it =
      std::upper_bound(ranges.begin(), ranges.end(), cp,
                       [](char32_t value, const CodePointRange& r) { return value < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->last;
}

const Decomposition* find_decomposition(char32_t cp) {
  auto it =
      std::lower_bound(kDecompositions.begin(), kDecompositions.end(), cp,
                       [](const Decomposition& d, char32_t value) { return d.code_point < value; });
  return it != kDecompositions.end() && it->code_point == cp ? &*it : nullptr;
}

std::uint64_t pair_key(char32_t first, char32_t second) {
  return (static_cast<std::uint64_t>(first) << 21) | second;
}

// What the tables say, gathered for quick answers: a bit a code point.
struct Lookups {
  std::vector<std::pair<std::uint64_t, char32_t>> pairs;  // the compositions, sorted by key
  std::bitset<0x110000> may_change;  // ccc ≠ 0, the second of a pair, or NFC maps it away
  std::bitset<0x110000> decomposes;  // listed in kDecompositions
  std::bitset<0x110000> has_class;   // ccc ≠ 0
};

const Lookups& lookups() {
  static const std::unique_ptr<Lookups> made = [] {
    auto c = std::make_unique<Lookups>();
    for (const CombiningClassRange& r : kCombiningClasses) {
      for (char32_t cp = r.first; cp <= r.last; ++cp) {
        c->may_change.set(cp);
        c->has_class.set(cp);
      }
    }
    for (const Decomposition& d : kDecompositions) {
      c->decomposes.set(d.code_point);
      if (d.composes) {
        c->pairs.emplace_back(pair_key(d.first, d.second), d.code_point);
        c->may_change.set(d.second);
      } else {
        c->may_change.set(d.code_point);
      }
    }
    for (char32_t cp = kVowelFirst; cp < kVowelFirst + kVowelCount; ++cp) c->may_change.set(cp);
    for (char32_t cp = kTrailBase + 1; cp < kTrailBase + kTrailCount; ++cp) c->may_change.set(cp);
    std::sort(c->pairs.begin(), c->pairs.end());
    return c;
  }();
  return *made;
}

char32_t compose_pair(char32_t first, char32_t second) {
  if (first >= kLeadFirst && first < kLeadFirst + kLeadCount && second >= kVowelFirst &&
      second < kVowelFirst + kVowelCount)
    return kHangulFirst +
           ((first - kLeadFirst) * kVowelCount + (second - kVowelFirst)) * kTrailCount;
  if (first >= kHangulFirst && first <= kHangulLast && (first - kHangulFirst) % kTrailCount == 0 &&
      second > kTrailBase && second < kTrailBase + kTrailCount)
    return first + (second - kTrailBase);
  const auto& pairs = lookups().pairs;
  const std::uint64_t key = pair_key(first, second);
  auto it = std::lower_bound(pairs.begin(), pairs.end(), std::make_pair(key, char32_t{0}));
  return it != pairs.end() && it->first == key ? it->second : 0;
}

void decompose(char32_t cp, std::u32string& out) {
  if (cp >= kHangulFirst && cp <= kHangulLast) {
    const char32_t index = cp - kHangulFirst;
    out += kLeadFirst + index / kSyllablesPerLead;
    out += kVowelFirst + (index % kSyllablesPerLead) / kTrailCount;
    if (index % kTrailCount != 0) out += kTrailBase + index % kTrailCount;
    return;
  }
  const Decomposition* d = lookups().decomposes.test(cp) ? find_decomposition(cp) : nullptr;
  if (d == nullptr) {
    out += cp;
    return;
  }
  decompose(d->first, out);
  if (d->second != 0) decompose(d->second, out);
}

// The marks of each run of non-starters sorted by class, stably, in text
// from its index from on.
void reorder(std::u32string& text, std::size_t from) {
  for (std::size_t i = from + 1; i < text.size(); ++i) {
    const std::uint8_t ccc = combining_class(text[i]);
    if (ccc == 0) continue;
    for (std::size_t j = i; j > from && combining_class(text[j - 1]) > ccc; --j)
      std::swap(text[j - 1], text[j]);
  }
}

// Canonical composition (Unicode §3.11) of the NFD text from index from on.
void compose(std::u32string& text, std::size_t from) {
  if (from >= text.size()) return;
  std::size_t starter_at = from;
  char32_t starter = text[from];
  int last_class = combining_class(starter) == 0 ? 0 : 256;
  std::size_t kept = from + 1;
  for (std::size_t i = from + 1; i < text.size(); ++i) {
    const char32_t cp = text[i];
    const int cp_class = combining_class(cp);
    // Only a code point that may change under NFC is the second of a pair.
    const char32_t composite = lookups().may_change.test(cp) ? compose_pair(starter, cp) : 0;
    if (composite != 0 && (last_class < cp_class || last_class == 0)) {
      text[starter_at] = composite;
      starter = composite;
      continue;
    }
    if (cp_class == 0) {
      starter_at = kept;
      starter = cp;
    }
    last_class = cp_class;
    text[kept++] = cp;
  }
  text.resize(kept);
}

std::u32string decode(std::string_view utf8) {
  std::u32string text;
  text.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) text += decode_utf8(utf8, pos);
  return text;
}

// True when no code point of the text can change under safe NFC: each is a
// starter that NFC keeps and that composes with nothing before it.
bool quickly_safe_nfc(std::string_view valid_utf8) {
  const Lookups& c = lookups();
  for (std::size_t pos = 0; pos < valid_utf8.size();) {
    if (static_cast<unsigned char>(valid_utf8[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const char32_t cp = decode_utf8(valid_utf8, pos);
    if (c.may_change.test(cp) && !is_cjk_compatibility_ideograph(cp)) return false;
  }
  return true;
}

}  // namespace

bool is_mark(char32_t cp) {
  return cp >= 0x300 && in_ranges(kMarkRanges, cp);
}

bool is_hiragana(char32_t cp) {
  return cp >= 0x3041 && in_ranges(kHiraganaRanges, cp);
}

std::uint8_t combining_class(char32_t cp) {
  if (cp < 0x300 || !lookups().has_class.test(cp)) return 0;
  auto it = std::upper_bound(
      kCombiningClasses.begin(), kCombiningClasses.end(), cp,
      [](char32_t value, const CombiningClassRange& r) { return value < r.first; });
  if (it == kCombiningClasses.begin() || cp > std::prev(it)->last) return 0;
  return std::prev(it)->combining_class;
}

std::u32string nfd(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size() + 8);
  for (char32_t cp : text) decompose(cp, out);
  reorder(out, 0);
  return out;
}

std::u32string nfc(std::u32string_view text, bool keep_compatibility_ideographs) {
  auto kept = [keep_compatibility_ideographs](char32_t cp) {
    return keep_compatibility_ideographs && is_cjk_compatibility_ideograph(cp);
  };
  std::u32string out;
  out.reserve(text.size() + 8);
  // Each run of kept ideographs copied, each run between them normalized alone.
  for (std::size_t from = 0; from < text.size();) {
    const bool keep = kept(text[from]);
    std::size_t to = from;
    while (to < text.size() && kept(text[to]) == keep) ++to;
    if (keep) {
      out.append(text.data() + from, to - from);
    } else {
      const std::size_t start = out.size();
      for (std::size_t i = from; i < to; ++i) decompose(text[i], out);
      reorder(out, start);
      compose(out, start);
    }
    from = to;
  }
  return out;
}

bool is_safe_nfc(std::string_view valid_utf8) {
  if (quickly_safe_nfc(valid_utf8)) return true;
  const std::u32string text = decode(valid_utf8);
  return nfc(text, true) == text;
}

std::string safe_nfc(std::string_view valid_utf8) {
  if (quickly_safe_nfc(valid_utf8)) return std::string(valid_utf8);
  return utf8_of(nfc(decode(valid_utf8), true));
}

}  // namespace gifkit::grammars::unicode_tables
