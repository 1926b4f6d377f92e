// zip_directory.cpp — see zip_directory.hpp. The layouts are PKWARE's
// APPNOTE.TXT (4.3.7 local header, 4.3.12 central header, 4.3.14–16 the zip64
// end records and the end record, 4.5.3 the zip64 extra field).
#include "grammars/io/zip_directory.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "grammars/io/zip_names.hpp"

namespace gifkit::grammars {

namespace {

constexpr std::size_t kEndSize = 22;       // the end of central directory record
constexpr std::size_t kLocatorSize = 20;   // the zip64 end locator
constexpr std::size_t kZip64EndSize = 56;  // the zip64 end record
constexpr std::size_t kCentralSize = 46;   // a central header before its name
constexpr std::size_t kLocalSize = 30;     // a local header before its name
constexpr std::uint32_t kMax32 = 0xFFFFFFFFu;

[[noreturn]] void refuse(const char* reason) {
  throw ZipFormatError(reason);
}

std::uint64_t little(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t value = 0;
  for (int k = width - 1; k >= 0; --k)
    value = value << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(k)]);
  return value;
}

std::string read_at(std::FILE* file, std::uint64_t offset, std::uint64_t size) {
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (fseeko(file, static_cast<off_t>(offset), SEEK_SET) != 0 ||
      std::fread(bytes.data(), 1, bytes.size(), file) != bytes.size())
    refuse("Premature end of file");
  return bytes;
}

struct EndRecord {
  std::uint64_t count = 0;
  std::uint64_t directory_size = 0;
  std::uint64_t directory_offset = 0;
  std::uint64_t directory_limit = 0;  // where the directory must end by
};

// A 32-bit field of the end record that a zip64 value replaces when it is all ones.
std::uint64_t widened(std::uint64_t narrow, std::uint64_t all_ones, std::uint64_t wide) {
  if (narrow == all_ones) return wide;
  if (narrow != wide) refuse("Zip archive inconsistent");
  return narrow;
}

EndRecord read_end(std::FILE* file, std::uint64_t file_size, std::string_view tail,
                   std::uint64_t tail_offset, std::size_t at) {
  const std::string_view end = tail.substr(at, kEndSize);
  if (little(end, 4, 2) != 0 || little(end, 6, 2) != 0 || little(end, 8, 2) != little(end, 10, 2))
    refuse("Multi-disk zip archives not supported");
  if (tail_offset + at + kEndSize + little(end, 20, 2) != file_size)
    refuse("Zip archive inconsistent");  // the comment does not end the file
  EndRecord record{little(end, 10, 2), little(end, 12, 4), little(end, 16, 4), tail_offset + at};
  if (at >= kLocatorSize && tail.substr(at - kLocatorSize, 4) == "PK\x06\x07") {
    const std::string_view locator = tail.substr(at - kLocatorSize, kLocatorSize);
    const std::uint64_t zip64_offset = little(locator, 8, 8);
    if (zip64_offset > record.directory_limit - kLocatorSize - kZip64EndSize)
      refuse("Zip archive inconsistent");
    const std::string zip64 = read_at(file, zip64_offset, kZip64EndSize);
    if (zip64.compare(0, 4, "PK\x06\x06") != 0) refuse("Zip archive inconsistent");
    if (little(zip64, 16, 4) != 0 || little(zip64, 20, 4) != 0 ||
        little(zip64, 24, 8) != little(zip64, 32, 8))
      refuse("Multi-disk zip archives not supported");
    record.count = widened(record.count, 0xFFFF, little(zip64, 32, 8));
    record.directory_size = widened(record.directory_size, kMax32, little(zip64, 40, 8));
    record.directory_offset = widened(record.directory_offset, kMax32, little(zip64, 48, 8));
    record.directory_limit = zip64_offset;
  }
  if (record.directory_offset > record.directory_limit ||
      record.directory_size > record.directory_limit - record.directory_offset)
    refuse("Zip archive inconsistent");
  if (record.count > record.directory_size / kCentralSize) refuse("Zip archive inconsistent");
  return record;
}

// Fills the sizes and offset that the entry's zip64 field carries (those all ones).
void apply_zip64(std::string_view extra, std::uint64_t& size, std::uint64_t& compressed,
                 std::uint64_t* offset) {
  if (size != kMax32 && compressed != kMax32 && (offset == nullptr || *offset != kMax32)) return;
  const auto field = zip_extra_field(extra, 0x0001);
  if (!field) refuse("Zip archive inconsistent");
  std::size_t at = 0;
  for (std::uint64_t* value : {&size, &compressed, offset}) {
    if (value == nullptr || *value != kMax32) continue;
    if (at + 8 > field->size()) refuse("Zip archive inconsistent");
    *value = little(*field, at, 8);
    at += 8;
  }
}

struct Header {  // what a central and a local header must agree on
  std::uint64_t method, time, crc, compressed, size;
  std::string_view raw_name;
};

