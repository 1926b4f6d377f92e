// inflate.cpp — see inflate.hpp. Written from RFC 1951: blocks stored, with
// the fixed codes or with codes of their own; the inflated bytes go through a
// 64 KiB ring that keeps the 32 KiB a distance may reach back plus the bytes
// not yet handed out.
#include "grammars/io/inflate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "grammars/io/inflate_huffman.hpp"

namespace gifkit::grammars {

namespace {

using inflate_detail::HuffmanCode;

// RFC 1951 3.2.5: lengths 257..285 and distances 0..29, base and extra bits.
constexpr std::array<std::uint16_t, 29> kLengthBase = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                                       15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                                       67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint16_t, 30> kDistanceBase = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> kDistanceExtra = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                                         4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                                         9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// The order in which a dynamic block gives the code lengths' code lengths.
constexpr std::array<std::uint8_t, 19> kCodeLengthOrder = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                           11, 4,  12, 3, 13, 2, 14, 1, 15};

constexpr std::size_t kRingSize = std::size_t{1} << 16;
constexpr std::size_t kRingMask = kRingSize - 1;
// Decoding pauses once this many inflated bytes wait to be read: with the
// 32 KiB of history and one match of 258 more they fit the ring.
constexpr std::size_t kPendingTarget = std::size_t{1} << 14;
constexpr std::size_t kInputSize = std::size_t{1} << 15;

}  // namespace

struct Inflater::State {
  enum class Phase { header, stored, codes, done };

  Source source;
  std::vector<unsigned char> input = std::vector<unsigned char>(kInputSize);
  std::size_t input_pos = 0;
  std::size_t input_end = 0;
  bool input_over = false;
  std::uint64_t bits = 0;  // the next bits, first lowest
  int bit_count = 0;

  std::vector<unsigned char> ring = std::vector<unsigned char>(kRingSize);
  std::uint64_t written = 0;  // bytes inflated so far
  std::uint64_t handed = 0;   // of which handed out

  Phase phase = Phase::header;
  bool last_block = false;
  std::uint32_t stored_left = 0;
  HuffmanCode literals;
  HuffmanCode distances;

  explicit State(Source s) : source(std::move(s)) {}

  [[noreturn]] static void fail(const char* why) { throw InflateError(why); }

  bool fill_input() {
    if (input_over) return false;
    input_pos = 0;
    input_end = source(input.data(), input.size());
    if (input_end == 0) input_over = true;
    return input_end != 0;
  }
  // Tops the bit buffer up to at least 57 bits, or to what is left.
  void refill() {
    while (bit_count <= 56) {
      if (input_pos == input_end && !fill_input()) return;
      bits |= std::uint64_t{input[input_pos++]} << bit_count;
      bit_count += 8;
    }
  }
  std::uint32_t take(int n) {
    if (bit_count < n) {
      refill();
      if (bit_count < n) fail("the compressed data ends early");
    }
    const auto value = static_cast<std::uint32_t>(bits & ((std::uint64_t{1} << n) - 1));
    bits >>= n;
    bit_count -= n;
    return value;
  }
  int decode(const HuffmanCode& code) {
    if (bit_count < HuffmanCode::kMaxBits) refill();
    const std::uint16_t entry = code.fast[bits & ((1u << HuffmanCode::kFastBits) - 1)];
    int length = entry & 15;
    int symbol = entry >> 4;
    if (entry == 0) {
      symbol = code.decode_slow(static_cast<std::uint32_t>(bits), &length);
      if (symbol < 0) fail("an invalid Huffman code");
    }
    if (length > bit_count) fail("the compressed data ends early");
    bits >>= length;
    bit_count -= length;
    return symbol;
  }

  void put(unsigned char byte) { ring[written++ & kRingMask] = byte; }
  std::size_t pending() const { return static_cast<std::size_t>(written - handed); }

  void begin_block() {
    last_block = take(1) != 0;
    switch (take(2)) {
      case 0: {
        const int skip = bit_count % 8;  // to the byte boundary
        bits >>= skip;
        bit_count -= skip;
        const std::uint32_t length = take(16);
        if ((take(16) ^ 0xFFFFu) != length)
          fail("a stored block's length does not match its check");
        stored_left = length;
        phase = Phase::stored;
        return;
      }
      case 1:
        fixed_codes();
        break;
      case 2:
        dynamic_codes();
        break;
      default:
        fail("an invalid block type");
    }
    phase = Phase::codes;
  }

  void fixed_codes() {
    std::array<std::uint8_t, 288> lengths{};
    std::fill(lengths.begin(), lengths.begin() + 144, 8);
    std::fill(lengths.begin() + 144, lengths.begin() + 256, 9);
    std::fill(lengths.begin() + 256, lengths.begin() + 280, 7);
    std::fill(lengths.begin() + 280, lengths.end(), 8);
    literals.build(lengths.data(), 288);
    // All 32 five-bit codes, so that the set is complete: 30 and 31 are refused when met.
    std::array<std::uint8_t, 32> distance_lengths{};
    distance_lengths.fill(5);
    distances.build(distance_lengths.data(), 32);
  }

