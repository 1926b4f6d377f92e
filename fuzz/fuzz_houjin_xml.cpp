// fuzz_houjin_xml.cpp — libFuzzer target for the 法人番号 XML reader
// (registries/houjin/houjin_xml.hpp: read_houjin_xml_rows), which imports the
// NTA's bulk and diff XML files and Web-API type=12 answers. The input is the
// XML file (a scratch file: the reader takes a SourceStream); its rows are
// stored by a HoujinRowStore into a registry made once per process (in
// $TMPDIR, else /dev/shm), each input inside its own transaction, rolled
// back afterwards. Invariants: the reader throws nothing but RegistryError
// (NotHoujinSource included); a document with a DOCTYPE or an entity
// declaration (outside comments and CDATA) is never read to the end; what
// it stored is what it counted (corporation_history holds rows() rows of the
// input's provenance, the rejection handler was called rejected() times,
// each with a line and a reason); a one-part answer that returns holds as
// many rows as its <count>.
// room: houjin
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "fuzz/houjin_fuzz_support.hpp"
#include "registries/houjin/import/houjin_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static gifkit::fuzz::HoujinScratchRegistry registry;
  static const gifkit::fuzz::ScratchFile scratch(".xml");
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  const std::string& path = scratch.write(text);
  const bool read_to_end = registry.read_rolled_back(
      path, "houjin-xml", gifkit::registries::houjin::read_houjin_xml_rows);
  // (Outside comments and CDATA sections, where the words are only text.)
  const bool hidden_text = text.find("<!--") != std::string_view::npos ||
                           text.find("<![CDATA[") != std::string_view::npos;
  if (read_to_end && !hidden_text) {
    FUZZ_CHECK(text.find("<!DOCTYPE") == std::string_view::npos,
               "a document with a DOCTYPE was read");
    FUZZ_CHECK(text.find("<!ENTITY") == std::string_view::npos,
               "a document declaring an entity was read");
  }
  return 0;
}
