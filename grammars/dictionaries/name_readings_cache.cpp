// name_readings_cache.cpp — see name_readings_cache.hpp. The file: a header
// (magic, version, payload size, checksum of the payload) and the payload
// (the key, the counts, the sources, then each map with its size first),
// integers in this machine's byte order (the magic's byte order tells).
#include "grammars/dictionaries/name_readings_cache.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <system_error>
#include <utility>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gifkit::grammars {

namespace {

// Raise on any change of what the payload holds or how.
constexpr std::uint32_t kCacheVersion = 1;
constexpr std::uint64_t kCacheMagic = 0x3143524e4b464947ULL;  // "GIFKNRC1"
constexpr std::size_t kHeaderSize = 8 + 8 + 8 + 8;            // magic, version, size, sum
constexpr std::uint64_t kMaxCacheBytes = std::uint64_t{1} << 30;

// FNV-1a-like over 8-byte words in four independent lanes (the tail
// bytewise): a few milliseconds for tens of megabytes, and catches a cut or
// garbled file.
std::uint64_t cache_checksum(std::string_view bytes) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t lanes[4] = {0xcbf29ce484222325ULL, 1, 2, 3};
  std::size_t at = 0;
  for (; at + 32 <= bytes.size(); at += 32) {
    for (int lane = 0; lane < 4; ++lane) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + at + 8 * lane, 8);
      lanes[lane] = (lanes[lane] ^ word) * kPrime;
      lanes[lane] ^= lanes[lane] >> 29;
    }
  }
  std::uint64_t hash = lanes[0];
  for (int lane = 1; lane < 4; ++lane) hash = (hash ^ lanes[lane]) * kPrime;
  for (; at < bytes.size(); ++at) hash = (hash ^ static_cast<unsigned char>(bytes[at])) * kPrime;
  return hash;
}

class CacheWriter {
 public:
  std::string out;
  template <typename T>
  void number(T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void text(std::string_view value) {
    number(static_cast<std::uint32_t>(value.size()));
    out.append(value);
  }
  void text32(std::u32string_view value) {
    number(static_cast<std::uint32_t>(value.size()));
    out.append(reinterpret_cast<const char*>(value.data()), value.size() * sizeof(char32_t));
  }
};

// Reads what CacheWriter wrote; any read past the end makes ok false (and
// returns zeros), so a bad length is never followed.
class CacheReader {
 public:
  explicit CacheReader(std::string_view bytes) : rest_(bytes) {}
  bool ok = true;
  template <typename T>
  T number() {
    T value{};
    if (!take(sizeof value)) return value;
    std::memcpy(&value, rest_.data() - sizeof value, sizeof value);
    return value;
  }
  std::string_view text() {
    const auto size = number<std::uint32_t>();
    if (!take(size)) return {};
    return {rest_.data() - size, size};
  }
  std::u32string text32() {
    const auto size = number<std::uint32_t>();
    if (size > rest_.size() / sizeof(char32_t) || !take(size * sizeof(char32_t))) return {};
    std::u32string value(size, U'\0');
    std::memcpy(value.data(), rest_.data() - size * sizeof(char32_t), size * sizeof(char32_t));
    return value;
  }
  // A count (of type T, as written) of items each at least min_bytes long:
  // zero (and not ok) when the rest could not hold them, so a bad count
  // never reserves much.
  template <typename T>
  std::uint64_t count(std::size_t min_bytes) {
    const std::uint64_t value = number<T>();
    if (value > rest_.size() / min_bytes) ok = false;
    return ok ? value : 0;
  }
  bool at_end() const { return rest_.empty(); }

 private:
  bool take(std::size_t size) {
    if (!ok || size > rest_.size()) {
      ok = false;
      return false;
    }
    rest_.remove_prefix(size);
    return true;
  }
  std::string_view rest_;
};

}  // namespace

// The friend of NameReadings that writes and reads its maps.
struct NameReadingsCodec {
  using Map = NameReadings::Map;

  static void write_map(CacheWriter& writer, const Map& map) {
    writer.number<std::uint64_t>(map.size());
    for (const auto& [headword, readings] : map) {
      writer.text(headword);
      writer.number(static_cast<std::uint32_t>(readings.size()));
      for (const auto& reading : readings) writer.text(reading);
    }
  }
  static void read_map(CacheReader& reader, Map& map) {
    const auto size = reader.count<std::uint64_t>(8);
    map.reserve(size);
    for (std::uint64_t i = 0; i < size && reader.ok; ++i) {
      auto& readings = map.try_emplace(std::string(reader.text())).first->second;
      const auto count = reader.count<std::uint32_t>(4);
      readings.reserve(count);
      for (std::uint64_t j = 0; j < count && reader.ok; ++j) readings.emplace_back(reader.text());
    }
  }

