// zip_reader_test.cpp — gifkit's own zip reader (zip_directory, zip_entry_reader,
// inflate: the browser build's, compiled natively too) held to libzip and zlib:
// the same entries and bytes for every zip of the real data, for archives that
// Python's zipfile and libzip write (stored, deflate levels 0–9, empty entries,
// zip64, a data descriptor, names in three encodings); damaged archives (cut,
// bytes flipped, a wrong CRC, lying sizes, bad Huffman codes) refused, never a
// crash nor wrong bytes; the inflater agreeing with zlib on mutated streams.
// room: grammars
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "grammars/io/inflate.hpp"
#include "grammars/io/zip_archive.hpp"
#include "grammars/io/zip_directory.hpp"
#include "grammars/io/zip_entry_reader.hpp"
#include "zip_test_support.hpp"

using namespace gifkit::grammars;
namespace fs = std::filesystem;

namespace {

using zip_test::TempFolder;

struct ReadEntry {
  std::string name;
  std::uint64_t size = 0;
  std::uint64_t compressed_size = 0;
  bool encrypted = false;
  bool failed = false;  // the entry could not be read to its end
  std::string bytes;
  bool operator==(const ReadEntry&) const = default;
};

struct ReadArchive {
  bool opened = false;
  std::string error;  // the reason when not opened
  std::vector<ReadEntry> entries;
};

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Which entries of an archive of count the comparisons read: all, or four
// spread out of a big one (each libzip stream opens the archive anew).
bool to_read(std::size_t index, std::size_t count) {
  return count <= 1000 || index % (count / 4) == 0;
}

// The archive as libzip reads it (zip_archive_libzip.cpp, the native ZipArchive).
ReadArchive read_with_libzip(const fs::path& path) {
  ReadArchive result;
  try {
    const ZipArchive archive(path);
    result.opened = true;
    const auto entries = archive.entries();
    for (const auto& info : entries) {
      ReadEntry entry{info.name, info.size, info.compressed_size, info.encrypted, false, {}};
      if (!info.encrypted && to_read(result.entries.size(), entries.size())) {
        try {
          ZipEntryStream stream(path, info.name);
          char buffer[4096];
          std::size_t got = 0;
          while ((got = std::fread(buffer, 1, sizeof buffer, stream.file())) > 0)
            entry.bytes.append(buffer, got);
          entry.failed = stream.read_failed();
        } catch (const ZipError&) {
          entry.failed = true;
        }
      }
      if (entry.failed) entry.bytes.clear();
      result.entries.push_back(std::move(entry));
    }
  } catch (const ZipError& error) {
    result.error = error.what();
  }
  return result;
}

// The archive as the own reader reads it, block bytes at a time.
ReadArchive read_with_own(const fs::path& path, std::size_t block = 4096) {
  ReadArchive result;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  REQUIRE(file != nullptr);
  std::vector<ZipDirectoryEntry> directory;
  try {
    directory = read_zip_directory(file);
    result.opened = true;
  } catch (const ZipFormatError& error) {
    result.error = error.what();
  }
  std::fclose(file);
  std::vector<unsigned char> buffer(block);
  for (const auto& found : directory) {
    ReadEntry entry{found.name, found.size, found.compressed_size, found.encrypted(), false, {}};
    if (!found.encrypted() && to_read(result.entries.size(), directory.size())) {
      try {
        ZipEntryReader reader(path, found);
        std::size_t got = 0;
        while ((got = reader.read(buffer.data(), buffer.size())) > 0)
          entry.bytes.append(reinterpret_cast<const char*>(buffer.data()), got);
      } catch (const ZipFormatError&) {
        entry.failed = true;
        entry.bytes.clear();
      }
    }
    result.entries.push_back(std::move(entry));
  }
  return result;
}

// Both readers read path alike: opened or not, the same entries, the same bytes.
void check_same(const fs::path& path, std::size_t block = 4096) {
  INFO(path.string());
  const ReadArchive libzip = read_with_libzip(path);
  const ReadArchive own = read_with_own(path, block);
  INFO("libzip: " << libzip.error << "; own: " << own.error);
  REQUIRE(own.opened == libzip.opened);
  REQUIRE(own.entries.size() == libzip.entries.size());
  for (std::size_t i = 0; i < own.entries.size(); ++i) {
    INFO(libzip.entries[i].name);
    CHECK(own.entries[i].name == libzip.entries[i].name);
    CHECK(own.entries[i].size == libzip.entries[i].size);
    CHECK(own.entries[i].compressed_size == libzip.entries[i].compressed_size);
    CHECK(own.entries[i].encrypted == libzip.entries[i].encrypted);
    CHECK(own.entries[i].failed == libzip.entries[i].failed);
    CHECK((own.entries[i].bytes == libzip.entries[i].bytes));
  }
}

// What the damaged copy of an archive yields through the own reader: a refusal,
// entries that fail, or the original's bytes, never other bytes.
void check_refused_or_intact(const fs::path& damaged, const ReadArchive& original) {
  const ReadArchive own = read_with_own(damaged);
  if (!own.opened) return;
  for (const auto& entry : own.entries) {
    if (entry.failed || entry.encrypted) continue;
    bool intact = false;
    for (const auto& before : original.entries)
      if (before.name == entry.name && before.bytes == entry.bytes) intact = true;
    INFO(damaged.string() << ": " << entry.name);
    CHECK(intact);
  }
}

std::vector<fs::path> archives_under(const fs::path& folder) {
  std::vector<fs::path> found;
  for (const auto& item : fs::recursive_directory_iterator(folder)) {
    const std::string extension = item.path().extension().string();
    if (item.is_regular_file() && (extension == ".zip" || extension == ".xlsx"))
      found.push_back(item.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

// A small archive written by libzip: three entries of different kinds.
fs::path small_archive(const TempFolder& folder) {
  std::string rows;
  for (int i = 0; i < 300; ++i) rows += std::to_string(i * 7919 % 1000) + ",和歌山県\n";
  const fs::path path = folder.path / "small.zip";
  zip_test::write_zip(path, {{"rows.csv", rows}, {"empty", ""}, {"x.xml", "<a><b/></a>"}});
  return path;
}

}  // namespace

TEST_CASE("zip-reader-1 the real data's archives read alike by libzip and the own reader",
          "[zip]") {
  const fs::path data = GIFKIT_TEST_DATA_DIR;
  if (!fs::exists(data)) {
    WARN("no real data at " << data.string() << ": skipped");
    return;
  }
  const auto archives = archives_under(data);
  REQUIRE(archives.size() >= 20);
  for (const auto& path : archives) check_same(path, 65536);
  check_same(archives.front(), 1);  // a byte at a time
}

TEST_CASE("zip-reader-2 archives of Python's zipfile and libzip read alike", "[zip]") {
  TempFolder folder;
  const std::string script = std::string(GIFKIT_TEST_FIXTURES_DIR) + "/zip/make_test_zips.py";
  REQUIRE(std::system(("python3 '" + script + "' '" + folder.path.string() + "'").c_str()) == 0);
  const auto archives = archives_under(folder.path);
  REQUIRE(archives.size() == 17);
  for (const auto& path : archives) check_same(path);
  const ReadArchive names = read_with_own(folder.path / "names.zip");
  REQUIRE(names.entries.size() == 3);
  CHECK(names.entries[0].name == "日本語/住所.csv");
  CHECK(names.entries[1].name == "café.txt");
  CHECK(names.entries[2].name == "\xC3\xB4\xC2\xB7\xC3\xBB{.csv");  // Shift_JIS read as cp437
  CHECK(read_with_own(folder.path / "many_entries.zip").entries.size() == 70000);
  CHECK(read_with_own(folder.path / "empty.zip").opened);
  CHECK(read_with_own(folder.path / "prefixed.zip").entries.at(0).bytes.size() == 5000);
  check_same(folder.path / "deflate6.zip", 7);  // odd blocks

  zip_test::write_zip(folder.path / "libzip.zip",
                      {{"a", "alpha"}, {"dir/", ""}, {"big", std::string(300000, 'q')}});
  zip_test::write_zip(folder.path / "locked.zip", {{"secret.xml", "<x/>"}}, "password");
  check_same(folder.path / "libzip.zip");
  check_same(folder.path / "locked.zip");
  CHECK(read_with_own(folder.path / "locked.zip").entries.at(0).encrypted);
}

TEST_CASE("zip-reader-3 cut archives and flipped bytes: refused, or the original bytes", "[zip]") {
  TempFolder folder;
  const fs::path path = small_archive(folder);
  const std::string bytes = file_bytes(path);
  const ReadArchive original = read_with_own(path);
  REQUIRE(original.opened);
  const fs::path damaged = folder.path / "damaged.zip";
  for (std::size_t cut = 0; cut < bytes.size(); cut += 13) {
    write_bytes(damaged, bytes.substr(0, cut));
    INFO("cut at " << cut);
    CHECK_FALSE(read_with_own(damaged).opened);
    CHECK_FALSE(read_with_libzip(damaged).opened);
  }
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
    write_bytes(damaged, flipped);
    INFO("flipped at " << at);
    check_refused_or_intact(damaged, original);
  }
}

using zip_test::patch_headers;

TEST_CASE("zip-reader-4 a wrong CRC fails the entry, lying sizes are read as libzip reads them",
          "[zip]") {
  TempFolder folder;
  const fs::path path = small_archive(folder);
  const fs::path bad_crc = folder.path / "crc.zip";
  fs::copy_file(path, bad_crc);
  patch_headers(bad_crc, "rows.csv", 14, 16, 0x12345678);
  check_same(bad_crc);
  CHECK(read_with_own(bad_crc).entries.at(0).failed);
  std::FILE* file = std::fopen(bad_crc.c_str(), "rb");
  const auto directory = read_zip_directory(file);
  std::fclose(file);
  ZipEntryReader reader(bad_crc, directory.at(0));
  std::vector<unsigned char> buffer(1 << 16);
  while (true) {
    try {
      if (reader.read(buffer.data(), buffer.size()) == 0) FAIL("no CRC error");
    } catch (const ZipFormatError& error) {
      CHECK(std::string(error.what()) == "CRC error");
      break;
    }
  }
  // A size that lies, the CRC right: libzip yields the bytes (the caller's cap counts
  // them as they come, zip_own_test.cpp), and so does the own reader.
  const ReadArchive original = read_with_own(path);
  for (const std::uint32_t size : {100u, 5000u, 0xFFFFFFF0u}) {
    const fs::path lying = folder.path / ("size" + std::to_string(size) + ".zip");
    fs::copy_file(path, lying);
    patch_headers(lying, "rows.csv", 22, 24, size);
    check_same(lying);
    const ReadArchive own = read_with_own(lying);
    REQUIRE(own.opened);
    CHECK(own.entries.at(0).size == size);
    CHECK((own.entries.at(0).bytes == original.entries.at(0).bytes));
  }
  const fs::path lying_compressed = folder.path / "compressed.zip";  // reaches into the directory
  fs::copy_file(path, lying_compressed);
  patch_headers(lying_compressed, "rows.csv", 18, 20, 1 << 20);
  check_same(lying_compressed);
  CHECK_FALSE(read_with_own(lying_compressed).opened);
}

namespace {

// Bits written first-lowest, as DEFLATE packs them.
struct BitWriter {
  std::string bytes;
  int used = 8;
  void put(std::uint32_t value, int count) {
    for (int k = 0; k < count; ++k) {
      if (used == 8) {
        bytes += '\0';
        used = 0;
      }
      bytes.back() = static_cast<char>(bytes.back() | (((value >> k) & 1) << used++));
    }
  }
  // A Huffman code goes most significant bit first.
  void put_code(std::uint32_t code, int length) {
    for (int k = length - 1; k >= 0; --k) put((code >> k) & 1, 1);
  }
};

struct Inflated {
  bool ok = false;
  std::string bytes;
};

Inflated inflate_own(const std::string& stream, std::size_t block = 4096) {
  std::size_t at = 0;
  Inflater inflater([&](unsigned char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, stream.size() - at);
    std::memcpy(buffer, stream.data() + at, n);
    at += n;
    return n;
  });
  Inflated result;
  std::vector<unsigned char> out(block);
  try {
    while (std::size_t got = inflater.read(out.data(), out.size()))
      result.bytes.append(reinterpret_cast<const char*>(out.data()), got);
    result.ok = true;
  } catch (const InflateError&) {
  }
  return result;
}

Inflated inflate_zlib(const std::string& stream) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, -15) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stream.data()));
  z.avail_in = static_cast<uInt>(stream.size());
  Inflated result;
  std::vector<unsigned char> out(1 << 16);
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    status = inflate(&z, Z_NO_FLUSH);
    result.bytes.append(reinterpret_cast<const char*>(out.data()), out.size() - z.avail_out);
    if (status == Z_BUF_ERROR || (status == Z_OK && z.avail_in == 0 && z.avail_out != 0)) break;
  }
  result.ok = status == Z_STREAM_END;
  inflateEnd(&z);
  return result;
}

