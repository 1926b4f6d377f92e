// sqlite_pages.cpp — see sqlite_pages.hpp.
#include "registries/db/sqlite_pages.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace gifkit::registries {

namespace {

std::uint32_t be16(const unsigned char* p) {
  return std::uint32_t{p[0]} << 8 | p[1];
}
std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

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
bool is_free_page(const PageReader& read, const Layout& layout, std::uint32_t number) {
  std::vector<unsigned char> trunk(layout.page_size);
  std::uint32_t at = layout.freelist_trunk;
  for (std::uint32_t walked = 0; at != 0 && at <= layout.pages && walked < layout.pages; ++walked) {
    if (at == number) return true;
    if (!read(trunk.data(), trunk.size(), std::uint64_t{at - 1} * layout.page_size)) {
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

std::string sampled_page_damage(const PageReader& read, std::uint64_t file_size,
                                std::uint64_t turn) {
  unsigned char header[100];
  if (file_size < sizeof header || !read(header, sizeof header, 0) ||
      std::memcmp(header, "SQLite format 3", 16) != 0) {
    return "its header is not an SQLite database's";
  }
  Layout layout;
  layout.page_size = be16(header + 16) == 1 ? 65536 : be16(header + 16);
  if (layout.page_size < 512 || (layout.page_size & (layout.page_size - 1)) != 0 ||
      header[20] > layout.page_size - 480) {
    return "its header names an impossible page size";
  }
  layout.usable = layout.page_size - header[20];
  const std::uint64_t file_pages = file_size / layout.page_size;
  // The header's page count holds when the change counter matches the
  // version it was written by (else the file's size says).
  const std::uint32_t header_pages = be32(header + 28);
  const bool counted = header_pages != 0 && be32(header + 24) == be32(header + 92);
  if (counted && header_pages > file_pages) {
    return "its header names " + std::to_string(header_pages) + " pages, the file holds " +
           std::to_string(file_pages) + " (cut short)";
  }
  layout.pages = static_cast<std::uint32_t>(
      std::min<std::uint64_t>(counted ? header_pages : file_pages, std::uint64_t{0xffffffff}));
  layout.freelist_trunk = be32(header + 32);
  layout.auto_vacuum = be32(header + 52) != 0;
  if (layout.pages == 0) return "it holds no page";

  const std::uint64_t sampled = std::min<std::uint64_t>(kSampledPages, layout.pages);
  std::vector<unsigned char> page(layout.page_size);
  for (std::uint64_t i = 0; i < sampled; ++i) {
    // page 1 at every call (the schema's root), the rest spread and turning
    const std::uint64_t index = i == 0 ? 0 : (i * layout.pages / sampled + turn) % layout.pages;
    const auto number = static_cast<std::uint32_t>(index + 1);
    std::string problem = "cannot be read";
    if (read(page.data(), page.size(), index * layout.page_size)) {
      problem = page_damage(page.data(), number, layout);
    }
    if (!problem.empty() && !is_free_page(read, layout, number)) {
      return "page " + std::to_string(number) + " of " + std::to_string(layout.pages) +
             " is damaged: " + problem;
    }
  }
  return "";
}

}  // namespace gifkit::registries