  static void write(CacheWriter& writer, const NameReadings& from) {
    writer.number<std::uint64_t>(from.entries);
    writer.number<std::uint64_t>(from.skipped);
    writer.number<std::uint64_t>(from.longest_family_);
    writer.number<std::uint64_t>(from.sources_.size());
    for (const auto& source : from.sources_) {
      writer.text(source.name);
      writer.text(source.path.native());
      writer.number<std::uint8_t>(source.found ? 1 : 0);
      writer.number<std::uint64_t>(source.entries);
      writer.number<double>(source.load_ms);
    }
    for (const Map* map :
         {&from.family_, &from.given_, &from.full_, &from.unclassified_, &from.foreign_})
      write_map(writer, *map);
    writer.number<std::uint64_t>(from.splits_.size());
    for (const auto& [headword, splits] : from.splits_) {
      writer.text(headword);
      writer.number(static_cast<std::uint32_t>(splits.size()));
      for (const auto& split : splits) {
        writer.text(split.family);
        writer.text(split.given);
        writer.text(split.family_reading);
        writer.text(split.given_reading);
      }
    }
    writer.number<std::uint64_t>(from.characters_.size());
    for (const auto& [character, readings] : from.characters_) {
      writer.number<std::uint32_t>(character);
      writer.number(static_cast<std::uint32_t>(readings.size()));
      for (const auto& reading : readings) writer.text32(reading);
    }
  }

  static bool read(CacheReader& reader, NameReadings& into) {
    into.entries = reader.number<std::uint64_t>();
    into.skipped = reader.number<std::uint64_t>();
    into.longest_family_ = reader.number<std::uint64_t>();
    const auto sources = reader.count<std::uint64_t>(8);
    for (std::uint64_t i = 0; i < sources && reader.ok; ++i) {
      NameSource source;
      source.name = std::string(reader.text());
      source.path = std::string(reader.text());
      source.found = reader.number<std::uint8_t>() != 0;
      source.entries = reader.number<std::uint64_t>();
      source.load_ms = reader.number<double>();
      source.from_cache = true;
      into.sources_.push_back(std::move(source));
    }
    for (Map* map : {&into.family_, &into.given_, &into.full_, &into.unclassified_, &into.foreign_})
      read_map(reader, *map);
    const auto splits = reader.count<std::uint64_t>(8);
    into.splits_.reserve(splits);
    for (std::uint64_t i = 0; i < splits && reader.ok; ++i) {
      auto& list = into.splits_.try_emplace(std::string(reader.text())).first->second;
      const auto count = reader.count<std::uint32_t>(16);
      list.reserve(count);
      for (std::uint64_t j = 0; j < count && reader.ok; ++j) {
        FullNameSplit split;
        split.family = std::string(reader.text());
        split.given = std::string(reader.text());
        split.family_reading = std::string(reader.text());
        split.given_reading = std::string(reader.text());
        list.push_back(std::move(split));
      }
    }
    const auto characters = reader.count<std::uint64_t>(8);
    into.characters_.reserve(characters);
    for (std::uint64_t i = 0; i < characters && reader.ok; ++i) {
      auto& list = into.characters_[reader.number<std::uint32_t>()];
      const auto count = reader.count<std::uint32_t>(4);
      list.reserve(count);
      for (std::uint64_t j = 0; j < count && reader.ok; ++j) list.push_back(reader.text32());
    }
    return reader.ok && reader.at_end();
  }
};

std::string encode_name_readings(const NameReadings& dictionary, std::string_view key) {
  CacheWriter payload;
  payload.text(key);
  NameReadingsCodec::write(payload, dictionary);
  CacheWriter file;
  file.out.reserve(kHeaderSize + payload.out.size());
  file.number<std::uint64_t>(kCacheMagic);
  file.number<std::uint64_t>(kCacheVersion);
  file.number<std::uint64_t>(payload.out.size());
  file.number<std::uint64_t>(cache_checksum(payload.out));
  file.out.append(payload.out);
  return std::move(file.out);
}

std::optional<NameReadings> decode_name_readings(std::string_view bytes, std::string_view key) {
  CacheReader header(bytes.substr(0, kHeaderSize));
  if (header.number<std::uint64_t>() != kCacheMagic ||
      header.number<std::uint64_t>() != kCacheVersion || !header.ok)
    return std::nullopt;
  const auto size = header.number<std::uint64_t>();
  const auto sum = header.number<std::uint64_t>();
  if (!header.ok || size != bytes.size() - kHeaderSize) return std::nullopt;
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (cache_checksum(payload) != sum) return std::nullopt;
  CacheReader reader(payload);
  if (reader.text() != key || !reader.ok) return std::nullopt;
  NameReadings dictionary;
  if (!NameReadingsCodec::read(reader, dictionary)) return std::nullopt;
  return dictionary;
}

