// read_limits.hpp — the caps on what reading one input may cost, so that a
// small hostile file cannot take a process's memory or time: how many bytes
// the parts of a zip (an .xlsx's XML) may inflate to, one part and all of
// them together; how many attributes one XML element may have (libxml2 2.9
// checks an element's attributes for duplicates in quadratic time: 40,000
// attributes cost seconds); and a clock asked while the bytes are read, not
// only between rows. The command line's defaults are here; `gifkit serve`
// derives its own from --max-body. XlsxReader and models' XML parsing apply
// them; a cap reached is a ReadLimitExceeded (a file that cannot be checked:
// exit 2), the clock's no is a ReadStopped.
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace gifkit::grammars {

struct ReadLimits {
  // The command line's defaults (docs/validate.md).
  static constexpr std::uint64_t kDefaultMaxPartBytes = std::uint64_t{256} << 20;
  static constexpr std::uint64_t kTotalPerPartCap = 2;  // all parts together: twice one part's cap
  static constexpr std::uint32_t kDefaultMaxAttributes = 1000;

  // The most one zip part may inflate to.
  std::uint64_t max_part_bytes = kDefaultMaxPartBytes;
  // The most all the parts read from one archive may inflate to together.
  std::uint64_t max_total_bytes = kTotalPerPartCap * kDefaultMaxPartBytes;
  // The most attributes (namespace declarations included) one element may have.
  std::uint32_t max_attributes = kDefaultMaxAttributes;
  // How to raise each cap: the end of a refusal's message ("raise it with
  // --max-inflated-size MIB"); "" says nothing.
  std::string raise_size_hint;
  std::string raise_attributes_hint;
  // Asked before each block of bytes (a few KiB) is inflated or parsed;
  // false stops the reading with ReadStopped. Empty: always go on.
  std::function<bool()> keep_going;

  // The caps for a cap on one part: the total is kTotalPerPartCap times it.
  static ReadLimits with_part_cap(std::uint64_t part_bytes) {
    ReadLimits limits;
    limits.max_part_bytes = part_bytes;
    limits.max_total_bytes = kTotalPerPartCap * part_bytes;
    return limits;
  }
  // "256 MiB" for a whole number of MiB, else "100000 bytes".
  static std::string size_text(std::uint64_t bytes) {
    if (bytes != 0 && bytes % (std::uint64_t{1} << 20) == 0)
      return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
  }
};

// A cap of ReadLimits refused the input; the message names the file, the part
// or element (and line when known), the cap and how to raise it.
struct ReadLimitExceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ReadLimits::keep_going answered false while the input was read.
struct ReadStopped {};

}  // namespace gifkit::grammars
