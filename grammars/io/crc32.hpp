// crc32.hpp — the CRC-32 of zip archives (ISO 3309, polynomial 0xEDB88320,
// reflected), computed eight bytes at a time; the zip reader of the browser
// build checks each entry's bytes with it.
#pragma once
#include <cstddef>
#include <cstdint>

namespace gifkit::grammars {

// The CRC-32 of the bytes [data, data + size) continued from crc (0 to begin).
std::uint32_t crc32_update(std::uint32_t crc, const unsigned char* data, std::size_t size);

}  // namespace gifkit::grammars