namespace {

// A file's identity for the key: "0" when it is not a regular file.
std::string file_stamp(const std::filesystem::path& path) {
  struct ::stat status {};
  if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return "0";
  const auto mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000 +
                        static_cast<std::int64_t>(status.st_mtim.tv_nsec);
  return "1 " + std::to_string(status.st_size) + " " + std::to_string(mtime_ns) + " " +
         std::to_string(status.st_ino);
}

std::string options_text(const CharacterReadingOptions& options) {
  return std::to_string(options.min_names) + " " + std::to_string(options.rounds) + " " +
         std::to_string(options.max_kana) + " " + (options.use_unclassified ? "1" : "0");
}

// Decodes the cache file at path, read whole into a buffer left unzeroed
// (read, not mapped: a file cut by someone else while mapped would kill the
// process); nullopt when it is missing, not a regular file, too large, cannot
// be read or is not a cache of key.
std::optional<NameReadings> load_cache_file(const std::filesystem::path& path,
                                            std::string_view key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct ::stat status {};
  const bool usable = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
                      static_cast<std::uint64_t>(status.st_size) <= kMaxCacheBytes;
  const auto size = usable ? static_cast<std::size_t>(status.st_size) : 0;
  // Left uninitialized, as make_unique_for_overwrite would (which emscripten's libc++ lacks).
  const std::unique_ptr<char[]> buffer(new char[size]);
  std::size_t done = 0;
  while (done < size) {
    const ::ssize_t got = ::read(fd, buffer.get() + done, size - done);
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  if (!usable || done != size) return std::nullopt;
  return decode_name_readings({buffer.get(), size}, key);
}

// Writes bytes to file through a temporary file of this process's own in the
// same directory, renamed over it (grammars/io/atomic_file does this too, but
// dictionaries/ may not include io/: tests/check_layering.sh). Concurrent
// writers each rename a whole file; the last one stays. Any failure: no file.
void write_atomically(const std::filesystem::path& file, std::string_view bytes) {
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  static std::atomic<unsigned> serial{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  std::filesystem::path temporary = file;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + "-" +
               std::to_string(now);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ::ssize_t put = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (put <= 0) break;
    done += static_cast<std::size_t>(put);
  }
  const bool closed = ::close(fd) == 0;
  if (done != bytes.size() || !closed || ::rename(temporary.c_str(), file.c_str()) != 0)
    ::unlink(temporary.c_str());
}

std::filesystem::path cache_env(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr ? std::filesystem::path(value) : std::filesystem::path();
}

// The file of the code that runs: the gifkit binary, a test program, or the
// Python module's shared library (its process's /proc/self/exe is python3,
// which a rebuilt module does not change).
std::filesystem::path running_code_file() {
#if defined(GIFKIT_BROWSER_BUILD)
  return {};  // the page: no code file, and emscripten's dladdr needs dynamic linking
#endif
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&running_code_file), &info) != 0 &&
      info.dli_fname != nullptr && std::string_view(info.dli_fname).ends_with(".so"))
    return info.dli_fname;
  std::error_code error;
  return std::filesystem::read_symlink("/proc/self/exe", error);
}

}  // namespace

std::filesystem::path name_readings_cache_dir() {
  if (auto dir = cache_env("GIFKIT_CACHE_DIR"); !dir.empty()) return dir == "none" ? "" : dir;
  if (auto xdg = cache_env("XDG_CACHE_HOME"); !xdg.empty()) return xdg / "gifkit";
  if (auto home = cache_env("HOME"); !home.empty()) return home / ".cache" / "gifkit";
  return {};
}

std::string name_readings_cache_key(const NameDictionaryPaths& paths,
                                    const CharacterReadingOptions& options) {
  std::string key = "gifkit name readings " + std::to_string(kCacheVersion) + "\n";
  // The program: a rebuilt one may read or finish the dictionaries otherwise.
  key += "program " + file_stamp(running_code_file()) + "\n";
  for (const auto& [name, path] :
       {std::pair{"NAIST-jdic", &paths.naist}, std::pair{"ENAMDICT", &paths.enamdict},
        std::pair{"UniDic", &paths.unidic}})
    key += std::string(name) + " " + path->native() + "\n" + file_stamp(*path) + "\n";
  return key + "options " + options_text(options) + "\n";
}

std::filesystem::path name_readings_cache_file(const std::filesystem::path& dir,
                                               const NameDictionaryPaths& paths,
                                               const CharacterReadingOptions& options) {
  // The program's path too: gifkit and a test program (whose keys differ) each keep their own
  // file rather than rewrite one another's at every run.
  const std::filesystem::path program = running_code_file();
  const std::string where = program.native() + '\n' + paths.naist.native() + '\n' +
                            paths.enamdict.native() + '\n' + paths.unidic.native() + '\n' +
                            options_text(options);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(cache_checksum(where)));
  return dir / ("name-readings-" + std::to_string(kCacheVersion) + "-" + hex + ".bin");
}

NameReadings read_name_dictionaries_cached(const NameDictionaryPaths& paths,
                                           const CharacterReadingOptions& options,
                                           const std::filesystem::path& dir) {
  if (dir.empty()) return read_name_dictionaries(paths, {}, options);
  // The key before the read: a source changed while it is read makes the
  // cache stale for the next process rather than wrongly fresh.
  const std::string key = name_readings_cache_key(paths, options);
  const auto file = name_readings_cache_file(dir, paths, options);
  if (auto cached = load_cache_file(file, key)) return std::move(*cached);
  NameReadings dictionary = read_name_dictionaries(paths, {}, options);
  bool any = false;
  for (const auto& source : dictionary.sources()) any = any || source.found;
  if (any) write_atomically(file, encode_name_readings(dictionary, key));
  return dictionary;
}

}  // namespace gifkit::grammars
