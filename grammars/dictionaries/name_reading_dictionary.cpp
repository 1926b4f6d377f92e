// name_reading_dictionary.cpp — see name_reading_dictionary.hpp.
#include "grammars/dictionaries/name_reading_dictionary.hpp"

#include "grammars/text/kana_reading.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grammars/dictionaries/enamdict_names.hpp"
#include "grammars/dictionaries/name_readings_cache.hpp"
#include "grammars/dictionaries/romaji_words.hpp"
#include "grammars/dictionaries/unidic_names.hpp"
#include "grammars/text/edit_distance.hpp"
#include "grammars/text/text_fold.hpp"
#include "grammars/text/utf8.hpp"

namespace gifkit::grammars {

namespace {

// Every person line begins so; the part follows, then "))".
constexpr std::string_view kPersonPrefix = "(品詞 (名詞 固有名詞 人名 ";
constexpr std::string_view kFamilyTag = "姓))";
constexpr std::string_view kGivenTag = "名))";
constexpr std::string_view kHeadwordTag = "(見出し語 ";
constexpr std::string_view kReadingTag = "(読み ";
constexpr std::string_view kDebianPath = "/usr/share/chasen/dic/naist-jdic-utf8/naist-jdic.dic";
constexpr std::string_view kEnamdictPath = "/usr/share/edict/enamdict";
constexpr std::string_view kUnidicPath = "/usr/share/mecab/dic/unidic/lex_3_1.csv";

// The headword of a line: `(見出し語 (佐藤 1667))` or `(見出し語 佐藤)`; "" when
// the line has none that can be read.
std::string_view headword_of(std::string_view line) {
  const std::size_t at = line.find(kHeadwordTag);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + kHeadwordTag.size());
  if (!rest.empty() && rest.front() == '(') rest.remove_prefix(1);
  const std::size_t end = rest.find_first_of(" )");
  if (end == std::string_view::npos) return {};
  return rest.substr(0, end);
}

// The readings of a line: `(読み サトウ)` or `(読み {コウノ/カワノ})`; false when
// there are none that can be read (no tag, an empty reading, an unclosed brace).
bool readings_of(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  const std::size_t at = line.find(kReadingTag);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + kReadingTag.size());
  if (!rest.empty() && rest.front() == '{') {
    const std::size_t close = rest.find('}');
    if (close == std::string_view::npos) return false;
    std::string_view list = rest.substr(1, close - 1);
    while (true) {
      const std::size_t slash = list.find('/');
      const std::string_view one = list.substr(0, slash);
      if (one.empty()) return false;
      out.emplace_back(one);
      if (slash == std::string_view::npos) break;
      list.remove_prefix(slash + 1);
    }
    return true;
  }
  const std::size_t end = rest.find_first_of(" )");
  if (end == std::string_view::npos || end == 0) return false;
  out.emplace_back(rest.substr(0, end));
  return true;
}

// Adds the readings of more to have, each once.
void merge_readings(std::vector<std::string>& have, std::vector<std::string> more) {
  for (auto& reading : more) {
    bool known = false;
    for (const auto& old : have) known = known || old == reading;
    if (!known) have.push_back(std::move(reading));
  }
}