std::string deflate_zlib(const std::string& text, int level) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

TEST_CASE("zip-reader-5 bad Huffman codes and blocks: InflateError", "[zip][inflate]") {
  CHECK_FALSE(inflate_own(std::string(1, '\x07')).ok);                       // block type 3
  CHECK_FALSE(inflate_own(std::string("\x01\x05\x00\x00\x00", 5)).ok);       // LEN, NLEN disagree
  CHECK(inflate_own(std::string("\x01\x01\x00\xFE\xFFz", 6)).bytes == "z");  // the same, agreeing
  {
    BitWriter w;  // a dynamic block whose code-length code is over-subscribed
    w.put(1, 1);
    w.put(2, 2);
    w.put(0, 5);
    w.put(0, 5);
    w.put(15, 4);
    for (int i = 0; i < 19; ++i) w.put(1, 3);
    CHECK_FALSE(inflate_own(w.bytes).ok);
    CHECK_FALSE(inflate_zlib(w.bytes).ok);
  }
  {
    BitWriter w;  // fixed codes: a match of distance 1 before any byte
    w.put(1, 1);
    w.put(1, 2);
    w.put_code(1, 7);  // length symbol 257: 3
    w.put_code(0, 5);  // distance 1
    w.put_code(0, 7);  // end of block
    CHECK_FALSE(inflate_own(w.bytes).ok);
    CHECK_FALSE(inflate_zlib(w.bytes).ok);
  }
  {
    BitWriter w;  // fixed codes: distance symbol 30, which does not exist
    w.put(1, 1);
    w.put(1, 2);
    w.put_code(0x30 + 'a', 8);
    w.put_code(1, 7);
    w.put_code(30, 5);
    w.put_code(0, 7);
    CHECK_FALSE(inflate_own(w.bytes).ok);
    CHECK_FALSE(inflate_zlib(w.bytes).ok);
  }
  {
    BitWriter w;  // fixed codes: "a", then the end of the block, which is "a"
    w.put(1, 1);
    w.put(1, 2);
    w.put_code(0x30 + 'a', 8);
    w.put_code(0, 7);
    CHECK(inflate_own(w.bytes).bytes == "a");
    CHECK(inflate_own(w.bytes).ok);
  }
  const std::string stream = deflate_zlib("no end in sight, no end in sight, no end", 9);
  for (std::size_t cut = 0; cut < stream.size(); ++cut)
    CHECK_FALSE(inflate_own(stream.substr(0, cut)).ok);
}

