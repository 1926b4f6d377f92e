// zip_signature.cpp — zip_archive.hpp's signature test, shared by both of its
// implementations (libzip's and the own reader).
#include "grammars/io/zip_archive.hpp"

#include <fstream>

namespace gifkit::grammars {

bool has_zip_signature(std::string_view head) {
  return head.starts_with(std::string_view("PK\x03\x04", 4)) ||
         head.starts_with(std::string_view("PK\x05\x06", 4));
}

bool starts_like_zip(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char signature[4] = {};
  in.read(signature, 4);
  return has_zip_signature(std::string_view(signature, static_cast<std::size_t>(in.gcount())));
}

}  // namespace gifkit::grammars