// Hiragana turned to katakana, for readings written in hiragana (ENAMDICT).
void to_katakana(std::vector<std::string>& readings) {
  for (auto& reading : readings) {
    bool hiragana = false;
    for (std::size_t i = 0; i + 2 < reading.size() && !hiragana; ++i)
      hiragana = static_cast<unsigned char>(reading[i]) == 0xE3 &&
                 (static_cast<unsigned char>(reading[i + 1]) == 0x81 ||
                  static_cast<unsigned char>(reading[i + 1]) == 0x82);
    if (hiragana) reading = hiragana_to_katakana(reading);
  }
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

const std::vector<std::string>* NameReadings::readings(std::string_view headword,
                                                       NamePart part) const {
  const Map& map = part == NamePart::family ? family_ : part == NamePart::given ? given_ : full_;
  const auto found = map.find(headword);
  return found == map.end() ? nullptr : &found->second;
}

const std::vector<std::string>* NameReadings::unclassified_readings(
    std::string_view headword) const {
  const auto found = unclassified_.find(headword);
  return found == unclassified_.end() ? nullptr : &found->second;
}

const std::vector<FullNameSplit>* NameReadings::full_name_splits(std::string_view headword) const {
  const auto found = splits_.find(headword);
  return found == splits_.end() ? nullptr : &found->second;
}

const std::vector<std::string>* NameReadings::foreign_readings(std::string_view latin_word) const {
  const auto found = foreign_.find(latin_word);
  return found == foreign_.end() ? nullptr : &found->second;
}

const std::vector<std::u32string>* NameReadings::character_readings(char32_t character) const {
  const auto found = characters_.find(character);
  return found == characters_.end() ? nullptr : &found->second;
}

void NameReadings::for_each(
    NamePart part,
    const std::function<void(const std::string& headword,
                             const std::vector<std::string>& readings)>& visit) const {
  const Map& map = part == NamePart::family ? family_ : part == NamePart::given ? given_ : full_;
  for (const auto& [headword, readings] : map) visit(headword, readings);
}

bool NameReadings::is_romaji_of_a_name(std::string_view romaji) const {
  std::call_once(romaji_->built, [this] {
    for (const Map* map : {&family_, &given_})
      for (const auto& [headword, readings] : *map)
        for (const std::string& reading : readings)
          if (std::optional<std::string> spelling =
                  romaji_spelling_of_kana(to_code_points(reading)))
            romaji_->spellings.insert(std::move(*spelling));
  });
  return romaji_->spellings.find(romaji) != romaji_->spellings.end();
}

void NameReadings::reserve(std::size_t headwords) {
  family_.reserve(family_.size() + headwords * 2 / 5);
  given_.reserve(given_.size() + headwords * 3 / 5);
}

void NameReadings::reserve_more(std::size_t full, std::size_t unclassified, std::size_t foreign) {
  full_.reserve(full_.size() + full);
  unclassified_.reserve(unclassified_.size() + unclassified);
  foreign_.reserve(foreign_.size() + foreign);
}

void NameReadings::add(NamePart part, std::string headword, std::vector<std::string> readings) {
  assert(!headword.empty());
  to_katakana(readings);
  if (part == NamePart::family) {
    const std::size_t chars = count_code_points(headword);
    if (chars > longest_family_) longest_family_ = chars;
  }
  Map& map = part == NamePart::family ? family_ : part == NamePart::given ? given_ : full_;
  auto [slot, fresh] = map.try_emplace(std::move(headword));
  if (fresh) {
    slot->second = std::move(readings);
    return;
  }
  merge_readings(slot->second, std::move(readings));  // a second line of the same headword
}

void NameReadings::add_one(NamePart part, std::string_view headword, std::string_view reading) {
  assert(!headword.empty());
  if (part == NamePart::family) {
    const std::size_t chars = count_code_points(headword);
    if (chars > longest_family_) longest_family_ = chars;
  }
  Map& map = part == NamePart::family ? family_ : part == NamePart::given ? given_ : full_;
  auto [slot, fresh] = map.try_emplace(std::string(headword));  // one look-up; most fit SSO
  for (const auto& have : slot->second)
    if (have == reading) return;
  slot->second.emplace_back(reading);
}

void NameReadings::add_unclassified(std::string headword, std::vector<std::string> readings) {
  to_katakana(readings);
  merge_readings(unclassified_[std::move(headword)], std::move(readings));
}

void NameReadings::add_full_split(std::string headword, std::string family_reading,
                                  std::string given_reading) {
  pending_splits_.push_back({std::move(headword), hiragana_to_katakana(family_reading),
                             hiragana_to_katakana(given_reading)});
}

void NameReadings::add_foreign(std::string_view latin_word, std::string katakana) {
  std::string key = fold_latin_word(latin_word);
  if (key.empty() || katakana.empty()) return;
  merge_readings(foreign_[std::move(key)], {std::move(katakana)});
}

void NameReadings::merge(NameReadings&& other) {
  auto join = [](Map& into, Map& from) {
    if (into.empty()) {
      into.swap(from);
      return;
    }
    into.reserve(into.size() + from.size());
    while (!from.empty()) {
      auto node = from.extract(from.begin());
      const auto found = into.find(node.key());
      if (found == into.end()) {
        into.insert(std::move(node));
      } else {  // other's readings first
        std::vector<std::string> mine = std::move(found->second);
        found->second = std::move(node.mapped());
        merge_readings(found->second, std::move(mine));
      }
    }
  };
  join(family_, other.family_);
  join(given_, other.given_);
  join(full_, other.full_);
  join(unclassified_, other.unclassified_);
  join(foreign_, other.foreign_);
  for (auto& pending : other.pending_splits_) pending_splits_.push_back(std::move(pending));
  other.sources_.insert(other.sources_.end(), sources_.begin(), sources_.end());
  sources_ = std::move(other.sources_);
  longest_family_ = std::max(longest_family_, other.longest_family_);
  entries += other.entries;
  skipped += other.skipped;
}

void NameReadings::add_source(NameSource source) {
  sources_.push_back(std::move(source));
}

NameReadings parse_name_readings(std::string_view text) {
  NameReadings dictionary;
  parse_name_readings_into(text, dictionary, {});
  return dictionary;
}

std::uint64_t parse_name_readings_into(std::string_view text, NameReadings& dictionary,
                                       const KeepHeadword& keep) {
  std::uint64_t added = 0;
  std::vector<std::string> readings;
  // Only one line in nine is a person's: jump from one person prefix to the next
  // (memmem) instead of walking every line.
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* hit =
        memmem(text.data() + pos, text.size() - pos, kPersonPrefix.data(), kPersonPrefix.size());
    if (hit == nullptr) break;
    const std::size_t start = static_cast<const char*>(hit) - text.data();
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    pos = end;
    if (start > 0 && text[start - 1] != '\n') continue;  // not at a line's start
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view tag = line.substr(kPersonPrefix.size());
    // The part's letter (3 bytes): 姓 or 名; 人名 一般 is a person known by one name.
    NamePart part;
    if (tag.starts_with(kFamilyTag.substr(0, 3))) {
      part = NamePart::family;
    } else if (tag.starts_with(kGivenTag.substr(0, 3))) {
      part = NamePart::given;
    } else {
      continue;
    }
    ++dictionary.entries;
    const std::string_view headword = headword_of(line);
    if (!tag.starts_with(part == NamePart::family ? kFamilyTag : kGivenTag) || headword.empty() ||
        !readings_of(line, readings) || find_invalid_utf8(headword) != std::string_view::npos) {
      ++dictionary.skipped;
      continue;
    }
    if (keep && !keep(headword)) continue;
    if (readings.size() == 1) {
      dictionary.add_one(part, headword, readings[0]);
    } else {
      dictionary.add(part, std::string(headword), readings);
    }
    ++added;
  }
  return added;
}

