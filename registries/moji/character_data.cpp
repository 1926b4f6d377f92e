// character_data.cpp — see character_data.hpp. Row handlers fill the data:
// one for the membership part (flags, JIS places, sets), one for the MJ
// characters, one for the NTA map.
#include "registries/moji/character_data.hpp"

#include <algorithm>
#include <cassert>
#include <unordered_map>
#include <utility>

#include "grammars/text/utf8.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/db/source_files.hpp"
#include "registries/moji/moji_store.hpp"

namespace gifkit::registries::moji {
namespace {

constexpr char32_t kFlagTableSize = 0x30000;

// A run that meets many characters reads the tables whole after this many
// partial reads: a partial read costs about a thousandth of the whole MJ
// load's ~0.1 s of CPU (and of the NTA map's ~20 ms), so a run of thousands of
// distinct characters outside the set pays at most about a third more than
// the whole load, and one of a few dozen (the schools file: 8) reads a few
// rows instead of 70,225.
constexpr std::size_t kPartialMjBases = 256;
constexpr std::size_t kPartialNtaRows = 128;

// A code point alone in sequence (UTF-8), or 0 when it holds more than one.
char32_t single_code_point(std::string_view sequence) {
  if (sequence.empty()) return 0;
  std::size_t pos = 0;
  char32_t cp = grammars::decode_utf8(sequence, pos);
  return pos == sequence.size() ? cp : 0;
}

char32_t first_code_point(std::string_view sequence) {
  if (sequence.empty()) return 0;
  std::size_t pos = 0;
  return grammars::decode_utf8(sequence, pos);
}

// A whole part is read through a connection of its own; the partial reads
// share one, opened at the first (CharacterData makes them one at a time).
class RegistryRows : public MojiRowSource {
 public:
  explicit RegistryRows(std::filesystem::path registry) : registry_(std::move(registry)) {}
  void read(MojiPart part, MojiRowHandler& rows) override {
    RegistryDb db = RegistryDb::open_existing(registry_);
    read_moji_rows(db, part, rows);
  }
  bool read_mj_of_base(char32_t base, MojiRowHandler& rows) override {
    return on_db([&](const RegistryDb& db) { return read_mj_rows_of_base(db, base, rows); });
  }
  bool read_mj_number(std::int64_t mj, MojiRowHandler& rows) override {
    return on_db([&](const RegistryDb& db) {
      read_mj_rows_of_number(db, mj, rows);
      return true;
    });
  }
  bool read_nta_of(std::string_view source, MojiRowHandler& rows) override {
    return on_db([&](const RegistryDb& db) {
      read_nta_row_of(db, source, rows);
      return true;
    });
  }
  std::optional<bool> holds(MojiPart part) override {
    return on_db([&](const RegistryDb& db) { return holds_moji_rows(db, part); });
  }
  // A server's connection string without its password (messages show it).
  std::string name() const override { return redacted_registry_name(registry_.native()); }

 private:
  // Runs read on the shared connection (opened when there is none); a
  // connection the server lost is dropped, so that the next read opens one.
  template <class Read>
  auto on_db(Read read) -> decltype(read(std::declval<const RegistryDb&>())) {
    if (!db_) db_.emplace(RegistryDb::open_existing(registry_));
    try {
      return read(*db_);
    } catch (const RegistryUnavailable&) {
      db_.reset();
      throw;
    }
  }
  std::filesystem::path registry_;
  std::optional<RegistryDb> db_;
};

class FolderRows : public MojiRowSource {
 public:
  explicit FolderRows(std::filesystem::path folder) : folder_(std::move(folder)) {}
  void read(MojiPart part, MojiRowHandler& rows) override {
    std::error_code error;
    if (!std::filesystem::is_directory(folder_, error))
      throw RegistryError(folder_.string() + ": no such folder");
    for (const auto& source : expand_source_folders({folder_.string()})) {
      std::optional<MojiKind> kind;
      {
        SourceStream head(source.path);
        kind = detect_moji_kind(head).kind;
      }
      if (!kind) continue;
      if (part_of(*kind) != part) continue;
      SourceStream stream(source.path);
      read_moji_source(stream, *kind, set_name_of(source.path.filename().string()), rows, {});
    }
  }
  std::string name() const override { return folder_.string(); }