  void dynamic_codes() {
    const int literal_count = static_cast<int>(take(5)) + 257;
    const int distance_count = static_cast<int>(take(5)) + 1;
    const int length_code_count = static_cast<int>(take(4)) + 4;
    if (literal_count > 286 || distance_count > 30) fail("too many length or distance codes");
    std::array<std::uint8_t, 19> length_lengths{};
    for (int i = 0; i < length_code_count; ++i)
      length_lengths[kCodeLengthOrder[i]] = static_cast<std::uint8_t>(take(3));
    HuffmanCode length_code;
    if (!length_code.build(length_lengths.data(), 19) || length_code.symbol_count == 0 ||
        (length_code.symbol_count == 1))
      fail("an invalid code of code lengths");
    std::array<std::uint8_t, 286 + 30> lengths{};
    const int total = literal_count + distance_count;
    int i = 0;
    while (i < total) {
      const int symbol = decode(length_code);
      if (symbol < 16) {
        lengths[i++] = static_cast<std::uint8_t>(symbol);
        continue;
      }
      std::uint8_t value = 0;
      int repeat = 0;
      if (symbol == 16) {
        if (i == 0) fail("a repeated code length with none before it");
        value = lengths[i - 1];
        repeat = 3 + static_cast<int>(take(2));
      } else if (symbol == 17) {
        repeat = 3 + static_cast<int>(take(3));
      } else {
        repeat = 11 + static_cast<int>(take(7));
      }
      if (i + repeat > total) fail("code lengths repeated past their end");
      while (repeat-- > 0) lengths[i++] = value;
    }
    if (lengths[256] == 0) fail("no code for the end of the block");
    if (!literals.build(lengths.data(), literal_count)) fail("an invalid literal/length code");
    if (!distances.build(lengths.data() + literal_count, distance_count))
      fail("an invalid distance code");
  }

  void copy_stored() {
    while (stored_left > 0 && pending() < kPendingTarget) {
      if (bit_count >= 8) {
        put(static_cast<unsigned char>(take(8)));
        --stored_left;
        continue;
      }
      if (input_pos == input_end && !fill_input()) fail("the compressed data ends early");
      const std::size_t ring_room = kRingSize - (written & kRingMask);
      const std::size_t n = std::min<std::size_t>(
          {stored_left, input_end - input_pos, ring_room, kPendingTarget - pending()});
      std::memcpy(ring.data() + (written & kRingMask), input.data() + input_pos, n);
      input_pos += n;
      written += n;
      stored_left -= static_cast<std::uint32_t>(n);
    }
    if (stored_left == 0) phase = last_block ? Phase::done : Phase::header;
  }

  void decode_codes() {
    while (pending() < kPendingTarget) {
      const int symbol = decode(literals);
      if (symbol < 256) {
        put(static_cast<unsigned char>(symbol));
        continue;
      }
      if (symbol == 256) {
        phase = last_block ? Phase::done : Phase::header;
        return;
      }
      const int length_index = symbol - 257;
      if (length_index >= 29) fail("an invalid length code");
      const std::uint32_t length = kLengthBase[length_index] + take(kLengthExtra[length_index]);
      const int distance_index = decode(distances);
      if (distance_index >= 30) fail("an invalid distance code");
      const std::uint32_t distance =
          kDistanceBase[distance_index] + take(kDistanceExtra[distance_index]);
      if (distance > written) fail("a distance reaching back before the start");
      std::uint64_t from = written - distance;
      for (std::uint32_t k = 0; k < length; ++k) put(ring[from++ & kRingMask]);
    }
  }

  // Inflates until enough bytes wait or the stream is over.
  void advance() {
    while (pending() < kPendingTarget && phase != Phase::done) {
      if (phase == Phase::header) begin_block();
      if (phase == Phase::stored)
        copy_stored();
      else if (phase == Phase::codes)
        decode_codes();
    }
  }
};

Inflater::Inflater(Source source) : state_(std::make_unique<State>(std::move(source))) {}

Inflater::~Inflater() = default;

std::size_t Inflater::read(unsigned char* out, std::size_t size) {
  State& s = *state_;
  std::size_t done = 0;
  while (done < size) {
    if (s.pending() == 0) {
      if (s.phase == State::Phase::done) break;
      s.advance();
      continue;
    }
    const std::size_t at = static_cast<std::size_t>(s.handed & kRingMask);
    const std::size_t n = std::min({size - done, s.pending(), kRingSize - at});
    std::memcpy(out + done, s.ring.data() + at, n);
    done += n;
    s.handed += n;
  }
  return done;
}

}  // namespace gifkit::grammars