bool with_file_lines(const std::filesystem::path& path,
                     const std::function<void(std::string_view)>& use) {
  // Read in blocks, not mapped: mapping UniDic's 233 MB counted it all in the
  // process's RSS and cost more page faults than the copy costs.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return false;
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  constexpr std::size_t kBlock = std::size_t{4} << 20;
  std::string buffer(kBlock, '\0');
  std::size_t kept = 0;  // the start of a line carried over from the last block
  bool ok = true;
  while (true) {
    if (kept == buffer.size()) buffer.resize(buffer.size() * 2);  // a line longer than a block
    const ssize_t got = ::read(fd, buffer.data() + kept, buffer.size() - kept);
    if (got < 0) {
      ok = false;
      break;
    }
    const std::size_t filled = kept + static_cast<std::size_t>(got);
    if (got == 0) {
      if (filled > 0) use(std::string_view(buffer.data(), filled));  // no newline at the end
      break;
    }
    const std::string_view text(buffer.data(), filled);
    const std::size_t last = text.rfind('\n');
    if (last == std::string_view::npos) {
      kept = filled;
      continue;
    }
    use(text.substr(0, last + 1));
    kept = filled - last - 1;
    std::memmove(buffer.data(), buffer.data() + last + 1, kept);
  }
  ::close(fd);
  return ok;
}

std::optional<NameReadings> read_name_readings(const std::filesystem::path& path) {
  NameReadings dictionary;
  if (!with_file_lines(
          path, [&](std::string_view text) { parse_name_readings_into(text, dictionary, {}); }))
    return std::nullopt;
  return dictionary;
}

namespace {
std::filesystem::path from_env(const char* variable, std::string_view fallback) {
  const char* given = std::getenv(variable);
  return given != nullptr ? std::filesystem::path(given) : std::filesystem::path(fallback);
}
}  // namespace

NameDictionaryPaths default_name_dictionary_paths() {
  return {from_env("GIFKIT_NAME_DICTIONARY", kDebianPath),
          from_env("GIFKIT_ENAMDICT", kEnamdictPath), from_env("GIFKIT_UNIDIC_LEX", kUnidicPath)};
}

std::filesystem::path default_name_readings_path() {
  return from_env("GIFKIT_NAME_DICTIONARY", kDebianPath);
}