 private:
  std::filesystem::path folder_;
};

}  // namespace

bool MojiRowSource::read_mj_of_base(char32_t, MojiRowHandler&) {
  return false;
}

bool MojiRowSource::read_mj_number(std::int64_t, MojiRowHandler&) {
  return false;
}

bool MojiRowSource::read_nta_of(std::string_view, MojiRowHandler&) {
  return false;
}

std::optional<bool> MojiRowSource::holds(MojiPart) {
  return std::nullopt;
}

std::unique_ptr<MojiRowSource> registry_rows(std::filesystem::path registry) {
  return std::make_unique<RegistryRows>(std::move(registry));
}

std::unique_ptr<MojiRowSource> folder_rows(std::filesystem::path folder) {
  return std::make_unique<FolderRows>(std::move(folder));
}

// The details: sorted vectors searched by binary search (a hash map per
// key cost more to build than every lookup of a run saves).
struct CharacterData::MjDetails {
  std::vector<MjCharacter> mj;                              // by MJ number
  std::vector<std::pair<char32_t, std::uint32_t>> by_base;  // (first code point, index in mj)
};

struct CharacterData::NtaDetails {
  std::vector<NtaRow> nta;  // by source, the first row of a character
};

// Fills the membership part.
class CharacterData::Builder : public MojiRowHandler {
 public:
  explicit Builder(CharacterData& data) : data_(data) {}

  void jis(const JisRow& row) override {
    JisPlace place{row.position, row.sequence, moji::jis_level(row.position), row.added};
    std::uint16_t flags = kInJisX0213;
    if (row.added == 0 && row.position.plane == 1) flags |= kInJisX0208;
    flags |= static_cast<std::uint16_t>(place.level << kJisLevelShift);
    if (row.position.plane == 2) flags |= kJisPlane2;
    if (char32_t cp = single_code_point(row.sequence); cp != 0) {
      set_flags(cp, flags);
    } else if (std::find(data_.jis_sequences_.begin(), data_.jis_sequences_.end(), row.sequence) ==
               data_.jis_sequences_.end()) {
      data_.jis_sequences_.push_back(row.sequence);
    }
    for (char32_t alternate : row.alternates) set_flags(alternate, flags);
    data_.jis_.push_back(std::move(place));
  }

  void set(const SetInfo& info) override {
    data_.set_infos_[info.name] = info;
    member_set_ = nullptr;  // its members' flags looked up again
    data_.imported_sets_.try_emplace(info.name, info.name,
                                     info.title.empty() ? "the set " + info.name : info.title);
  }

  void set_member(std::string_view set_name, std::string_view sequence) override {
    // The members come set by set: the set and the flags its URI gives are
    // looked up when the set changes (26,017 members, 5 sets).
    if (member_set_ == nullptr || set_name != member_set_->name()) {
      auto found = data_.imported_sets_.find(set_name);
      if (found == data_.imported_sets_.end()) {
        found = data_.imported_sets_
                    .try_emplace(std::string(set_name), std::string(set_name),
                                 "the set " + std::string(set_name))
                    .first;
      }
      member_set_ = &found->second;
      member_flags_ = 0;
      auto info = data_.set_infos_.find(std::string(set_name));
      if (info != data_.set_infos_.end()) {
        const std::string& uri = info->second.uri;
        if (uri == kImiJisX0208Uri) member_flags_ |= kInJisX0208 | kInJisX0213;
        if (uri == kImiJisX0213Uri) member_flags_ |= kInJisX0213;
        if (uri == kImiJisX0212Uri) member_flags_ |= kInJisX0212;
        if (uri == kImiKatakanaUri) member_flags_ |= kImiKatakana;
      }
    }
    member_set_->add_sequence(sequence);
    if (member_flags_ == 0) return;
    if (char32_t cp = single_code_point(sequence); cp != 0) set_flags(cp, member_flags_);
  }

 private:
  void set_flags(char32_t cp, std::uint16_t flags) {
    if (cp >= data_.flags_.size()) return;
    // The level of a place is kept; a second place of the same code point
    // (an alternate) only adds membership.
    if ((data_.flags_[cp] & kJisLevelMask) != 0) flags &= ~kJisLevelMask;
    data_.flags_[cp] |= flags;
  }

  CharacterData& data_;
  CharacterSet* member_set_ = nullptr;  // the set of the last member, and the flags it gives
  std::uint16_t member_flags_ = 0;
};

// Fills the MJ part: rows are collected, then sorted and indexed once.
class CharacterData::MjBuilder : public MojiRowHandler {
 public:
  explicit MjBuilder(CharacterData::MjDetails& details) : d_(details) {}

