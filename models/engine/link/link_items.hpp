// link_items.hpp — the four items record linkage compares (氏名, 生年月日,
// 性別, 住所), the levels at which two values of an item agree, and a
// dataset's rows read into records of normalized items: which columns hold
// each item (bound through the model's header names), and each row's values
// as written and as compared.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gifkit::models {

enum class LinkItem : std::uint8_t { name, birth_date, sex, address };
inline constexpr std::size_t kLinkItemCount = 4;
std::string_view link_item_name(LinkItem item);  // "name", "birth_date", "sex", "address"

// How two values of an item agree, from the strongest: exact (the same after
// the width fold; a date or an address: the same once normalized), folded
// (the same after the character data's fold: 髙 = 高), reading (the same
// reading, the written names differ), close (one character or digit off, day
// and month swapped, the same 町字 with other numbers), disagree; missing
// when a side has no value (the item then adds nothing).
enum class AgreementLevel : std::uint8_t { missing, exact, folded, reading, close, disagree };
inline constexpr std::size_t kAgreementLevelCount = 6;
std::string_view agreement_level_name(AgreementLevel level);  // "missing", "exact", …
// Agreement in the sense of the rules (all four, three without 性別): the
// same value, or the same once folded. A name only read the same (other
// kanji) is not agreement: such a link is never certain.
inline bool agrees(AgreementLevel level) {
  return level == AgreementLevel::exact || level == AgreementLevel::folded;
}

// The 0-based columns of a file that hold the items (-1: none).
struct LinkItemColumns {
  int family_name = -1, given_name = -1, full_name = -1;
  int family_kana = -1, given_kana = -1, full_kana = -1;
  int birth_date = -1, sex = -1, id = -1;
  int number = -1;           // 法人番号 (a corporation's file)
  std::vector<int> address;  // the address parts, in the model's order
  // The file lists corporations (gif:LegalEntity: 商号 as the name, its
  // カナ, 法人番号, 所在地) rather than people.
  bool corporations = false;
  std::vector<std::string> headers;
  // The items this file has a column for.
  bool has(LinkItem item) const;
};

// Texts as numbers: each distinct text one id, "" id 0, so that records
// compare their items by number and hold each shared text (a household's
// address, a common name) once.
class TextPool {
 public:
  TextPool();
  std::uint32_t intern(std::string_view text);
  std::string_view text(std::uint32_t id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }

 private:
  void grow();
  std::deque<std::string> texts_;
  // Open addressing (linear probing): per slot the text's id + 1 and the
  // high bits of its hash, 0 when free; kept under half full.
  std::vector<std::uint64_t> slots_;
};

// The pools of a linkage: names (as written without spaces, folded, 氏,
// 名), readings, and addresses (by the fold and by the registry).
struct LinkTexts {
  TextPool names, readings, addresses;
  // The reading check (models/engine/checks/name_reading): whether a カナ
  // is a plausible reading of a name, both as written (the same texts
  // validate judges: PersonRecord::get), asked when one side has only the
  // written name and the other only its カナ; nullopt when the check cannot
  // tell. Empty: never asked.
  std::function<std::optional<bool>(std::string_view name, std::string_view kana)> reads_as;
};

// The written items of a record, in this order in PersonRecord::written.
enum class WrittenItem : std::uint8_t { name, kana, birth_date, sex, address, id, number };
inline constexpr std::size_t kWrittenItemCount = 7;

// One row, its items as written and as compared (ids of LinkTexts' pools;
// 0: none).
struct PersonRecord {
  std::uint64_t row = 0;   // record number (the header is row 1)
  std::uint16_t file = 0;  // which file of an audit (LinkResult::files)
  // As written (氏 and 名 joined by a space), one after the other, each
  // 個人番号 in them masked (grammars::mask_individual_numbers_in): what
  // every output shows.
  std::string written;
  // The ID as read when its written form was masked ("" otherwise): an
  // audit tells IDs apart by it (id_key), and never prints it.
  std::string id_read;
  std::array<std::uint32_t, kWrittenItemCount> written_ends{};
  std::string_view get(WrittenItem item) const {
    const auto at = static_cast<std::size_t>(item);
    const std::uint32_t begin = at == 0 ? 0 : written_ends[at - 1];
    return std::string_view(written).substr(begin, written_ends[at] - begin);
  }
  // As compared.
  std::uint32_t name_plain = 0;         // spaces dropped, widths folded (names)
  std::uint32_t name_folded = 0;        // name_plain through the character fold (names)
  std::uint32_t family = 0, given = 0;  // folded, when the name is split (names)
  std::uint32_t given_reading = 0;      // the reading of 名, when split (readings)
  std::uint32_t reading = 0;            // grammars::fold_kana_reading of the kana (readings)
  std::int32_t birth = -1;              // YYYYMMDD, -1 unknown
  // The birth date was read with day and month swapped (1985-24-12: no
  // month 24): it then agrees at most at level close.
  bool birth_swapped = false;
  std::uint8_t sex = 0;  // 1, 2, or 0 unknown
  // The address by the address fold: up to its numbers (方書 set aside:
  // "文京区白山|2-1-2"), and up to its 町字; by the Address Base Registry
  // when it matched the address to a 町字 (its codes and numbers), else 0
  // (addresses).
  std::uint32_t address = 0, town = 0, abr_address = 0, abr_town = 0;
  // The address that blocking and term frequencies use: the registry's, else the fold's.
  std::uint32_t address_for_counts() const { return abr_address != 0 ? abr_address : address; }
  // The ID as read, to tell IDs apart (never to print: get(WrittenItem::id)).
  std::string_view id_key() const { return id_read.empty() ? get(WrittenItem::id) : id_read; }
};

}  // namespace gifkit::models
