// sha256_test.cpp — SHA-256 (sha256.hpp, OpenSSL natively) and gifkit's own
// (sha256_fips.hpp, the browser build's) on FIPS 180-4's examples and one
// million 'a', streamed in pieces of every size, and equal on real files.
// room: grammars
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "grammars/io/sha256.hpp"
#include "grammars/io/sha256_fips.hpp"

using namespace gifkit::grammars;
namespace fs = std::filesystem;

namespace {

std::string fips_hex(std::string_view bytes, std::size_t piece = 0) {
  Sha256Fips hasher;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (piece == 0) piece = bytes.size() + 1;
  for (std::size_t at = 0; at < bytes.size(); at += piece)
    hasher.update(data + at, std::min(piece, bytes.size() - at));
  return hex_digest(hasher.finish());
}

}  // namespace

TEST_CASE("sha256-1 FIPS 180-4 examples, both implementations", "[sha256]") {
  const std::string million(1000000, 'a');
  const std::pair<std::string, std::string> vectors[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
       "opqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {million, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& [message, digest] : vectors) {
    INFO(message.size() << " bytes");
    CHECK(sha256_hex(message) == digest);
    CHECK(fips_hex(message) == digest);
    Sha256 streamed;
    for (std::size_t at = 0; at < message.size(); at += 7919)
      streamed.update(std::string_view(message).substr(at, 7919));
    CHECK(hex_digest(streamed.finish()) == digest);
  }
  // Every length around the block and padding edges, in pieces of every size.
  std::string text;
  for (int n = 0; n < 200; ++n) {
    const std::string reference = sha256_hex(text);
    for (std::size_t piece : {1, 3, 55, 56, 63, 64, 65}) CHECK(fips_hex(text, piece) == reference);
    text += static_cast<char>('A' + n % 26);
  }
}

TEST_CASE("sha256-2 the own SHA-256 equals OpenSSL's on the real data's files", "[sha256]") {
  const fs::path data = GIFKIT_TEST_DATA_DIR;
  if (!fs::exists(data)) {
    WARN("no real data at " << data.string() << ": skipped");
    return;
  }
  int files = 0;
  for (const auto& item : fs::recursive_directory_iterator(data)) {
    if (!item.is_regular_file() || item.file_size() > (std::uintmax_t{40} << 20)) continue;
    std::ifstream in(item.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(item.path().string());
    CHECK(fips_hex(bytes, 65536) == sha256_hex(bytes));
    ++files;
  }
  CHECK(files > 100);
}
