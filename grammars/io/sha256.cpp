// sha256.cpp — see sha256.hpp.
#include "grammars/io/sha256.hpp"

#include <stdexcept>

#if GIFKIT_BROWSER_BUILD
#include "grammars/io/sha256_fips.hpp"
#else
#include <openssl/evp.h>
#endif

namespace gifkit::grammars {

#if GIFKIT_BROWSER_BUILD

struct Sha256::State {
  Sha256Fips hasher;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {}

void Sha256::update(std::string_view bytes) {
  state_->hasher.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

Sha256::Digest Sha256::finish() {
  return state_->hasher.finish();
}

Sha256::Digest sha256(std::string_view bytes) {
  Sha256Fips hasher;
  hasher.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hasher.finish();
}

#else

struct Sha256::State {
  EVP_MD_CTX* context = nullptr;
  ~State() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->context = EVP_MD_CTX_new();
  if (state_->context == nullptr || EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is not available");
}

void Sha256::update(std::string_view bytes) {
  EVP_DigestUpdate(state_->context, bytes.data(), bytes.size());
}

Sha256::Digest Sha256::finish() {
  Digest digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->context, digest.data(), &length);
  return digest;
}

Sha256::Digest sha256(std::string_view bytes) {
  Sha256::Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is not available");
  return digest;
}

#endif

Sha256::~Sha256() = default;

std::string hex_digest(const Sha256::Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  return hex_digest(sha256(bytes));
}

}  // namespace gifkit::grammars
