// fuzz_zip_archive.cpp — libFuzzer target for the one zip reader of the
// project (grammars/io/zip_archive.hpp: ZipArchive, ZipEntryStream), through
// which the registries' published sources and xlsx workbooks are read. The
// input is the bytes of a .zip file (written to a scratch file: the reader
// takes a path). Invariants: opening either works or throws ZipError (never
// anything else); every listed entry has a name and is found again by it;
// each of the first entries either cannot be opened (ZipError) or streams
// at most its cap (limit_exceeded() exactly when more was offered), and
// reading it again in other block sizes gives the same bytes.
// room: grammars
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "grammars/io/zip_archive.hpp"

namespace {

namespace g = gifkit::grammars;

// What an entry stream gave: its bytes (up to the cap) and how it ended.
struct StreamRead {
  bool opened = false;
  std::string bytes;
  bool read_failed = false;
  bool limit_exceeded = false;
  std::uint64_t counted = 0;
};

// Reads entry of path through ZipEntryStream in blocks of block bytes.
StreamRead read_entry(const std::string& path, const std::string& entry, std::uint64_t cap,
                      std::size_t block) {
  StreamRead result;
  try {
    g::ZipEntryStream stream(path, entry, cap);
    result.opened = true;
    FUZZ_CHECK(stream.file() != nullptr, "an opened entry without a FILE*");
    FUZZ_CHECK(stream.display_name() == path + ":" + entry,
               "display name " + stream.display_name() + " for " + entry);
    std::vector<char> buffer(block);
    for (;;) {
      const std::size_t got = std::fread(buffer.data(), 1, block, stream.file());
      result.bytes.append(buffer.data(), got);
      if (got < block) break;
    }
    result.read_failed = stream.read_failed();
    result.limit_exceeded = stream.limit_exceeded();
    result.counted = stream.bytes_read();
  } catch (const g::ZipError& error) {
    FUZZ_CHECK(std::string(error.what()).find(path) == 0,
               std::string("a ZipError that does not name the archive: ") + error.what());
  }
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const gifkit::fuzz::ScratchFile scratch(".zip");
  const std::string& path = scratch.write(gifkit::fuzz::as_text(data, size));
  const bool signature = size >= 4 && data[0] == 'P' && data[1] == 'K' &&
                         ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
  FUZZ_CHECK(g::starts_like_zip(path) == signature, "starts_like_zip disagrees with the bytes");

  std::vector<g::ZipEntryInfo> entries;
  try {
    const g::ZipArchive archive(path);
    FUZZ_CHECK(archive.path() == path, "the archive's path changed");
    entries = archive.entries();
    for (const g::ZipEntryInfo& entry : entries) {
      g::ZipEntryInfo found;
      FUZZ_CHECK(archive.find(entry.name, found), "a listed entry is not found: " + entry.name);
      FUZZ_CHECK(found.name == entry.name, "find gave " + found.name + " for " + entry.name);
    }
  } catch (const g::ZipError& error) {
    FUZZ_CHECK(std::string(error.what()).find(path) == 0,
               std::string("a ZipError that does not name the archive: ") + error.what());
    return 0;
  }

  // A small cap, so that a bomb costs little; the cap's size depends on the input.
  const std::uint64_t cap = 1 + (size * 7) % 65536;
  for (std::size_t i = 0; i < entries.size() && i < 4; ++i) {
    const std::string& name = entries[i].name;
    const StreamRead one = read_entry(path, name, cap, 1 + i % 3);
    const StreamRead big = read_entry(path, name, cap, 4096);
    FUZZ_CHECK(one.opened == big.opened, "opening " + name + " depends on the block size");
    if (!one.opened) continue;
    for (const StreamRead* read : {&one, &big}) {
      FUZZ_CHECK(read->bytes.size() <= cap, "an entry streamed " +
                                                std::to_string(read->bytes.size()) +
                                                " bytes past its cap of " + std::to_string(cap));
      FUZZ_CHECK(read->limit_exceeded == (read->counted > cap),
                 "limit_exceeded disagrees with the bytes counted (" +
                     std::to_string(read->counted) + ", cap " + std::to_string(cap) + ")");
      if (!read->read_failed && !read->limit_exceeded) {
        FUZZ_CHECK(read->counted == read->bytes.size(),
                   "bytes_read " + std::to_string(read->counted) + " but " +
                       std::to_string(read->bytes.size()) + " bytes streamed");
      }
    }
    if (!one.read_failed && !big.read_failed && !one.limit_exceeded && !big.limit_exceeded) {
      FUZZ_CHECK(one.bytes == big.bytes, "the bytes of " + name + " depend on the block size");
    }
  }
  return 0;
}
