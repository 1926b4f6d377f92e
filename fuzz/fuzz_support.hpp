// fuzz_support.hpp — helpers shared by the fuzz targets in fuzz/: an invariant
// check that aborts with a message (so libFuzzer and the replay smoke test
// both report it as a crash), an independent UTF-8 validator (so the targets
// do not trust the code they test), and a per-process scratch file for the
// targets that must hand the library a path.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// Aborts with the failed condition and a description when cond is false.
#define FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n  %s\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                               \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace gifkit::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Strict UTF-8 (RFC 3629, Table 3-7 of the Unicode standard): no overlongs,
// no surrogates, nothing above U+10FFFF, no truncated sequences. Written
// byte range by byte range, independently of grammars/text/utf8.cpp.
inline bool is_valid_utf8(std::string_view text) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  auto in = [&](std::size_t at, unsigned lo, unsigned hi) {
    return at < n && b[at] >= lo && b[at] <= hi;
  };
  while (i < n) {
    const unsigned lead = b[i];
    if (lead <= 0x7F) {
      i += 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      if (!in(i + 1, 0x80, 0xBF)) return false;
      i += 2;
    } else if (lead == 0xE0) {
      if (!in(i + 1, 0xA0, 0xBF) || !in(i + 2, 0x80, 0xBF)) return false;
      i += 3;
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
      if (!in(i + 1, 0x80, 0xBF) || !in(i + 2, 0x80, 0xBF)) return false;
      i += 3;
    } else if (lead == 0xED) {
      if (!in(i + 1, 0x80, 0x9F) || !in(i + 2, 0x80, 0xBF)) return false;
      i += 3;
    } else if (lead == 0xF0) {
      if (!in(i + 1, 0x90, 0xBF) || !in(i + 2, 0x80, 0xBF) || !in(i + 3, 0x80, 0xBF)) return false;
      i += 4;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      if (!in(i + 1, 0x80, 0xBF) || !in(i + 2, 0x80, 0xBF) || !in(i + 3, 0x80, 0xBF)) return false;
      i += 4;
    } else if (lead == 0xF4) {
      if (!in(i + 1, 0x80, 0x8F) || !in(i + 2, 0x80, 0xBF) || !in(i + 3, 0x80, 0xBF)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// The bytes as "41 E3 81 82" for invariant messages (at most 64 bytes).
inline std::string hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 64; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (i > 0) out += ' ';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  if (bytes.size() > 64) out += " ...";
  return out;
}

// A scratch file for this process (one per suffix), rewritten for every
// input and removed when the process exits.
class ScratchFile {
 public:
  // In $TMPDIR if set, else in /dev/shm when there is one: rewriting a file
  // on ext4 (truncate and close) costs a write-back each time, which made
  // fuzz_model_xml nine times slower in /tmp.
  explicit ScratchFile(const std::string& suffix) {
    const char* dir = std::getenv("TMPDIR");
    std::string directory = dir != nullptr && *dir != '\0' ? dir : "";
    if (directory.empty()) directory = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    path_ = directory + "/gifkit-fuzz-" + std::to_string(::getpid()) + suffix;
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's content; aborts when it cannot (a broken setup, not a finding).
  const std::string& write(std::string_view bytes) const {
    std::FILE* file = std::fopen(path_.c_str(), "wb");
    FUZZ_CHECK(file != nullptr, "cannot create " + path_);
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    FUZZ_CHECK(std::fclose(file) == 0 && written, "cannot write " + path_);
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace gifkit::fuzz
