// character_data.cpp — see character_data.hpp. Two row handlers fill the
// data: one for the membership part (flags, JIS places, sets), one for the
// details (MJ characters, the NTA map).
#include "registries/moji/character_data.hpp"

#include <algorithm>

#include "grammars/utf8.hpp"
#include "registries/db/source_files.hpp"
#include "registries/moji/moji_store.hpp"

namespace gifkit::registries::moji {
namespace {

constexpr char32_t kFlagTableSize = 0x30000;

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

class RegistryRows : public MojiRowSource {
 public:
  explicit RegistryRows(std::filesystem::path registry) : registry_(std::move(registry)) {}
  void read(MojiPart part, MojiRowHandler& rows) override {
    RegistryDb db = RegistryDb::open_existing(registry_);
    read_moji_rows(db, part, rows);
  }
  std::string name() const override { return registry_.string(); }

 private:
  std::filesystem::path registry_;
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
      const bool membership = *kind == MojiKind::jisx0213 || *kind == MojiKind::set;
      if (membership != (part == MojiPart::membership)) continue;
      SourceStream stream(source.path);
      read_moji_source(stream, *kind, set_name_of(source.path.filename().string()), rows, {});
    }
  }
  std::string name() const override { return folder_.string(); }

 private:
  std::filesystem::path folder_;
};

}  // namespace

std::unique_ptr<MojiRowSource> registry_rows(std::filesystem::path registry) {
  return std::make_unique<RegistryRows>(std::move(registry));
}

std::unique_ptr<MojiRowSource> folder_rows(std::filesystem::path folder) {
  return std::make_unique<FolderRows>(std::move(folder));
}

// The details part: sorted vectors searched by binary search (a hash map
// per key cost more to build than every lookup of a run saves).
struct CharacterData::Details {
  std::vector<MjCharacter> mj;                                     // by MJ number
  std::vector<std::pair<std::string, std::uint32_t>> by_sequence;  // (sequence, index in mj)
  std::vector<std::pair<char32_t, std::uint32_t>> by_base;         // (first code point, index)
  std::vector<NtaRow> nta;                                         // by source
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
    data_.jis_by_sequence_[row.sequence].push_back(data_.jis_.size());
    data_.jis_.push_back(std::move(place));
  }

  void set(const SetInfo& info) override {
    data_.set_infos_[info.name] = info;
    data_.imported_sets_.try_emplace(info.name, info.name,
                                     info.title.empty() ? "the set " + info.name : info.title);
  }

  void set_member(std::string_view set_name, std::string_view sequence) override {
    auto found = data_.imported_sets_.find(set_name);
    if (found == data_.imported_sets_.end()) {
      found = data_.imported_sets_
                  .try_emplace(std::string(set_name), std::string(set_name),
                               "the set " + std::string(set_name))
                  .first;
    }
    found->second.add_sequence(sequence);
    char32_t cp = single_code_point(sequence);
    if (cp == 0) return;
    auto info = data_.set_infos_.find(std::string(set_name));
    if (info == data_.set_infos_.end()) return;
    const std::string& uri = info->second.uri;
    if (uri == kImiJisX0208Uri) set_flags(cp, kInJisX0208 | kInJisX0213);
    if (uri == kImiJisX0213Uri) set_flags(cp, kInJisX0213);
    if (uri == kImiJisX0212Uri) set_flags(cp, kInJisX0212);
    if (uri == kImiKatakanaUri) set_flags(cp, kImiKatakana);
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
};

// Fills the details part: rows are collected, then sorted and indexed once.
class CharacterData::DetailsBuilder : public MojiRowHandler {
 public:
  explicit DetailsBuilder(CharacterData::Details& details) : d_(details) {}

  void mj(const MjRow& row) override { d_.mj.push_back(row); }
  void nta(const NtaRow& row) override { d_.nta.push_back(row); }

  // Merges the rows of one MJ number (the MJ table's and the IVS table's:
  // the first kept, the other's sequences and JIS counterpart added), keeps
  // the first NTA row of a character, and builds the indexes.
  void finish() {
    // Sorted by MJ number (the rows' order kept within a number) through an
    // index: the rows themselves are moved once.
    std::vector<std::pair<std::int64_t, std::uint32_t>> order;
    order.reserve(d_.mj.size());
    for (std::uint32_t i = 0; i < d_.mj.size(); ++i) order.emplace_back(d_.mj[i].mj, i);
    std::sort(order.begin(), order.end());
    std::vector<MjCharacter> merged;
    merged.reserve(d_.mj.size());
    for (const auto& [number, at] : order) {
      MjCharacter& row = d_.mj[at];
      if (!merged.empty() && merged.back().mj == row.mj) {
        MjCharacter& known = merged.back();
        for (auto& sequence : row.sequences) {
          if (std::find(known.sequences.begin(), known.sequences.end(), sequence) ==
              known.sequences.end())
            known.sequences.push_back(std::move(sequence));
        }
        if (known.jis_counterpart.empty()) known.jis_counterpart = std::move(row.jis_counterpart);
        continue;
      }
      merged.push_back(std::move(row));
    }
    d_.mj = std::move(merged);
    for (std::uint32_t i = 0; i < d_.mj.size(); ++i) {
      for (const auto& sequence : d_.mj[i].sequences) {
        d_.by_sequence.emplace_back(sequence, i);
        d_.by_base.emplace_back(first_code_point(sequence), i);
      }
    }
    std::sort(d_.by_sequence.begin(), d_.by_sequence.end());
    std::sort(d_.by_base.begin(), d_.by_base.end());
    d_.by_base.erase(std::unique(d_.by_base.begin(), d_.by_base.end()), d_.by_base.end());
    std::stable_sort(d_.nta.begin(), d_.nta.end(),
                     [](const NtaRow& a, const NtaRow& b) { return a.source < b.source; });
    d_.nta.erase(std::unique(d_.nta.begin(), d_.nta.end(),
                             [](const NtaRow& a, const NtaRow& b) { return a.source == b.source; }),
                 d_.nta.end());
  }

