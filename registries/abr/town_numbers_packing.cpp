// town_numbers_packing.cpp — pack_town_places and unpack_town_places
// (numbered_places.hpp): the bytes of a row of abr_town_numbers. It writes
// the compact packing and reads both it and the first packing of the
// releases before it. Apart from numbered_places.cpp, which reads and
// writes the places, because the layout is a job of its own.
#include <cassert>
#include <cmath>
#include <cstring>

#include "registries/abr/numbered_places.hpp"
#include "registries/abr/packing.hpp"
#include "registries/db/varint.hpp"

namespace gifkit::registries::abr {
namespace {

using packing::put;
using packing::take;

// The first packing (the releases before the compact one; still read): each
// list's count as a uint32, then one record a place of three numbers, the
// point's lon and lat as doubles and whether it is known.
constexpr std::size_t kPackedPlaceBytes = 3 * sizeof(std::uint32_t) + 2 * sizeof(double) + 1;

std::optional<TownPlaces> unpack_fixed_places(std::string_view packed, std::uint32_t town) {
  TownPlaces numbered;
  if (packed.size() < 3 * sizeof(std::uint32_t)) return std::nullopt;
  const char* at = packed.data();
  std::uint32_t counts[3];
  std::size_t places = 0;
  for (auto& count : counts) places += count = take<std::uint32_t>(at);
  if (packed.size() != 3 * sizeof(std::uint32_t) + places * kPackedPlaceBytes) return std::nullopt;
  for (int kind = 0; kind < 3; ++kind) {
    std::vector<NumberedPlace>& into = numbered.*kNumberedLists[kind];
    // Each place made whole and appended: a resize would zero them first.
    into.reserve(counts[kind]);
    for (std::uint32_t i = 0; i < counts[kind]; ++i) {
      const std::uint32_t first = take<std::uint32_t>(at), second = take<std::uint32_t>(at),
                          third = take<std::uint32_t>(at);
      const double lon = take<double>(at), lat = take<double>(at);
      const bool known = *at++ != 0;
      into.push_back(NumberedPlace{(std::uint64_t{town} << 32) | first,
                                   (std::uint64_t{second} << 32) | third,
                                   AbrPoint{lon, lat, known}});
    }
  }
  assert(at == packed.data() + packed.size());
  return numbered;
}

// The compact packing: kCompactMagic (as a first packing's count it would
// ask for 4 G places, which no row holds), kCompactFormat, each list's
// count (varint), the 町字's decimal scale d (a byte, 0 to kMaxDecimalScale),
// then the places list by list. A place is a head varint — the first
// number's step from the list's previous place's (mod 2^32) << 5, the
// second's field up to kSecondInHead << 3, 4 when a third number follows,
// and its PointForm — then the rest of the second's field when it is
// kSecondInHead or more, the third if any, and the point. The second's
// field is the second number, or its step from the previous place's when
// the first is the same (a 号 after a 号 of the same 街区, a 枝番 after
// one of the same 本番): mostly 0 to 2, in the head. A scaled coordinate
// is the zigzag difference of its k (value = k / 10^d, bit for bit) from
// the previous scaled one's of its axis in the 町字; one that has no such
// k is its raw 8 bytes.
constexpr std::uint32_t kCompactMagic = 0xFFFFFFFFu;
constexpr std::uint8_t kCompactFormat = 1;

// How a place's point is kept (the low two bits of its head).
enum PointForm : std::uint8_t {
  kScaledPoint = 0,   // known, both coordinates scaled
  kUnknownPoint = 1,  // unknown, lon and lat +0.0 (AbrPoint{}); nothing follows
  kFlaggedPoint = 2,  // a byte of kFlag* flags, then each coordinate as it says
};
constexpr std::uint8_t kFlagKnown = 1, kFlagLonRaw = 2, kFlagLatRaw = 4;
constexpr std::uint64_t kHasThird = 4;
constexpr std::uint32_t kSecondInHead = 3;

constexpr int kMaxDecimalScale = 15;
constexpr double kPowersOfTen[kMaxDecimalScale + 1] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
// Beyond it a k is not every integer a double holds.
constexpr std::int64_t kMaxScaled = std::int64_t{1} << 53;

// The coordinate of k at scale d: the one expression the packing checks and
// the reading computes. k and 10^d are exact doubles and the division is
// correctly rounded, so the k of a decimal text of at most d decimals gives
// back the double strtod made of that text.
double unscale(std::int64_t k, int d) {
  return static_cast<double>(k) / kPowersOfTen[d];
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

// The k of value at scale d; false when unscale(k, d) is not value bit for
// bit (NaN, -0.0, 0.1 + 0.2, more decimals than d).
bool scale_coordinate(double value, int d, std::int64_t& k) {
  const double product = value * kPowersOfTen[d];
  if (!(std::fabs(product) < static_cast<double>(kMaxScaled))) return false;
  k = std::llround(product);
  return k > -kMaxScaled && k < kMaxScaled && same_bits(unscale(k, d), value);
}

// The smallest scale at which every known coordinate of the 町字 scales
// (the largest of each one's own smallest); a coordinate that scales at
// none is left to the raw escape, and so is one that a larger scale than
// its own puts beyond kMaxScaled (a longitude of 135.x beside a coordinate
// of 14 decimals: none in the ABR, whose coordinates have 9).
int decimal_scale_of(const TownPlaces& numbered) {
  int d = 0;
  std::int64_t k;
  for (const auto list : kNumberedLists) {
    for (const NumberedPlace& place : numbered.*list) {
      if (!place.point.known) continue;
      for (const double value : {place.point.lon, place.point.lat}) {
        if (scale_coordinate(value, d, k)) continue;
        for (int more = d + 1; more <= kMaxDecimalScale; ++more) {
          if (scale_coordinate(value, more, k)) {
            d = more;
            break;
          }
        }
      }
    }
  }
  return d;
}

// The points of one 町字 written in order: the scale and each axis's last k.
struct PointWriter {
  std::string& out;
  int d;
  std::int64_t last[2] = {0, 0};  // lon, lat

  void put_scaled(int axis, std::int64_t k) {
    varint::put(out, varint::zigzag(k - last[axis]));
    last[axis] = k;
  }
};

// Appends one place: its head, numbers and point (see kCompactMagic).
void put_compact_place(PointWriter& points, const NumberedPlace& place,
                       const NumberedPlace* previous) {
  std::string& out = points.out;
  const auto first = static_cast<std::uint32_t>(place.town_and_first);
  const auto second = static_cast<std::uint32_t>(place.second_and_third >> 32);
  const auto third = static_cast<std::uint32_t>(place.second_and_third);
  const auto previous_first = previous ? static_cast<std::uint32_t>(previous->town_and_first) : 0u;
  const bool same_first = previous && first == previous_first;
  const AbrPoint& point = place.point;
  std::int64_t k[2];
  const bool scaled[2] = {scale_coordinate(point.lon, points.d, k[0]),
                          scale_coordinate(point.lat, points.d, k[1])};
  PointForm form = kFlaggedPoint;
  if (point.known && scaled[0] && scaled[1])
    form = kScaledPoint;
  else if (!point.known && same_bits(point.lon, 0.0) && same_bits(point.lat, 0.0))
    form = kUnknownPoint;
  const std::uint32_t first_step = first - previous_first;
  const auto previous_second =
      same_first ? static_cast<std::uint32_t>(previous->second_and_third >> 32) : 0u;
  const std::uint32_t second_field = second - previous_second;
  const std::uint32_t second_in_head = std::min(second_field, kSecondInHead);
  varint::put(out, (std::uint64_t{first_step} << 5) | (second_in_head << 3) |
                       (third != 0 ? kHasThird : 0) | form);
  if (second_in_head == kSecondInHead) varint::put(out, second_field - kSecondInHead);
  if (third != 0) varint::put(out, third);
  if (form == kUnknownPoint) return;
  if (form == kFlaggedPoint) {
    out.push_back(static_cast<char>((point.known ? kFlagKnown : 0) | (scaled[0] ? 0 : kFlagLonRaw) |
                                    (scaled[1] ? 0 : kFlagLatRaw)));
  }
  const double values[2] = {point.lon, point.lat};
  for (int axis = 0; axis < 2; ++axis) {
    if (scaled[axis])
      points.put_scaled(axis, k[axis]);
    else
      put(out, values[axis]);
  }
}

// Reads a compact packing's bytes in order; every take checks the end.
struct CompactReader {
  const char* at;
  const char* end;
  int d = 0;
  std::int64_t last[2] = {0, 0};  // lon, lat

  bool varint(std::uint64_t& value) { return varint::take(at, end, value); }

  // A number of at most 32 bits.
  bool number(std::uint32_t& value) {
    std::uint64_t wide;
    if (!varint(wide) || wide > 0xFFFFFFFFu) return false;
    value = static_cast<std::uint32_t>(wide);
    return true;
  }

  bool raw(double& value) {
    if (end - at < static_cast<std::ptrdiff_t>(sizeof(double))) return false;
    value = take<double>(at);
    return true;
  }

  bool scaled(int axis, double& value) {
    std::uint64_t step;
    if (!varint(step)) return false;
    // Modulo 2^64: a step no packing writes ends out of range, refused.
    const auto k = static_cast<std::int64_t>(static_cast<std::uint64_t>(last[axis]) +
                                             static_cast<std::uint64_t>(varint::unzigzag(step)));
    if (k <= -kMaxScaled || k >= kMaxScaled) return false;
    last[axis] = k;
    value = unscale(k, d);
    return true;
  }
};

// One place as put_compact_place wrote it, after previous (none first).
bool take_compact_place(CompactReader& in, std::uint32_t town, const NumberedPlace* previous,
                        NumberedPlace& place) {
  std::uint64_t head;
  if (!in.varint(head) || (head >> 5) > 0xFFFFFFFFu) return false;
  auto second = static_cast<std::uint32_t>((head >> 3) & 3);
  std::uint32_t third = 0;
  if (second == kSecondInHead) {
    std::uint32_t rest;
    if (!in.number(rest) || rest > 0xFFFFFFFFu - kSecondInHead) return false;
    second += rest;
  }
  if ((head & kHasThird) != 0 && !in.number(third)) return false;
  const auto previous_first = previous ? static_cast<std::uint32_t>(previous->town_and_first) : 0u;
  const std::uint32_t first = previous_first + static_cast<std::uint32_t>(head >> 5);
  if (previous && first == previous_first)
    second += static_cast<std::uint32_t>(previous->second_and_third >> 32);
  place.town_and_first = (std::uint64_t{town} << 32) | first;
  place.second_and_third = (std::uint64_t{second} << 32) | third;
  AbrPoint& point = place.point;
  switch (head & 3) {
    case kScaledPoint:
      point.known = true;
      return in.scaled(0, point.lon) && in.scaled(1, point.lat);
    case kUnknownPoint:
      point = AbrPoint{};
      return true;
    case kFlaggedPoint: {
      if (in.at == in.end) return false;
      const auto flags = static_cast<std::uint8_t>(*in.at++);
      if ((flags & ~(kFlagKnown | kFlagLonRaw | kFlagLatRaw)) != 0) return false;
      point.known = (flags & kFlagKnown) != 0;
      return ((flags & kFlagLonRaw) ? in.raw(point.lon) : in.scaled(0, point.lon)) &&
             ((flags & kFlagLatRaw) ? in.raw(point.lat) : in.scaled(1, point.lat));
    }
    default:
      return false;
  }
}

// The places of a compact packing, at..end after the magic and the format.
std::optional<TownPlaces> unpack_compact_places(CompactReader in, std::uint32_t town) {
  std::uint64_t counts[3];
  for (auto& count : counts) {
    // A place takes a byte at least: a count beyond the bytes left is
    // refused before anything is reserved for it.
    if (!in.varint(count) || count > static_cast<std::uint64_t>(in.end - in.at))
      return std::nullopt;
  }
  if (in.at == in.end) return std::nullopt;
  in.d = static_cast<std::uint8_t>(*in.at++);
  if (in.d > kMaxDecimalScale) return std::nullopt;
  TownPlaces numbered;
  for (int kind = 0; kind < 3; ++kind) {
    std::vector<NumberedPlace>& into = numbered.*kNumberedLists[kind];
    into.reserve(counts[kind]);
    for (std::uint64_t i = 0; i < counts[kind]; ++i) {
      NumberedPlace place;
      if (!take_compact_place(in, town, into.empty() ? nullptr : &into.back(), place))
        return std::nullopt;
      into.push_back(place);
    }
  }
  if (in.at != in.end) return std::nullopt;
  return numbered;
}

}  // namespace

std::string pack_town_places(const TownPlaces& numbered) {
  std::string out;
  put(out, kCompactMagic);
  out.push_back(static_cast<char>(kCompactFormat));
  for (const auto list : kNumberedLists) varint::put(out, (numbered.*list).size());
  PointWriter points{out, decimal_scale_of(numbered)};
  out.push_back(static_cast<char>(points.d));
  for (const auto list : kNumberedLists) {
    const NumberedPlace* previous = nullptr;
    for (const NumberedPlace& place : numbered.*list) {
      put_compact_place(points, place, previous);
      previous = &place;
    }
  }
  return out;
}

std::optional<TownPlaces> unpack_town_places(std::string_view packed, std::uint32_t town) {
  const char* at = packed.data();
  if (packed.size() < sizeof(kCompactMagic) || take<std::uint32_t>(at) != kCompactMagic)
    return unpack_fixed_places(packed, town);
  if (at == packed.data() + packed.size() || static_cast<std::uint8_t>(*at++) != kCompactFormat)
    return std::nullopt;
  return unpack_compact_places(CompactReader{at, packed.data() + packed.size()}, town);
}

}  // namespace gifkit::registries::abr
