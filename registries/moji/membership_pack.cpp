// membership_pack.cpp — see membership_pack.hpp. The pack, little-endian:
//   u32 JIS rows, each: u8 plane, u8 row, u8 cell, u16 added, str sequence,
//       u8 alternates, u32 each
//   u32 sets, each: str name, str uri, str title
//   u32 runs of members of one set, each: str set name, u32 members, str each
// where str is a u16 length and the bytes.
#include "registries/moji/membership_pack.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::moji {
namespace {

void put_u8(std::string& out, unsigned value) {
  assert(value <= 0xFF);
  out += static_cast<char>(value);
}

void put_u16(std::string& out, unsigned value) {
  assert(value <= 0xFFFF);
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void put_u32_at(std::string& out, std::size_t at, std::uint32_t value) {
  assert(at + 4 <= out.size());
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A string of at most 65,535 bytes (a value of the membership tables: a
// sequence, a set's name, URI or title); a longer one cannot be packed.
void put_str(std::string& out, std::string_view text) {
  if (text.size() > 0xFFFF)
    throw RegistryError("a character set value of " + std::to_string(text.size()) +
                        " bytes cannot be packed (at most 65,535)");
  put_u16(out, static_cast<unsigned>(text.size()));
  out.append(text);
}

// Reads a pack; every read checks the bytes are there.
class PackReader {
 public:
  explicit PackReader(std::string_view bytes) : bytes_(bytes) {}
  std::uint32_t u8() { return take(1)[0]; }
  std::uint32_t u16() {
    const unsigned char* p = take(2);
    return p[0] | (p[1] << 8);
  }
  std::uint32_t u32() {
    const unsigned char* p = take(4);
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  }
  std::string_view str() {
    const std::uint32_t size = u16();
    return {reinterpret_cast<const char*>(take(size)), size};
  }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  const unsigned char* take(std::size_t size) {
    if (bytes_.size() - at_ < size) throw RegistryError("the packed character sets are cut short");
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + at_);
    at_ += size;
    return p;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

// Reads the pack through; feeds rows when it is given (else only checks).
void read_pack(std::string_view bytes, MojiRowHandler* rows) {
  PackReader in(bytes);
  JisRow row;
  for (std::uint32_t n = in.u32(), i = 0; i < n; ++i) {
    row.position.plane = static_cast<int>(in.u8());
    row.position.row = static_cast<int>(in.u8());
    row.position.cell = static_cast<int>(in.u8());
    row.added = static_cast<int>(in.u16());
    row.sequence = in.str();
    row.alternates.clear();
    for (std::uint32_t a = in.u8(), j = 0; j < a; ++j) row.alternates.push_back(in.u32());
    if (rows != nullptr) rows->jis(row);
  }
  for (std::uint32_t n = in.u32(), i = 0; i < n; ++i) {
    SetInfo info;
    info.name = in.str();
    info.uri = in.str();
    info.title = in.str();
    if (rows != nullptr) rows->set(info);
  }
  for (std::uint32_t runs = in.u32(), i = 0; i < runs; ++i) {
    const std::string_view name = in.str();
    for (std::uint32_t n = in.u32(), j = 0; j < n; ++j) {
      const std::string_view sequence = in.str();
      if (rows != nullptr) rows->set_member(name, sequence);
    }
  }
  if (!in.at_end()) throw RegistryError("the packed character sets have bytes after their end");
}

}  // namespace

void MembershipPacker::jis(const JisRow& row) {
  put_u8(jis_, static_cast<unsigned>(row.position.plane));
  put_u8(jis_, static_cast<unsigned>(row.position.row));
  put_u8(jis_, static_cast<unsigned>(row.position.cell));
  put_u16(jis_, static_cast<unsigned>(row.added));
  put_str(jis_, row.sequence);
  put_u8(jis_, static_cast<unsigned>(row.alternates.size()));
  for (char32_t cp : row.alternates) put_u32(jis_, cp);
  ++jis_count_;
}

void MembershipPacker::mj(MjRow&&) {
  assert(false);  // membership_pack.hpp: membership rows only
}

void MembershipPacker::set(const SetInfo& info) {
  put_str(sets_, info.name);
  put_str(sets_, info.uri);
  put_str(sets_, info.title);
  ++set_count_;
}

void MembershipPacker::set_member(std::string_view set_name, std::string_view sequence) {
  if (run_count_ == 0 || set_name != run_name_) {
    put_str(members_, set_name);
    run_count_at_ = members_.size();
    put_u32(members_, 0);
    run_name_ = set_name;
    ++run_count_;
  }
  const std::size_t at = run_count_at_;
  const auto* p = reinterpret_cast<const unsigned char*>(members_.data() + at);
  const std::uint32_t count =
      p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  put_u32_at(members_, at, count + 1);
  put_str(members_, sequence);
}

void MembershipPacker::nta(const NtaRow&) {
  assert(false);  // membership_pack.hpp: membership rows only
}

std::string MembershipPacker::pack() const {
  std::string out;
  out.reserve(12 + jis_.size() + sets_.size() + members_.size());
  put_u32(out, jis_count_);
  out += jis_;
  put_u32(out, set_count_);
  out += sets_;
  put_u32(out, run_count_);
  out += members_;
  return out;
}

void unpack_membership(std::string_view bytes, MojiRowHandler& rows) {
  read_pack(bytes, nullptr);  // all of it there before any row is fed
  read_pack(bytes, &rows);
}

}  // namespace gifkit::registries::moji