namespace {

using Reader = std::uint64_t (*)(std::string_view, NameReadings&, const KeepHeadword&);
using Reserve = void (*)(NameReadings&, std::size_t file_size);

// How many names a file of that size holds, about (the installed files).
void reserve_naist(NameReadings& dictionary, std::size_t size) {
  dictionary.reserve(size / 1100);  // 34 MB: 12k 姓 and 18k 名
}
void reserve_unidic(NameReadings& dictionary, std::size_t size) {
  dictionary.reserve(size / 4000);  // 233 MB: 18k 姓 and 36k 名
}
void reserve_enamdict(NameReadings& dictionary, std::size_t size) {
  dictionary.reserve(size / 100);  // 26 MB: 125k family and 183k given names
  dictionary.reserve_more(size / 500, size / 300, size / 500);
}

// Reads one file with reader into dictionary and records it as a source.
void read_source(const char* name, const std::filesystem::path& path, Reader reader,
                 Reserve reserve, NameReadings& dictionary, const KeepHeadword& keep) {
  NameSource source{name, path, false, 0, 0};
  const auto start = std::chrono::steady_clock::now();
  // Room for the names the whole file holds (the readers see it in blocks).
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error) reserve(dictionary, static_cast<std::size_t>(size));
  source.found = with_file_lines(
      path, [&](std::string_view text) { source.entries += reader(text, dictionary, keep); });
  source.load_ms = elapsed_ms(start);
  dictionary.add_source(std::move(source));
}

}  // namespace

NameReadings read_name_dictionaries(const NameDictionaryPaths& paths, const KeepHeadword& keep,
                                    const CharacterReadingOptions& options) {
  // ENAMDICT, the largest part of the work, on a thread of its own — or first, on this
  // one, where no thread can be started (the browser build has one thread).
  NameReadings enamdict;
  const auto read_enamdict = [&] {
    read_source("ENAMDICT", paths.enamdict, parse_enamdict_into, reserve_enamdict, enamdict, keep);
  };
  std::thread second;
  try {
    second = std::thread(read_enamdict);
  } catch (const std::system_error&) {
    read_enamdict();
  }
  NameReadings dictionary;
  read_source("NAIST-jdic", paths.naist, parse_name_readings_into, reserve_naist, dictionary, keep);
  read_source("UniDic", paths.unidic, parse_unidic_names_into, reserve_unidic, dictionary, keep);
  if (second.joinable()) second.join();
  // The larger moved into: NAIST-jdic's and UniDic's readings and sources first.
  enamdict.merge(std::move(dictionary));
  enamdict.finish(options, keep);
  return enamdict;
}

namespace {
std::once_flag default_loaded;
// Never freed: the process's exit need not spend tens of milliseconds giving
// back a million nodes (a global pointer: never a leak to LeakSanitizer).
const NameReadings* default_dictionary = nullptr;
double default_load_ms = 0;
}  // namespace

const NameReadings* default_name_readings() {
  std::call_once(default_loaded, [] {
    const auto start = std::chrono::steady_clock::now();
    // Through the cache of finished dictionaries (name_readings_cache.hpp).
    NameReadings read = read_name_dictionaries_cached(default_name_dictionary_paths(), {},
                                                      name_readings_cache_dir());
    bool any = false;
    for (const auto& source : read.sources()) any = any || source.found;
    if (any) default_dictionary = new NameReadings(std::move(read));
#ifdef __GLIBC__
    ::malloc_trim(0);  // the reading's and the learning's freed memory back to the system
#endif
    default_load_ms = elapsed_ms(start);
  });
  return default_dictionary;
}

double default_name_readings_load_ms() {
  return default_load_ms;
}

std::string missing_name_dictionaries_note(const NameReadings* readings) {
  // The dictionaries, the package that installs each (scripts/setup.sh) and its path.
  const NameDictionaryPaths paths = default_name_dictionary_paths();
  const struct {
    std::string_view name, package;
    const std::filesystem::path& path;
  } known[] = {{"NAIST-jdic", "naist-jdic-utf8", paths.naist},
               {"ENAMDICT", "enamdict", paths.enamdict},
               {"UniDic", "unidic-mecab", paths.unidic}};
  std::vector<std::string> missing;
  for (const auto& dictionary : known) {
    bool found = false;
    if (readings != nullptr)
      for (const NameSource& source : readings->sources())
        found = found || (source.name == dictionary.name && source.found);
    if (!found)
      missing.push_back(std::string(dictionary.name) + " (" + std::string(dictionary.package) +
                        ") at " + dictionary.path.string());
  }
  if (missing.empty()) return {};
  std::string note;
  for (const std::string& one : missing) note += (note.empty() ? "" : ", ") + one;
  if (readings == nullptr)
    return "no name dictionary is installed — " + note +
           " (scripts/setup.sh installs them): a name in kanji is never a mismatch, a name in "
           "Latin letters is read by its letters alone";
  return "a name dictionary is not installed — " + note +
         " (scripts/setup.sh installs it): a name only it knows is judged from its characters";
}

}  // namespace gifkit::grammars
