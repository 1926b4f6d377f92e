// houjin_update.hpp — `gifkit registry update`: applying the National Tax
// Agency's daily 法人番号 diff files (差分データ) to an existing registry.
// The diffs are put in data-date order (oldest first), checked against what
// the registry already holds (a diff applied twice or older than the
// registry's data date is refused), and applied in one transaction on the
// registry file itself: an update that fails leaves the registry exactly as
// it was. See docs/registry.md.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "registries/db/registry_db.hpp"
#include "registries/houjin/import/houjin_csv.hpp"

namespace gifkit::registries::houjin {

// How long an update waits for another process's lock before it gives up.
inline constexpr int kUpdateBusyTimeoutMs = 1000;

// A diff refused before anything was applied: applied already, out of
// order, given twice, or of unknown date. what() names the file and dates.
class DiffRefused : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// A diff that cannot be applied whole: it is not a whole day's file (cut
// short by an interrupted download, rows missing: diff_completeness.hpp,
// import/whole_day_check.hpp) or
// some of its rows were rejected. Nothing was
// applied; what() names the file, the first rejected line and what to do.
class DiffIncomplete : public RegistryError {
 public:
  using RegistryError::RegistryError;
};

// A diff file to apply, with what decides its place and whether it is new.
struct PlannedDiff {
  std::filesystem::path path;
  std::string data_date;  // YYYY-MM-DD
  std::string sha256;     // of the file (of the zip for a zipped diff)
};

// The data date of a source, as provenance records it: the date in its
// file name (diff_20210714.csv, …_20250311_…), else in the names of its zip
// entries (the newest), else the newest updateDate of its rows. "" when
// none of these tells. Throws RegistryError when the file cannot be read.
std::string source_data_date(const std::filesystem::path& path);

// The diffs with their data dates and checksums, oldest first (same date:
// by path). Throws DiffRefused naming the file whose date cannot be told.
std::vector<PlannedDiff> plan_diffs(const std::vector<std::filesystem::path>& files);

struct UpdateOptions {
  // Accept diffs not newer than the registry's data date (a missed day, a
  // re-issued file). The same file (checksum) is still never applied twice.
  bool allow_out_of_order = false;
  // Apply the rows that were read even when a diff has rejected rows or is
  // not a whole day's file (import/whole_day_check.hpp). Such a diff does not move the registry's
  // data date (its provenance has none), so the complete file applies later.
  bool accept_rejects = false;
};

// Throws DiffRefused, naming the file and the dates, when a planned diff
// has the checksum of a source already in provenance or of another planned
// diff; and, unless options.allow_out_of_order, when its data date is not
// after the registry's data date or equals another planned diff's date.
void check_diff_plan(const RegistryDb& db, const std::vector<PlannedDiff>& plan,
                     const UpdateOptions& options);

struct UpdateResult {
  std::string data_date_before;  // the registry's data date before ("" if unknown)
  std::string data_date_after;
  std::vector<Provenance> applied;  // one per CSV read, in the order applied
  // With accept_rejects: "FILE: why" for each diff applied that is not a
  // whole day's file (import/whole_day_check.hpp); its data date stays unset.
  std::vector<std::string> not_whole_days;
};

// The whole update: plans the diffs, opens the registry for update (write
// lock, rollback journal), checks the plan, imports the diffs oldest first,
// creates the history indexes a registry of an older gifkit lacks, stores
// no history row that is stored already (HistoryRows::skip_stored), brings
// the name index up to date, records the data date and commits.
// A row of an out-of-order diff never replaces a current state published
// later than itself (a later updateDate); it still goes to the history. Rejected rows go to
// on_rejected and are counted. A diff is applied whole or not at all:
// unless options.accept_rejects, a rejected row or a file that is not a
// whole day's (cut short, rows missing, ended inside a history) throws
// DiffIncomplete after the whole file was read (so every rejected
// row is reported). On any exception nothing has changed.
UpdateResult update_registry(const std::filesystem::path& registry,
                             const std::vector<std::filesystem::path>& diffs,
                             const UpdateOptions& options, const RejectedRowHandler& on_rejected);

}  // namespace gifkit::registries::houjin
