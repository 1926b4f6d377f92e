// name_reading_dictionary.cpp — see name_reading_dictionary.hpp.
#include "grammars/dictionaries/name_reading_dictionary.hpp"

#include "grammars/text/kana_reading.hpp"

#include <cassert>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace

const std::vector<std::string>* NameReadings::readings(std::string_view headword,
                                                       NamePart part) const {
  assert(part != NamePart::full);
  const Map& map = part == NamePart::family ? family_ : given_;
  const auto found = map.find(headword);
  return found == map.end() ? nullptr : &found->second;
}

void NameReadings::reserve(std::size_t headwords) {
  family_.reserve(headwords * 2 / 5);
  given_.reserve(headwords * 3 / 5);
}

void NameReadings::add(NamePart part, std::string headword, std::vector<std::string> readings) {
  assert(part != NamePart::full && !headword.empty());
  if (part == NamePart::family) {
    const std::size_t chars = count_code_points(headword);
    if (chars > longest_family_) longest_family_ = chars;
  }
  Map& map = part == NamePart::family ? family_ : given_;
  auto [slot, fresh] = map.try_emplace(std::move(headword));
  if (fresh) {
    slot->second = std::move(readings);
    return;
  }
  for (auto& reading : readings) {  // a second line of the same headword
    bool known = false;
    for (const auto& have : slot->second) known = known || have == reading;
    if (!known) slot->second.push_back(std::move(reading));
  }
}

NameReadings parse_name_readings(std::string_view text) {
  NameReadings dictionary;
  dictionary.reserve(text.size() / 2048);  // NAIST-jdic: 34 MB, 12k 姓 and 18k 名
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
    dictionary.add(part, std::string(headword), readings);
  }
  return dictionary;
}

std::optional<NameReadings> read_name_readings(const std::filesystem::path& path) {
  // Mapped, not copied: the file is 34 MB and the persons' lines a ninth of it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    return NameReadings{};
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return std::nullopt;
  NameReadings dictionary =
      parse_name_readings(std::string_view(static_cast<const char*>(mapped), size));
  ::munmap(mapped, size);
  return dictionary;
}

std::filesystem::path default_name_readings_path() {
  const char* given = std::getenv("GIFKIT_NAME_DICTIONARY");
  return given != nullptr ? std::filesystem::path(given) : std::filesystem::path(kDebianPath);
}

namespace {
std::once_flag default_loaded;
std::optional<NameReadings> default_dictionary;
double default_load_ms = 0;
}  // namespace

const NameReadings* default_name_readings() {
  std::call_once(default_loaded, [] {
    const auto start = std::chrono::steady_clock::now();
    default_dictionary = read_name_readings(default_name_readings_path());
    default_load_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  });
  return default_dictionary ? &*default_dictionary : nullptr;
}

double default_name_readings_load_ms() {
  return default_load_ms;
}

}  // namespace gifkit::grammars