  void mj(MjRow&& row) override { d_.mj.push_back(std::move(row)); }

  // Merges the rows of one MJ number (the MJ table's and the IVS table's:
  // the first kept, the other's sequences and JIS counterpart added) and
  // builds the indexes.
  void finish() {
    // Sorted by MJ number (the rows' order kept within a number) through an
    // index: the rows themselves are moved once. Each table comes in MJ
    // order, so the index is a few sorted runs, merged in linear time.
    std::vector<std::pair<std::int64_t, std::uint32_t>> order;
    order.reserve(d_.mj.size());
    for (std::uint32_t i = 0; i < d_.mj.size(); ++i) order.emplace_back(d_.mj[i].mj, i);
    sort_runs(order);
    std::vector<MjCharacter> merged;
    merged.reserve(d_.mj.size());
    for (const auto& [number, at] : order) add_merged(merged, std::move(d_.mj[at]));
    d_.mj = std::move(merged);
    index_by_base();
  }

  // Appends row to merged (in MJ order), or merges it into merged's last
  // row when that has its MJ number: the first row's fields kept, the
  // other's sequences and JIS counterpart added.
  static void add_merged(std::vector<MjCharacter>& merged, MjCharacter&& row) {
    assert(merged.empty() || merged.back().mj <= row.mj);
    if (merged.empty() || merged.back().mj != row.mj) {
      merged.push_back(std::move(row));
      return;
    }
    MjCharacter& known = merged.back();
    for (auto& sequence : row.sequences) {
      if (std::find(known.sequences.begin(), known.sequences.end(), sequence) ==
          known.sequences.end())
        known.sequences.push_back(std::move(sequence));
    }
    if (known.jis_counterpart.empty()) known.jis_counterpart = std::move(row.jis_counterpart);
  }

 private:
  // Sorts order: merges its ascending runs when there are few (the tables'
  // own order), else sorts it.
  static void sort_runs(std::vector<std::pair<std::int64_t, std::uint32_t>>& order) {
    std::vector<std::size_t> run_ends;
    for (std::size_t i = 1; i < order.size(); ++i)
      if (order[i] < order[i - 1]) run_ends.push_back(i);
    if (run_ends.size() > 8) {
      std::sort(order.begin(), order.end());
      return;
    }
    for (std::size_t end : run_ends) {
      auto tail =
          std::is_sorted_until(order.begin() + static_cast<std::ptrdiff_t>(end), order.end());
      std::inplace_merge(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(end), tail);
    }
    assert(std::is_sorted(order.begin(), order.end()));
  }

  // (first code point, index) of every sequence, sorted and unique: a
  // counting sort by code point (the indexes come in ascending order).
  void index_by_base() {
    std::vector<std::pair<char32_t, std::uint32_t>> entries;
    char32_t largest = 0;
    for (std::uint32_t i = 0; i < d_.mj.size(); ++i) {
      for (const auto& sequence : d_.mj[i].sequences) {
        const char32_t base = first_code_point(sequence);
        entries.emplace_back(base, i);
        largest = std::max(largest, base);
      }
    }
    std::vector<std::uint32_t> start(static_cast<std::size_t>(largest) + 2, 0);
    for (const auto& entry : entries) ++start[entry.first + 1];
    for (std::size_t cp = 1; cp < start.size(); ++cp) start[cp] += start[cp - 1];
    d_.by_base.resize(entries.size());
    for (const auto& entry : entries) d_.by_base[start[entry.first]++] = entry;
    d_.by_base.erase(std::unique(d_.by_base.begin(), d_.by_base.end()), d_.by_base.end());
    assert(std::is_sorted(d_.by_base.begin(), d_.by_base.end()));
  }

  CharacterData::MjDetails& d_;
};

namespace {

// Collects the NTA map's rows.
class NtaCollector : public MojiRowHandler {
 public:
  explicit NtaCollector(std::vector<NtaRow>& rows) : rows_(rows) {}
  void nta(const NtaRow& row) override { rows_.push_back(row); }

 private:
  std::vector<NtaRow>& rows_;
};

// Collects MJ rows as read.
class MjCollector : public MojiRowHandler {
 public:
  explicit MjCollector(std::vector<MjRow>& rows) : rows_(rows) {}
  void mj(MjRow&& row) override { rows_.push_back(std::move(row)); }

