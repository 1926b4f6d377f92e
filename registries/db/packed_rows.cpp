// packed_rows.cpp — see packed_rows.hpp.
#include "registries/db/packed_rows.hpp"

#include <cassert>

#include "registries/db/varint.hpp"

namespace gifkit::registries::packed {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr int kMaxDigits = 18;  // 10^18 - 1 fits an int64, and so does a difference of two
constexpr int kDecimalShape = 32;

enum Tag : std::uint8_t {
  kNull = 0,
  kText = 1,
  kInteger = 2,       // zigzag(value - the column's last INTEGER)
  kDigitsDelta = 3,   // zigzag(value - last number), the same length
  kDigitsNew = 4,     // length, value
  kDecimalDelta = 5,  // zigzag(scaled - last number), the same fraction digits
  kDecimalNew = 6,    // fraction digits, zigzag(scaled)
};

constexpr std::int64_t kPowersOfTen[kMaxDigits + 1] = {1,
                                                       10,
                                                       100,
                                                       1000,
                                                       10000,
                                                       100000,
                                                       1000000,
                                                       10000000,
                                                       100000000,
                                                       1000000000,
                                                       10000000000,
                                                       100000000000,
                                                       1000000000000,
                                                       10000000000000,
                                                       100000000000000,
                                                       1000000000000000,
                                                       10000000000000000,
                                                       100000000000000000,
                                                       1000000000000000000};

// a - b as two's complement (an INTEGER column's values may be any int64).
std::int64_t wrapped_difference(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

std::int64_t wrapped_sum(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// text as digits only (1..18 of them): their value.
bool read_digits(std::string_view text, std::int64_t& value) {
  if (text.empty() || text.size() > kMaxDigits) return false;
  value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

// text as a canonical decimal, -?(0|[1-9][0-9]*)\.[0-9]+ with at most 18
// digits and not a negative zero: its value times 10^fraction_digits.
bool read_decimal(std::string_view text, std::int64_t& scaled, int& fraction_digits) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  if (point == std::string_view::npos || point == 0 || point + 1 == text.size()) return false;
  if (text.size() - 1 > kMaxDigits) return false;
  if (text[0] == '0' && point != 1) return false;  // a leading zero before other digits
  std::int64_t value = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == point) continue;
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  if (negative && value == 0) return false;
  scaled = negative ? -value : value;
  fraction_digits = static_cast<int>(text.size() - point - 1);
  return true;
}

void render_digits(std::string& out, std::int64_t value, int length) {
  const std::size_t start = out.size();
  out.append(static_cast<std::size_t>(length), '0');
  for (int i = length - 1; i >= 0 && value > 0; --i) {
    out[start + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

void render_decimal(std::string& out, std::int64_t scaled, int fraction_digits) {
  if (scaled < 0) out.push_back('-');
  const std::uint64_t magnitude =
      scaled < 0 ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
  const auto power = static_cast<std::uint64_t>(kPowersOfTen[fraction_digits]);
  out += std::to_string(magnitude / power);
  out.push_back('.');
  render_digits(out, static_cast<std::int64_t>(magnitude % power), fraction_digits);
}

// Reads the bytes RowPacker wrote, checking every length.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool varint(std::uint64_t& value) { return ::gifkit::registries::varint::take(at_, end_, value); }
  bool byte(std::uint8_t& value) {
    if (at_ == end_) return false;
    value = static_cast<std::uint8_t>(*at_++);
    return true;
  }
  bool bytes(std::size_t size, std::string_view& value) {
    if (static_cast<std::size_t>(end_ - at_) < size) return false;
    value = std::string_view(at_, size);
    at_ += size;
    return true;
  }
  bool at_end() const { return at_ == end_; }

 private:
  const char* at_;
  const char* end_;
};

}  // namespace

RowPacker::RowPacker(std::size_t columns) : columns_(columns), state_(columns) {}

void RowPacker::put_cell(std::size_t column, const Cell& cell) {
  ColumnState& state = state_[column];
  switch (cell.kind) {
    case CellKind::null:
      body_.push_back(static_cast<char>(kNull));
      return;
    case CellKind::integer:
      body_.push_back(static_cast<char>(kInteger));
      varint::put(body_, varint::zigzag(wrapped_difference(cell.integer, state.integer)));
      state.integer = cell.integer;
      return;
    case CellKind::text:
      break;
  }
  std::int64_t value = 0;
  int fraction_digits = 0;
  if (read_digits(cell.text, value)) {
    const int shape = static_cast<int>(cell.text.size());
    if (state.shape == shape) {
      body_.push_back(static_cast<char>(kDigitsDelta));
      varint::put(body_, varint::zigzag(value - state.number));
    } else {
      body_.push_back(static_cast<char>(kDigitsNew));
      varint::put(body_, static_cast<std::uint64_t>(shape));
      varint::put(body_, static_cast<std::uint64_t>(value));
    }
    state.number = value;
    state.shape = shape;
  } else if (read_decimal(cell.text, value, fraction_digits)) {
    const int shape = kDecimalShape + fraction_digits;
    if (state.shape == shape) {
      body_.push_back(static_cast<char>(kDecimalDelta));
      varint::put(body_, varint::zigzag(value - state.number));
    } else {
      body_.push_back(static_cast<char>(kDecimalNew));
      varint::put(body_, static_cast<std::uint64_t>(fraction_digits));
      varint::put(body_, varint::zigzag(value));
    }
    state.number = value;
    state.shape = shape;
  } else {
    body_.push_back(static_cast<char>(kText));
    varint::put(body_, cell.text.size());
    body_ += cell.text;
  }
}

void RowPacker::add(const Cell* cells) {
  const std::size_t bitmap_at = body_.size();
  body_.append((columns_ + 7) / 8, '\0');
  for (std::size_t column = 0; column < columns_; ++column) {
    ColumnState& state = state_[column];
    if (cells[column] == state.previous) continue;
    body_[bitmap_at + column / 8] = static_cast<char>(
        static_cast<std::uint8_t>(body_[bitmap_at + column / 8]) | (1U << (column % 8)));
    put_cell(column, cells[column]);
    state.previous_text.assign(cells[column].text);
    state.previous = cells[column];
    state.previous.text = state.previous_text;
  }
  ++rows_;
}

std::string RowPacker::finish() {
  std::string out;
  out.push_back(static_cast<char>(kVersion));
  varint::put(out, columns_);
  varint::put(out, rows_);
  out += body_;
  body_.clear();
  rows_ = 0;
  state_.assign(columns_, ColumnState{});
  return out;
}

bool packed_row_count(std::string_view bytes, std::size_t& rows) {
  Reader in(bytes);
  std::uint8_t version = 0;
  std::uint64_t columns = 0, count = 0;
  if (!in.byte(version) || version != kVersion || !in.varint(columns) || !in.varint(count) ||
      columns == 0 || count > bytes.size())
    return false;
  rows = static_cast<std::size_t>(count);
  return true;
}

bool unpack_rows(std::string_view bytes, UnpackedRows& out) {
  out.rows_ = out.columns_ = 0;
  out.cells_.clear();
  out.arena_.clear();
  Reader in(bytes);
  std::uint8_t version = 0;
  std::uint64_t columns = 0, rows = 0;
  if (!in.byte(version) || version != kVersion || !in.varint(columns) || !in.varint(rows))
    return false;
  // Every row takes a bitmap byte at least (a row of no columns, none).
  if (columns == 0 || columns > 4096 || rows > bytes.size()) return false;
  struct State {
    std::int64_t number = 0;
    int shape = 0;
    std::int64_t integer = 0;
  };
  std::vector<State> state(columns);
  out.cells_.resize(columns * rows);
  out.arena_.reserve(bytes.size() * 2);
  const std::size_t bitmap_size = (columns + 7) / 8;
  auto fail = [&] {
    out.cells_.clear();
    out.arena_.clear();
    return false;
  };
  for (std::uint64_t row = 0; row < rows; ++row) {
    std::string_view bitmap;
    if (!in.bytes(bitmap_size, bitmap)) return fail();
    for (std::uint64_t column = 0; column < columns; ++column) {
      UnpackedRows::Stored& cell = out.cells_[row * columns + column];
      if ((static_cast<std::uint8_t>(bitmap[column / 8]) & (1U << (column % 8))) == 0) {
        if (row > 0) cell = out.cells_[(row - 1) * columns + column];
        continue;
      }
      State& s = state[column];
      std::uint8_t tag = 0;
      std::uint64_t a = 0, b = 0;
      if (!in.byte(tag)) return fail();
      const std::size_t start = out.arena_.size();
      switch (tag) {
        case kNull:
          cell = {};
          continue;
        case kInteger:
          if (!in.varint(a)) return fail();
          s.integer = wrapped_sum(s.integer, varint::unzigzag(a));
          cell = {CellKind::integer, 0, 0, s.integer};
          continue;
        case kText: {
          std::string_view text;
          if (!in.varint(a) || !in.bytes(static_cast<std::size_t>(a), text)) return fail();
          out.arena_ += text;
          break;
        }
        case kDigitsDelta:
          if (!in.varint(a) || s.shape < 1 || s.shape > kMaxDigits) return fail();
          s.number += varint::unzigzag(a);
          if (s.number < 0 || s.number >= kPowersOfTen[s.shape]) return fail();
          render_digits(out.arena_, s.number, s.shape);
          break;
        case kDigitsNew:
          if (!in.varint(a) || !in.varint(b) || a < 1 || a > kMaxDigits ||
              b >= static_cast<std::uint64_t>(kPowersOfTen[a]))
            return fail();
          s.shape = static_cast<int>(a);
          s.number = static_cast<std::int64_t>(b);
          render_digits(out.arena_, s.number, s.shape);
          break;
        case kDecimalDelta:
          if (!in.varint(a) || s.shape <= kDecimalShape || s.shape >= kDecimalShape + kMaxDigits)
            return fail();
          s.number += varint::unzigzag(a);
          if (s.number <= -kPowersOfTen[kMaxDigits] || s.number >= kPowersOfTen[kMaxDigits])
            return fail();
          render_decimal(out.arena_, s.number, s.shape - kDecimalShape);
          break;
        case kDecimalNew: {
          if (!in.varint(a) || !in.varint(b) || a < 1 || a >= kMaxDigits) return fail();
          const std::int64_t scaled = varint::unzigzag(b);
          if (scaled <= -kPowersOfTen[kMaxDigits] || scaled >= kPowersOfTen[kMaxDigits])
            return fail();
          s.shape = kDecimalShape + static_cast<int>(a);
          s.number = scaled;
          render_decimal(out.arena_, s.number, s.shape - kDecimalShape);
          break;
        }
        default:
          return fail();
      }
      cell = {CellKind::text, static_cast<std::uint32_t>(start),
              static_cast<std::uint32_t>(out.arena_.size() - start), 0};
    }
  }
  if (!in.at_end()) return fail();
  out.rows_ = static_cast<std::size_t>(rows);
  out.columns_ = static_cast<std::size_t>(columns);
  return true;
}

}  // namespace gifkit::registries::packed
