// diff_completeness.hpp — whether a 法人番号 diff file (差分データ) ends with a
// whole record, told from its last bytes before `registry update` applies
// it. With the check made while its records are read (its sequence and the
// latest flag of its last record: import/whole_day_check.hpp), it decides
// whether the diff is a whole day's file; one that is not is applied only
// with --accept-rejects, and then does not move the registry's data date
// (houjin_update.cpp).
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

}  // namespace gifkit::registries::houjin
