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

// The details part.
struct CharacterData::Details {
  std::vector<MjCharacter> mj;  // in the order read (MJ number order from the registry)
  std::unordered_map<std::int64_t, std::size_t> by_number;
  std::unordered_map<std::string, std::vector<std::size_t>> by_sequence;
  std::unordered_map<char32_t, std::vector<std::size_t>> by_base;
  std::unordered_map<std::string, NtaRow> nta;
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

// Fills the details part.
class CharacterData::DetailsBuilder : public MojiRowHandler {
 public:
  explicit DetailsBuilder(std::unique_ptr<CharacterData::Details>& details) : d_(*details) {}

  void mj(const MjRow& row) override {
    auto found = d_.by_number.find(row.mj);
    if (found != d_.by_number.end()) {
      // The same MJ character from the other table: add what it lacks.
      MjCharacter& known = d_.mj[found->second];
      for (const auto& sequence : row.sequences) {
        if (std::find(known.sequences.begin(), known.sequences.end(), sequence) ==
            known.sequences.end()) {
          known.sequences.push_back(sequence);
          index(found->second, sequence);
        }
      }
      if (known.jis_counterpart.empty()) known.jis_counterpart = row.jis_counterpart;
      return;
    }
    std::size_t at = d_.mj.size();
    d_.mj.push_back(row);
    d_.by_number.emplace(row.mj, at);
    for (const auto& sequence : row.sequences) index(at, sequence);
  }

  void nta(const NtaRow& row) override { d_.nta.try_emplace(row.source, row); }

 private:
  void index(std::size_t at, const std::string& sequence) {
    d_.by_sequence[sequence].push_back(at);
    auto& by_base = d_.by_base[first_code_point(sequence)];
    if (std::find(by_base.begin(), by_base.end(), at) == by_base.end()) by_base.push_back(at);
  }
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
  DetailsBuilder builder(details);
  source.read(MojiPart::details, builder);
  for (auto& [base, list] : details->by_base) {
    std::sort(list.begin(), list.end(), [&details](std::size_t a, std::size_t b) {
      return details->mj[a].mj < details->mj[b].mj;
    });
  }
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
  auto it = details_->by_sequence.find(std::string(sequence));
  if (it != details_->by_sequence.end())
    for (std::size_t at : it->second) found.push_back(&details_->mj[at]);
  return found;
}

std::vector<const MjCharacter*> CharacterData::mj_of_base(char32_t base) const {
  load_details();
  std::vector<const MjCharacter*> found;
  auto it = details_->by_base.find(base);
  if (it != details_->by_base.end())
    for (std::size_t at : it->second) found.push_back(&details_->mj[at]);
  return found;
}

const std::vector<MjCharacter>& CharacterData::mj_characters() const {
  load_details();
  return details_->mj;
}

const MjCharacter* CharacterData::mj_number(std::int64_t mj) const {
  load_details();
  auto it = details_->by_number.find(mj);
  return it == details_->by_number.end() ? nullptr : &details_->mj[it->second];
}

const NtaRow* CharacterData::nta(std::string_view sequence) const {
  load_details();
  auto it = details_->nta.find(std::string(sequence));
  return it == details_->nta.end() ? nullptr : &it->second;
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
