// fuzz_houjin_csv.cpp — libFuzzer target for the 法人番号 CSV readers
// (registries/houjin/import/houjin_csv_rows.hpp): read_houjin_csv_rows, which
// imports the NTA's 30-column bulk and daily diff files (UTF-8 or
// Shift_JIS), and read_houjin_webapi_csv_rows, which imports a Web-API CSV
// answer (a count line, then rows of 23, 28, 29 or 30 columns). The first
// byte picks the reader, the rest is the file (a scratch file: the readers
// take a SourceStream). Invariants (houjin_fuzz_support.hpp): the readers
// throw nothing but RegistryError; every rejected row has a line, a reason
// and the file; what they stored is what they counted; a one-part Web-API
// answer read to the end holds as many rows as its count line says.
// room: houjin
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "fuzz/houjin_fuzz_support.hpp"
#include "registries/houjin/import/houjin_csv_rows.hpp"

namespace h = gifkit::registries::houjin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static gifkit::fuzz::HoujinScratchRegistry registry;
  static const gifkit::fuzz::ScratchFile scratch(".csv");
  const bool webapi = (data[0] & 1) != 0;
  const std::string& path = scratch.write(gifkit::fuzz::as_text(data + 1, size - 1));
  if (webapi) {
    registry.read_rolled_back(path, "houjin-webapi-csv", h::read_houjin_webapi_csv_rows);
  } else {
    registry.read_rolled_back(
        path, "houjin-csv", [](gifkit::registries::SourceStream& source, h::HoujinRowStore& store) {
          h::read_houjin_csv_rows(source, store);
          return h::AnswerHeader{};
        });
  }
  return 0;
}