void check_local(std::FILE* file, const Header& central, ZipDirectoryEntry& entry,
                 std::uint64_t local_offset, std::uint64_t directory_offset) {
  if (local_offset > directory_offset || directory_offset - local_offset < kLocalSize)
    refuse("Not a zip archive");
  const std::string head = read_at(file, local_offset, kLocalSize);
  if (head.compare(0, 4, "PK\x03\x04") != 0) refuse("Not a zip archive");
  const std::uint64_t name_size = little(head, 26, 2);
  const std::uint64_t extra_size = little(head, 28, 2);
  const std::string rest = read_at(file, local_offset + kLocalSize, name_size + extra_size);
  Header local{little(head, 8, 2),  little(head, 10, 4),
               little(head, 14, 4), little(head, 18, 4),
               little(head, 22, 4), std::string_view(rest).substr(0, name_size)};
  apply_zip64(std::string_view(rest).substr(name_size), local.size, local.compressed, nullptr);
  if (local.method != central.method || local.time != central.time ||
      local.raw_name != central.raw_name)
    refuse("Zip archive inconsistent");
  const bool described_after = (little(head, 6, 2) & 8) != 0;  // a data descriptor follows
  if ((local.crc != central.crc || local.compressed != central.compressed ||
       local.size != central.size) &&
      !(described_after && local.crc == 0 && local.compressed == 0 && local.size == 0))
    refuse("Zip archive inconsistent");
  entry.data_offset = local_offset + kLocalSize + name_size + extra_size;
  if (entry.data_offset > directory_offset ||
      entry.compressed_size > directory_offset - entry.data_offset)
    refuse("Not a zip archive");
}

std::vector<ZipDirectoryEntry> read_entries(std::FILE* file, const EndRecord& end) {
  const std::string directory = read_at(file, end.directory_offset, end.directory_size);
  const std::string_view bytes(directory);
  std::vector<ZipDirectoryEntry> entries;
  entries.reserve(static_cast<std::size_t>(end.count));
  std::unordered_set<std::string> names;
  std::size_t at = 0;
  for (std::uint64_t i = 0; i < end.count; ++i) {
    if (bytes.size() - at < kCentralSize || bytes.substr(at, 4) != "PK\x01\x02")
      refuse("Zip archive inconsistent");
    const std::size_t name_size = little(bytes, at + 28, 2);
    const std::size_t extra_size = little(bytes, at + 30, 2);
    const std::size_t comment_size = little(bytes, at + 32, 2);
    if (bytes.size() - at - kCentralSize < name_size + extra_size + comment_size)
      refuse("Zip archive inconsistent");
    const std::string_view raw_name = bytes.substr(at + kCentralSize, name_size);
    const std::string_view extra = bytes.substr(at + kCentralSize + name_size, extra_size);
    ZipDirectoryEntry entry;
    entry.flags = static_cast<std::uint16_t>(little(bytes, at + 8, 2));
    entry.method = static_cast<std::uint16_t>(little(bytes, at + 10, 2));
    entry.crc = static_cast<std::uint32_t>(little(bytes, at + 16, 4));
    entry.compressed_size = little(bytes, at + 20, 4);
    entry.size = little(bytes, at + 24, 4);
    std::uint64_t local_offset = little(bytes, at + 42, 4);
    if (little(bytes, at + 34, 2) != 0 && little(bytes, at + 34, 2) != 0xFFFF)
      refuse("Multi-disk zip archives not supported");
    apply_zip64(extra, entry.size, entry.compressed_size, &local_offset);
    auto name = zip_entry_name(raw_name, (entry.flags & 0x800) != 0, extra);
    if (!name) refuse("Zip archive inconsistent");
    entry.name = std::move(*name);
    if (!names.insert(entry.name).second) refuse("File already exists");
    const Header central{entry.method, little(bytes, at + 12, 4),
                         entry.crc,    entry.compressed_size,
                         entry.size,   raw_name};
    check_local(file, central, entry, local_offset, end.directory_offset);
    entries.push_back(std::move(entry));
    at += kCentralSize + name_size + extra_size + comment_size;
  }
  if (at != bytes.size()) refuse("Zip archive inconsistent");
  return entries;
}

}  // namespace

std::vector<ZipDirectoryEntry> read_zip_directory(std::FILE* file) {
  if (fseeko(file, 0, SEEK_END) != 0) refuse("Read error");
  const auto file_size = static_cast<std::uint64_t>(ftello(file));
  if (file_size < kEndSize) refuse("Not a zip archive");
  const std::uint64_t tail_size =
      std::min<std::uint64_t>(file_size, kEndSize + 0xFFFF + kLocatorSize);
  const std::uint64_t tail_offset = file_size - tail_size;
  const std::string tail = read_at(file, tail_offset, tail_size);
  std::string reason = "Not a zip archive";  // of the candidate end record nearest the end
  bool tried = false;
  for (std::size_t at = tail.size() - kEndSize + 1; at-- > 0;) {
    if (tail.compare(at, 4, "PK\x05\x06") != 0) continue;
    try {
      return read_entries(file, read_end(file, file_size, tail, tail_offset, at));
    } catch (const ZipFormatError& error) {
      if (!tried) reason = error.what();
      tried = true;
    }
  }
  throw ZipFormatError(reason);
}

}  // namespace gifkit::grammars