 private:
  CharacterData::Details& d_;
};

CharacterData::CharacterData(std::unique_ptr<MojiRowSource> source)
    : source_(std::move(source)), source_name_(source_->name()) {
  load_membership(*source_);
}

CharacterData::CharacterData(const RegistryDb& db) : source_name_(db.path().string()) {
  class Borrowed : public MojiRowSource {
   public:
    explicit Borrowed(const RegistryDb& db) : db_(db) {}
    void read(MojiPart part, MojiRowHandler& rows) override { read_moji_rows(db_, part, rows); }
    std::string name() const override { return db_.path().string(); }

   private:
    const RegistryDb& db_;
  } borrowed(db);
  load_membership(borrowed);
  load_details_from(borrowed);
  std::call_once(details_once_, [] {});
}

CharacterData::~CharacterData() = default;

void CharacterData::load_membership(MojiRowSource& source) {
  flags_.assign(kFlagTableSize, 0);
  Builder builder(*this);
  source.read(MojiPart::membership, builder);
}

void CharacterData::load_details_from(MojiRowSource& source) const {
  auto details = std::make_unique<Details>();
  DetailsBuilder builder(*details);
  source.read(MojiPart::details, builder);
  builder.finish();
  details_ = std::move(details);
}

void CharacterData::load_details() const {
  std::call_once(details_once_, [this] {
    if (source_) load_details_from(*source_);
    if (!details_) details_ = std::make_unique<Details>();
  });
}

std::vector<const JisPlace*> CharacterData::jis_places(std::string_view sequence) const {
  std::vector<const JisPlace*> places;
  auto found = jis_by_sequence_.find(std::string(sequence));
  if (found != jis_by_sequence_.end())
    for (std::size_t at : found->second) places.push_back(&jis_[at]);
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
  load_details();
  return !details_->mj.empty();
}

bool CharacterData::has_nta() const {
  load_details();
  return !details_->nta.empty();
}

std::vector<const MjCharacter*> CharacterData::mj_of_sequence(std::string_view sequence) const {
  load_details();
  std::vector<const MjCharacter*> found;
  const auto& index = details_->by_sequence;
  auto it =
      std::lower_bound(index.begin(), index.end(), sequence,
                       [](const std::pair<std::string, std::uint32_t>& entry,
                          std::string_view key) { return std::string_view(entry.first) < key; });
  for (; it != index.end() && it->first == sequence; ++it)
    found.push_back(&details_->mj[it->second]);
  return found;
}

std::vector<const MjCharacter*> CharacterData::mj_of_base(char32_t base) const {
  load_details();
  std::vector<const MjCharacter*> found;
  const auto& index = details_->by_base;
  auto it =
      std::lower_bound(index.begin(), index.end(), std::pair<char32_t, std::uint32_t>{base, 0});
  for (; it != index.end() && it->first == base; ++it) found.push_back(&details_->mj[it->second]);
  return found;
}

const std::vector<MjCharacter>& CharacterData::mj_characters() const {
  load_details();
  return details_->mj;
}

const MjCharacter* CharacterData::mj_number(std::int64_t mj) const {
  load_details();
  const auto& rows = details_->mj;
  auto it = std::lower_bound(rows.begin(), rows.end(), mj,
                             [](const MjCharacter& row, std::int64_t key) { return row.mj < key; });
  return it != rows.end() && it->mj == mj ? &*it : nullptr;
}

const NtaRow* CharacterData::nta(std::string_view sequence) const {
  load_details();
  const auto& rows = details_->nta;
  auto it = std::lower_bound(
      rows.begin(), rows.end(), sequence,
      [](const NtaRow& row, std::string_view key) { return std::string_view(row.source) < key; });
  return it != rows.end() && it->source == sequence ? &*it : nullptr;
}

std::size_t CharacterData::mj_count() const {
  load_details();
  return details_->mj.size();
}

std::size_t CharacterData::nta_count() const {
  load_details();
  return details_->nta.size();
}

}  // namespace gifkit::registries::moji