TEST_CASE("zip-reader-6 the inflater agrees with zlib on valid and mutated streams",
          "[zip][inflate]") {
  std::mt19937 random(58);
  std::string text;
  for (int i = 0; i < 4000; ++i)
    text += "row " + std::to_string(random() % 500) + ",和歌山県,御坊市" +
            std::string(random() % 5, 'z') + "\n";
  std::string noise(3000, '\0');
  for (auto& c : noise) c = static_cast<char>(random());
  const std::string inputs[] = {text,
                                noise,
                                text.substr(0, 100) + noise + text,
                                "",
                                "a",
                                "no end in sight, no end in sight, no end",
                                text.substr(0, 300)};  // the short ones in fixed codes
  for (const std::string& input : inputs) {
    for (const int level : {0, 1, 6, 9}) {
      const std::string stream = deflate_zlib(input, level);
      CHECK(inflate_own(stream).ok);
      CHECK(inflate_own(stream).bytes == input);
      CHECK(inflate_own(stream, 1).bytes == input);
      for (int trial = 0; trial < 400; ++trial) {
        std::string mutated = stream;
        const int flips = 1 + static_cast<int>(random() % 3);
        for (int f = 0; f < flips; ++f) {
          const std::size_t at = random() % mutated.size();
          mutated[at] = static_cast<char>(mutated[at] ^ (1 << (random() % 8)));
        }
        const Inflated own = inflate_own(mutated);
        const Inflated zlib = inflate_zlib(mutated);
        INFO("level " << level << ", trial " << trial);
        REQUIRE(own.ok == zlib.ok);
        if (own.ok) REQUIRE((own.bytes == zlib.bytes));
      }
    }
  }
}
