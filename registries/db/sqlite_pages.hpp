// sqlite_pages.hpp — a cheap look at an SQLite file's structure, for
// /healthz (sqlite_registry_damage in sqlite_backend.hpp reads the pages
// through SQLite's own file handle, under its shared lock): the header (an
// SQLite header, a page count the file holds) and kSampledPages pages spread
// evenly over the file, one page further on at each call (turn), each
// checked for the structure SQLite gives every page. So a damaged stretch
// longer than 1/kSampledPages of the file is seen at the first call and any
// damaged page within pages / kSampledPages calls. It is no PRAGMA
// integrity_check (that reads the whole file: `gifkit registry verify`).
// Only bytes that no healthy file holds count as damage: a b-tree page
// whose header, cell pointers, cells or records do not fit, an overflow or
// freelist trunk page that names a page past the end, a header that is not
// SQLite's or names more pages than the file holds. The SQLite file format:
// https://www.sqlite.org/fileformat2.html.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace gifkit::registries {

// Reads size bytes at offset at of the file into into; false when it cannot.
using PageReader = std::function<bool(void* into, std::size_t size, std::uint64_t at)>;

constexpr std::size_t kSampledPages = 64;

// What looks damaged in the SQLite file of file_size bytes that read reads
// ("" when nothing does), without naming the file.
std::string sampled_page_damage(const PageReader& read, std::uint64_t file_size,
                                std::uint64_t turn);

}  // namespace gifkit::registries
