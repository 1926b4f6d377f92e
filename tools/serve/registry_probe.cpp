// registry_probe.cpp — see registry_probe.hpp. The SQLite file format:
// https://www.sqlite.org/fileformat2.html (the header, b-tree pages,
// overflow pages, the freelist).
#include "tools/serve/registry_probe.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace gifkit::tools::serve {

namespace {

std::uint32_t be16(const unsigned char* p) {
  return std::uint32_t{p[0]} << 8 | p[1];
}
std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

struct File {
  int fd = -1;
  ~File() {
    if (fd >= 0) ::close(fd);
  }
  bool read(void* into, std::size_t size, std::uint64_t at) const {
    auto* bytes = static_cast<char*>(into);
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = ::pread(fd, bytes + done, size - done, static_cast<off_t>(at + done));
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
};

struct Layout {
  std::uint32_t page_size = 0;
  std::uint32_t usable = 0;  // page size less the reserved bytes at each page's end
  std::uint32_t pages = 0;
  std::uint32_t freelist_trunk = 0;
  bool auto_vacuum = false;  // pointer-map pages, which hold any bytes
};

// A varint at p (at most 9 bytes, not past end): its value and length, or
// length 0 when it runs past end.
struct Varint {
  std::uint64_t value = 0;
  std::size_t length = 0;
};
Varint varint(const unsigned char* p, const unsigned char* end) {
  Varint v;
  for (std::size_t i = 0; i < 9; ++i) {
    if (p + i >= end) return {};
    if (i == 8) {
      v.value = v.value << 8 | p[i];
      v.length = 9;
      return v;
    }
    v.value = v.value << 7 | (p[i] & 0x7f);
    if ((p[i] & 0x80) == 0) {
      v.length = i + 1;
      return v;
    }
  }
  return v;
}

// The bytes of a record's value of serial type, or -1 for a type no record holds.
std::int64_t serial_size(std::uint64_t type) {
  static constexpr std::int64_t kSizes[] = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1};
  if (type < 12) return kSizes[type];
  return static_cast<std::int64_t>((type - 12) / 2);
}

// Why the cell at offset cell of a b-tree page of type looks like no cell
// of a healthy file ("" when it looks like one): its child page, its
// payload's size, where its payload ends, its overflow page, and (a payload
// wholly on the page) the record's header against its size.
std::string cell_damage(const unsigned char* page, std::uint32_t cell, unsigned type,
                        const Layout& layout) {
  const unsigned char* at = page + cell;
  const unsigned char* end = page + layout.usable;
  if (type == 2 || type == 5) {  // interior: the left child first
    if (at + 4 > end) return "a cell that runs past the page";
    const std::uint32_t child = be32(at);
    if (child == 0 || child > layout.pages)
      return "a cell whose child is page " + std::to_string(child);
    at += 4;
    if (type == 5) return varint(at, end).length == 0 ? "a cell that runs past the page" : "";
  }
  const Varint payload = varint(at, end);
  if (payload.length == 0) return "a cell that runs past the page";
  at += payload.length;
  if (type == 13) {
    const Varint rowid = varint(at, end);
    if (rowid.length == 0) return "a cell that runs past the page";
    at += rowid.length;
  }
  // How much of the payload is on the page (the file format's rule).
  const std::uint64_t usable = layout.usable;
  const std::uint64_t most = type == 13 ? usable - 35 : (usable - 12) * 64 / 255 - 23;
  if (payload.value <= most) {
    if (payload.value > static_cast<std::uint64_t>(end - at)) {
      return "a cell whose payload runs past the page";
    }
    const Varint header = varint(at, end);
    if (header.length == 0 || header.value < header.length || header.value > payload.value) {
      return "a cell whose record header does not fit its payload";
    }
    std::uint64_t total = header.value;
    for (const unsigned char* type_at = at + header.length; type_at < at + header.value;) {
      const Varint serial = varint(type_at, at + header.value);
      const std::int64_t size = serial.length == 0 ? -1 : serial_size(serial.value);
      if (size < 0) return "a cell whose record header holds no serial type";
      total += static_cast<std::uint64_t>(size);
      type_at += serial.length;
    }
    if (total != payload.value) return "a cell whose record's values do not add up to its size";
    return "";
  }
  const std::uint64_t least = (usable - 12) * 32 / 255 - 23;
  std::uint64_t local = least + (payload.value - least) % (usable - 4);
  if (local > most) local = least;
  if (local + 4 > static_cast<std::uint64_t>(end - at))
    return "a cell whose payload runs past the page";
  const std::uint32_t overflow = be32(at + local);
  if (overflow < 2 || overflow > layout.pages) {
    return "a cell whose overflow page is page " + std::to_string(overflow);
  }
  return "";
}

// Why page number (from 1) looks like no page of a healthy file ("" when it
// looks like one): a b-tree page (its header, cell pointers and right
// child), else an overflow or freelist trunk page (its first 4 bytes name
// the next page, or none). A freelist leaf, the lock-byte page and pointer-map
// pages may hold anything: the caller asks whether the page is free.
std::string page_damage(const unsigned char* page, std::uint32_t number, const Layout& layout) {
  const std::size_t at = number == 1 ? 100 : 0;
  const unsigned type = page[at];
  if (type == 2 || type == 5 || type == 10 || type == 13) {
    const bool interior = type == 2 || type == 5;
    const std::size_t header_end = at + (interior ? 12 : 8);
    const std::uint32_t cells = be16(page + at + 3);
    std::uint32_t content = be16(page + at + 5);
    if (content == 0) content = 65536;
    if (header_end + 2 * std::size_t{cells} > content || content > layout.usable) {
      return "a b-tree page whose " + std::to_string(cells) + " cells do not fit in it";
    }
    const std::uint32_t freeblock = be16(page + at + 1);
    if (freeblock != 0 && (freeblock < content || freeblock + 4 > layout.usable)) {
      return "a b-tree page whose free block lies outside its cells' area";
    }
    if (interior) {
      const std::uint32_t right = be32(page + at + 8);
      if (right == 0 || right > layout.pages) {
        return "a b-tree page whose right child is page " + std::to_string(right);
      }
    }
    for (std::uint32_t i = 0; i < cells; ++i) {
      const std::uint32_t cell = be16(page + header_end + 2 * i);
      if (cell < content || cell >= layout.usable) {
        return "a b-tree page whose cell " + std::to_string(i + 1) + " points outside it";
      }
      if (auto problem = cell_damage(page, cell, type, layout); !problem.empty()) {
        return "its cell " + std::to_string(i + 1) + " is " + problem;
      }
    }
    return "";
  }
  if (number == 1) return "the first page is not a b-tree page";
  if (layout.auto_vacuum) return "";
  if (layout.page_size <= (1u << 30) && number == (1u << 30) / layout.page_size + 1) return "";
  const std::uint32_t next = be32(page);
  if (next <= layout.pages) return "";
  return "a page that is neither a b-tree page nor one naming a page of the file (it names " +
         std::to_string(next) + ")";
}

// True when page number is on the freelist (a trunk or a leaf); the walk is
// bounded by the file's pages.
bool is_free_page(const File& file, const Layout& layout, std::uint32_t number) {
  std::vector<unsigned char> trunk(layout.page_size);
  std::uint32_t at = layout.freelist_trunk;
  for (std::uint32_t walked = 0; at != 0 && at <= layout.pages && walked < layout.pages; ++walked) {
    if (at == number) return true;
    if (!file.read(trunk.data(), trunk.size(), std::uint64_t{at - 1} * layout.page_size)) {
      return false;
    }
    const std::uint32_t leaves =
        std::min<std::uint32_t>(be32(trunk.data() + 4), layout.usable / 4 - 2);
    for (std::uint32_t i = 0; i < leaves; ++i) {
      if (be32(trunk.data() + 8 + 4 * i) == number) return true;
    }
    at = be32(trunk.data());
  }
  return false;
}

}  // namespace