 private:
  std::vector<MjRow>& rows_;
};

}  // namespace

// The details read in part: every MJ character read (by its number, with
// all its rows merged), the bases asked for, the NTA rows asked for.
struct CharacterData::Partial {
  std::mutex lock;
  std::deque<MjCharacter> mj;  // a deque: the pointers handed out stay valid
  std::unordered_map<std::int64_t, const MjCharacter*> mj_by_number;  // nullptr: no such number
  std::unordered_map<char32_t, std::vector<const MjCharacter*>> mj_by_base;
  std::deque<NtaRow> nta;
  std::map<std::string, const NtaRow*, std::less<>> nta_by_source;  // nullptr: none
  bool mj_of_base_whole = false;  // the source cannot read these in part
  bool mj_number_whole = false;
  bool nta_whole = false;
  std::map<MojiPart, std::optional<bool>> holds;

  // The MJ characters of rows (as a source reads them: each table in MJ
  // order), merged by number as the whole part's load merges them, kept:
  // a number kept before keeps its first copy. In MJ order.
  std::vector<const MjCharacter*> keep_mj(std::vector<MjRow>&& rows) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const MjRow& a, const MjRow& b) { return a.mj < b.mj; });
    std::vector<MjCharacter> merged;
    for (MjRow& row : rows) MjBuilder::add_merged(merged, std::move(row));
    std::vector<const MjCharacter*> kept;
    for (MjCharacter& character : merged) {
      const MjCharacter*& slot = mj_by_number[character.mj];
      if (slot == nullptr) {
        mj.push_back(std::move(character));
        slot = &mj.back();
      }
      kept.push_back(slot);
    }
    return kept;
  }
};

CharacterData::CharacterData(std::unique_ptr<MojiRowSource> source)
    : source_(std::move(source)),
      source_name_(source_->name()),
      partial_(std::make_unique<Partial>()) {
  load_membership(*source_);
}

CharacterData::CharacterData(const RegistryDb& db)
    : source_name_(db.path().string()), partial_(std::make_unique<Partial>()) {
  class Borrowed : public MojiRowSource {
   public:
    explicit Borrowed(const RegistryDb& db) : db_(db) {}
    void read(MojiPart part, MojiRowHandler& rows) override { read_moji_rows(db_, part, rows); }
    std::string name() const override { return db_.path().string(); }

   private:
    const RegistryDb& db_;
  } borrowed(db);
  load_membership(borrowed);
  load_mj_from(borrowed);
  load_nta_from(borrowed);
  std::call_once(mj_once_, [] {});
  std::call_once(nta_once_, [] {});
  mj_whole_.store(true, std::memory_order_release);
  nta_whole_.store(true, std::memory_order_release);
}

CharacterData::~CharacterData() = default;

void CharacterData::load_membership(MojiRowSource& source) {
  flags_.assign(kFlagTableSize, 0);
  Builder builder(*this);
  source.read(MojiPart::membership, builder);
  assert(jis_.size() <= UINT32_MAX);
  // Sorted by (sequence, index) through views of the sequences: the deque
  // is not indexed at every comparison (a stable sort through it was 15 % of
  // the instructions of a chars check on a one-line file).
  // The first 8 bytes, big-endian and zero-padded, order as the bytes do (a
  // sequence holds no NUL): most comparisons end there, without memcmp.
  struct Key {
    std::uint64_t prefix;
    std::string_view sequence;
    std::uint32_t index;
    bool operator<(const Key& other) const {
      if (prefix != other.prefix) return prefix < other.prefix;
      if (sequence != other.sequence) return sequence < other.sequence;
      return index < other.index;
    }
  };
  std::vector<Key> keys;
  keys.reserve(jis_.size());
  for (std::uint32_t i = 0; i < jis_.size(); ++i) {
    const std::string& sequence = jis_[i].sequence;
    std::uint64_t prefix = 0;
    for (std::size_t b = 0; b < 8; ++b)
      prefix = (prefix << 8) | (b < sequence.size() ? static_cast<unsigned char>(sequence[b]) : 0);
    keys.push_back({prefix, sequence, i});
  }
  std::sort(keys.begin(), keys.end());
  jis_by_sequence_.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) jis_by_sequence_[i] = keys[i].index;
}

