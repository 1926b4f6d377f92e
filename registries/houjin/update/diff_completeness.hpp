// diff_completeness.hpp — whether a 法人番号 diff file (差分データ) is a whole
// day's file, told from the file itself before `registry update` applies it:
// its last record not cut short, its records numbered 1, 2, 3, … by
// sequenceNumber, and its last corporation's history ended by its latest
// record. A diff that is not whole is applied only with --accept-rejects,
// and then does not move the registry's data date (houjin_update.cpp).
#pragma once
#include <filesystem>
#include <string>

namespace gifkit::registries::houjin {

// "" when the file's last record is whole, else why it is cut short: a
// plain CSV that does not end in a line end and whose last line ends inside
// a quoted field or with an empty last field (the NTA's last field is never
// empty). Zipped diffs are checked by the archive's own checksums. Throws
// RegistryError when the file cannot be read.
std::string cut_short_reason(const std::filesystem::path& path);

// "" when every CSV of the file (each CSV entry of a zip) reads as a whole
// day's diff, else why it does not:
// - its records' sequenceNumber must run 1, 2, 3, … (the NTA numbers the
//   records of each file from 1): a gap or a first number above 1 means rows
//   are missing, or the file is an excerpt of other files;
// - its last record must not have latest=0: a day's diff gives each
//   corporation's history in a run of rows ended by its latest one (latest=1,
//   or empty for process 99), so a file ending on latest=0 was cut inside a
//   history.
// A file cut at a line end between two corporations cannot be told from a
// shorter day. Web-API answers (a leading count line) are checked against
// their count instead (check_announced_count), and are not checked here.
// Throws RegistryError when the file cannot be read.
std::string not_whole_day_reason(const std::filesystem::path& path);

}  // namespace gifkit::registries::houjin
