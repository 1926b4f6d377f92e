// sha256_fips.hpp — SHA-256 written from FIPS 180-4 (section 6.2), gifkit's
// own: the browser build's hash (no OpenSSL there), compiled natively too so
// that the tests hold it to the standard's vectors and to OpenSSL.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

namespace gifkit::grammars {

class Sha256Fips {
 public:
  using Digest = std::array<unsigned char, 32>;
  // Hashes size more bytes of the message.
  void update(const unsigned char* data, std::size_t size);
  // The digest of all the bytes given; the hasher is spent after.
  Digest finish();

 private:
  void compress(const unsigned char* block);
  std::array<std::uint32_t, 8> hash_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  std::size_t block_used_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed
};

}  // namespace gifkit::grammars