void CharacterData::load_mj_from(MojiRowSource& source) const {
  auto details = std::make_unique<MjDetails>();
  MjBuilder builder(*details);
  source.read(MojiPart::mj, builder);
  builder.finish();
  mj_ = std::move(details);
}

// Keeps the first row of a character, sorted by character (through an
// index: the rows themselves are moved once).
void CharacterData::load_nta_from(MojiRowSource& source) const {
  std::vector<NtaRow> rows;
  NtaCollector collector(rows);
  source.read(MojiPart::nta, collector);
  std::vector<std::uint32_t> order(rows.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&rows](std::uint32_t a, std::uint32_t b) {
    return rows[a].source < rows[b].source;
  });
  auto details = std::make_unique<NtaDetails>();
  details->nta.reserve(rows.size());
  for (std::uint32_t at : order) {
    if (!details->nta.empty() && details->nta.back().source == rows[at].source) continue;
    details->nta.push_back(std::move(rows[at]));
  }
  nta_ = std::move(details);
}

const CharacterData::MjDetails& CharacterData::mj_details() const {
  std::call_once(mj_once_, [this] {
    if (source_) load_mj_from(*source_);
    if (!mj_) mj_ = std::make_unique<MjDetails>();
    mj_whole_.store(true, std::memory_order_release);
  });
  return *mj_;
}

const CharacterData::NtaDetails& CharacterData::nta_details() const {
  std::call_once(nta_once_, [this] {
    if (source_) load_nta_from(*source_);
    if (!nta_) nta_ = std::make_unique<NtaDetails>();
    nta_whole_.store(true, std::memory_order_release);
  });
  return *nta_;
}