std::string RegistryFileProbe::damage(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  File file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat status {};
  // A file deleted while served is no damage: the server answers from the
  // copy it holds open (and a file renamed over it is opened within a second).
  if (file.fd < 0 && errno == ENOENT) return "";
  if (file.fd < 0 || ::fstat(file.fd, &status) != 0) {
    return name + ": cannot be opened (" + std::strerror(errno) + ")";
  }
  unsigned char header[100];
  if (!file.read(header, sizeof header, 0) || std::memcmp(header, "SQLite format 3", 16) != 0) {
    return name + ": its header is not an SQLite database's";
  }
  Layout layout;
  layout.page_size = be16(header + 16) == 1 ? 65536 : be16(header + 16);
  if (layout.page_size < 512 || (layout.page_size & (layout.page_size - 1)) != 0 ||
      header[20] > layout.page_size - 480) {
    return name + ": its header names an impossible page size";
  }
  layout.usable = layout.page_size - header[20];
  const auto file_pages = static_cast<std::uint64_t>(status.st_size) / layout.page_size;
  // The header's page count holds when the change counter matches the
  // version it was written by (else the file's size says).
  const std::uint32_t header_pages = be32(header + 28);
  const bool counted = header_pages != 0 && be32(header + 24) == be32(header + 92);
  if (counted && header_pages > file_pages) {
    return name + ": its header names " + std::to_string(header_pages) + " pages, the file holds " +
           std::to_string(file_pages) + " (cut short)";
  }
  layout.pages = static_cast<std::uint32_t>(
      std::min<std::uint64_t>(counted ? header_pages : file_pages, std::uint64_t{0xffffffff}));
  layout.freelist_trunk = be32(header + 32);
  layout.auto_vacuum = be32(header + 52) != 0;
  if (layout.pages == 0) return name + ": it holds no page";

  const std::uint64_t turn = turn_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t sampled = std::min<std::uint64_t>(kSampledPages, layout.pages);
  std::vector<unsigned char> page(layout.page_size);
  for (std::uint64_t i = 0; i < sampled; ++i) {
    // page 1 at every call (the schema's root), the rest spread and turning
    const std::uint64_t index = i == 0 ? 0 : (i * layout.pages / sampled + turn) % layout.pages;
    const auto number = static_cast<std::uint32_t>(index + 1);
    std::string problem;
    // A page read while SQLite writes it may be torn: one more read.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!file.read(page.data(), page.size(), index * layout.page_size)) {
        problem = "cannot be read";
        continue;
      }
      problem = page_damage(page.data(), number, layout);
      if (problem.empty()) break;
    }
    if (!problem.empty() && !is_free_page(file, layout, number)) {
      return name + ": page " + std::to_string(number) + " of " + std::to_string(layout.pages) +
             " is damaged: " + problem;
    }
  }
  return "";
}

}  // namespace gifkit::tools::serve
