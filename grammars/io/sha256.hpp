// sha256.hpp — SHA-256, the one hash of the project (the registries' source
// checksums, the 法人番号 rows' fingerprints, the findings' fingerprints of
// gitlab/sarif reports): OpenSSL's EVP natively (fast), sha256_fips.hpp in the
// browser build (GIFKIT_BROWSER_BUILD), the only file that includes OpenSSL.
#pragma once
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace gifkit::grammars {

// A streaming hasher: update with the bytes in any pieces, then finish once.
class Sha256 {
 public:
  using Digest = std::array<unsigned char, 32>;
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The digest of bytes, and as 64 lower-case hex digits.
Sha256::Digest sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);
std::string hex_digest(const Sha256::Digest& digest);

}  // namespace gifkit::grammars
