// name_readings_cache.hpp — a cache of the finished name dictionaries
// (NameReadings with every map: the parts, the full names' splits, the
// foreign names, the characters' readings, the sources) in one binary file,
// so that a process after the first loads them in a fraction of the time
// reading and finishing the dictionaries takes. Only default_name_readings
// uses it (a benchmark's hold-out never does). docs/dictionaries.md
// "The name dictionaries' cache" says where the file is and what makes it stale.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "grammars/dictionaries/name_reading_dictionary.hpp"

namespace gifkit::grammars {

// The cache's directory: $GIFKIT_CACHE_DIR, else $XDG_CACHE_HOME/gifkit, else
// $HOME/.cache/gifkit; empty (no cache) when GIFKIT_CACHE_DIR is "none" or
// none of them is set.
std::filesystem::path name_readings_cache_dir();

// What a cache must have been written from to be used: the format's version,
// this program's file (size, mtime), each source's path, whether it is a
// regular file, its size, mtime (ns) and inode, and options.
std::string name_readings_cache_key(const NameDictionaryPaths& paths,
                                    const CharacterReadingOptions& options);

// The cache's file in dir for these paths and options (a changed source
// rewrites the same file; other paths or options have their own).
std::filesystem::path name_readings_cache_file(const std::filesystem::path& dir,
                                               const NameDictionaryPaths& paths,
                                               const CharacterReadingOptions& options);

// A finished dictionary as the cache's bytes, with key in its header; and
// back: nullopt when the bytes are not a whole, intact cache of that key
// (a bad length, a checksum that does not match, another key). The sources
// read back say from_cache.
std::string encode_name_readings(const NameReadings& dictionary, std::string_view key);
std::optional<NameReadings> decode_name_readings(std::string_view bytes, std::string_view key);

// read_name_dictionaries(paths, {}, options), through the cache in dir:
// loaded from it when it is there for this key, else read and (when any
// source was found) written to it, atomically (a temporary file of this
// process's own, renamed). An empty dir, a directory that cannot be written
// or a bad cache file only means reading the dictionaries; never an error.
NameReadings read_name_dictionaries_cached(const NameDictionaryPaths& paths,
                                           const CharacterReadingOptions& options,
                                           const std::filesystem::path& dir);

}  // namespace gifkit::grammars