std::optional<std::vector<const MjCharacter*>> CharacterData::partial_mj_of_base(
    char32_t base) const {
  if (!source_ || mj_whole_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard<std::mutex> lock(partial_->lock);
  if (partial_->mj_of_base_whole) return std::nullopt;
  if (auto known = partial_->mj_by_base.find(base); known != partial_->mj_by_base.end())
    return known->second;
  if (partial_->mj_by_base.size() >= kPartialMjBases) {
    partial_->mj_of_base_whole = true;  // many characters: the whole tables now
    return std::nullopt;
  }
  std::vector<MjRow> rows;
  MjCollector collector(rows);
  if (!source_->read_mj_of_base(base, collector)) {
    partial_->mj_of_base_whole = true;
    return std::nullopt;
  }
  std::vector<const MjCharacter*> found;
  for (const MjCharacter* character : partial_->keep_mj(std::move(rows))) {
    const bool of_base = std::any_of(
        character->sequences.begin(), character->sequences.end(),
        [base](const std::string& sequence) { return first_code_point(sequence) == base; });
    if (of_base) found.push_back(character);
  }
  partial_->mj_by_base.emplace(base, found);
  return found;
}

std::optional<const MjCharacter*> CharacterData::partial_mj_number(std::int64_t mj) const {
  if (!source_ || mj_whole_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard<std::mutex> lock(partial_->lock);
  if (partial_->mj_number_whole) return std::nullopt;
  if (auto known = partial_->mj_by_number.find(mj); known != partial_->mj_by_number.end())
    return known->second;
  std::vector<MjRow> rows;
  MjCollector collector(rows);
  if (!source_->read_mj_number(mj, collector)) {
    partial_->mj_number_whole = true;
    return std::nullopt;
  }
  std::erase_if(rows, [mj](const MjRow& row) { return row.mj != mj; });
  const std::vector<const MjCharacter*> kept = partial_->keep_mj(std::move(rows));
  assert(kept.size() <= 1);
  if (kept.empty()) {
    partial_->mj_by_number.emplace(mj, nullptr);
    return nullptr;
  }
  return kept.front();
}

std::optional<const NtaRow*> CharacterData::partial_nta(std::string_view sequence) const {
  if (!source_ || nta_whole_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard<std::mutex> lock(partial_->lock);
  if (partial_->nta_whole) return std::nullopt;
  if (auto known = partial_->nta_by_source.find(sequence); known != partial_->nta_by_source.end())
    return known->second;
  if (partial_->nta_by_source.size() >= kPartialNtaRows) {
    partial_->nta_whole = true;  // many characters: the whole map now
    return std::nullopt;
  }
  std::vector<NtaRow> rows;
  NtaCollector collector(rows);
  if (!source_->read_nta_of(sequence, collector)) {
    partial_->nta_whole = true;
    return std::nullopt;
  }
  const NtaRow* kept = nullptr;
  for (NtaRow& row : rows) {
    if (row.source != sequence) continue;
    partial_->nta.push_back(std::move(row));  // the first row of the character, as the whole map
    kept = &partial_->nta.back();
    break;
  }
  partial_->nta_by_source.emplace(std::string(sequence), kept);
  return kept;
}

std::optional<bool> CharacterData::partial_holds(MojiPart part) const {
  if (!source_) return std::nullopt;
  std::lock_guard<std::mutex> lock(partial_->lock);
  auto known = partial_->holds.find(part);
  if (known == partial_->holds.end())
    known = partial_->holds.emplace(part, source_->holds(part)).first;
  return known->second;
}

std::vector<const JisPlace*> CharacterData::jis_places(std::string_view sequence) const {
  std::vector<const JisPlace*> places;
  struct BySequence {
    const std::deque<JisPlace>& places;
    bool operator()(std::uint32_t at, std::string_view wanted) const {
      return places[at].sequence < wanted;
    }
    bool operator()(std::string_view wanted, std::uint32_t at) const {
      return wanted < places[at].sequence;
    }
  };
  auto [first, last] = std::equal_range(jis_by_sequence_.begin(), jis_by_sequence_.end(), sequence,
                                        BySequence{jis_});
  for (auto at = first; at != last; ++at) places.push_back(&jis_[*at]);
  return places;
}

const JisPlace* CharacterData::jis_place(const JisPosition& position) const {
  for (const JisPlace& place : jis_)
    if (place.position == position) return &place;
  return nullptr;
}

const CharacterSet* CharacterData::imported_set(std::string_view name) const {
  auto found = imported_sets_.find(name);
  return found == imported_sets_.end() ? nullptr : &found->second;
}

bool CharacterData::has_mj() const {
  if (!mj_whole_.load(std::memory_order_acquire))
    if (std::optional<bool> held = partial_holds(MojiPart::mj)) return *held;
  return !mj_details().mj.empty();
}

bool CharacterData::has_nta() const {
  if (!nta_whole_.load(std::memory_order_acquire))
    if (std::optional<bool> held = partial_holds(MojiPart::nta)) return *held;
  return !nta_details().nta.empty();
}

std::vector<const MjCharacter*> CharacterData::mj_of_sequence(std::string_view sequence) const {
  // Among the characters of its base (few), those written so.
  std::vector<const MjCharacter*> found = mj_of_base(first_code_point(sequence));
  std::erase_if(found, [sequence](const MjCharacter* character) {
    return std::find(character->sequences.begin(), character->sequences.end(), sequence) ==
           character->sequences.end();
  });
  return found;
}

std::vector<const MjCharacter*> CharacterData::mj_of_base(char32_t base) const {
  if (auto found = partial_mj_of_base(base)) return std::move(*found);
  const MjDetails& details = mj_details();
  std::vector<const MjCharacter*> found;
  const auto& index = details.by_base;
  auto it =
      std::lower_bound(index.begin(), index.end(), std::pair<char32_t, std::uint32_t>{base, 0});
  for (; it != index.end() && it->first == base; ++it) found.push_back(&details.mj[it->second]);
  return found;
}

const std::vector<MjCharacter>& CharacterData::mj_characters() const {
  return mj_details().mj;
}

const MjCharacter* CharacterData::mj_number(std::int64_t mj) const {
  if (auto found = partial_mj_number(mj)) return *found;
  const auto& rows = mj_details().mj;
  auto it = std::lower_bound(rows.begin(), rows.end(), mj,
                             [](const MjCharacter& row, std::int64_t key) { return row.mj < key; });
  return it != rows.end() && it->mj == mj ? &*it : nullptr;
}

const NtaRow* CharacterData::nta(std::string_view sequence) const {
  if (auto found = partial_nta(sequence)) return *found;
  const auto& rows = nta_details().nta;
  auto it = std::lower_bound(
      rows.begin(), rows.end(), sequence,
      [](const NtaRow& row, std::string_view key) { return std::string_view(row.source) < key; });
  return it != rows.end() && it->source == sequence ? &*it : nullptr;
}

std::size_t CharacterData::mj_count() const {
  return mj_details().mj.size();
}

std::size_t CharacterData::nta_count() const {
  return nta_details().nta.size();
}

}  // namespace gifkit::registries::moji
