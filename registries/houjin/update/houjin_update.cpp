// houjin_update.cpp — see houjin_update.hpp. The rows themselves are stored
// by import_houjin_source (the same importer as `registry build`); this file
// decides the order, refuses what must not be applied, and wraps the whole
// update in one transaction.
#include "registries/houjin/update/houjin_update.hpp"

#include <algorithm>
#include <optional>

#include "grammars/io/csv_reader.hpp"
#include "grammars/values/date.hpp"
#include "registries/db/registry_completeness.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/columns/houjin_columns.hpp"
#include "registries/houjin/names/houjin_search.hpp"
#include "registries/houjin/update/diff_completeness.hpp"

namespace gifkit::registries::houjin {
namespace {

// The newest valid updateDate (field 5) among the records of one stream;
// "" when there is none (not a 法人番号 CSV).
std::string newest_update_date(SourceStream& source) {
  grammars::CsvReader reader(source.file(), source.display_name(), {},
                             [](const grammars::CsvError&) {});
  grammars::CsvRecord record;
  std::string newest;
  while (reader.next(record)) {
    if (record.fields.size() <= kUpdateDate) continue;
    std::string_view date = record.fields[kUpdateDate];
    if (date > std::string_view(newest) && grammars::parse_iso_date(date)) newest = date;
  }
  return newest;
}

// Imports one diff; when it is older than the registry's data date, its
// rows never replace a current state published later than themselves.
std::vector<Provenance> apply_diff(RegistryDb& db, const PlannedDiff& diff,
                                   const std::string& registry_date,
                                   const RejectedRowHandler& on_rejected) {
  const bool out_of_order = !registry_date.empty() && diff.data_date < registry_date;
  return import_houjin_source(db, diff.path, on_rejected, HoujinSourceKind::automatic,
                              out_of_order ? StateOrder::keep_newer : StateOrder::as_read,
                              HistoryRows::skip_stored);
}

// Why a diff is not a whole day's file, or "": its last record cut short
// (diff_completeness.hpp), else what reading its CSVs found
// (Provenance::not_whole_day), naming the CSV of a zip of several.
std::string not_whole_reason(const std::filesystem::path& path,
                             const std::vector<Provenance>& sources) {
  std::string reason = cut_short_reason(path);
  if (!reason.empty()) return reason;
  for (const auto& source : sources) {
    if (source.not_whole_day.empty()) continue;
    return sources.size() > 1 ? source.source_file + ": " + source.not_whole_day
                              : source.not_whole_day;
  }
  return "";
}

// Why a diff is not whole, in words: the file not a whole day's (not_whole),
// its rows rejected (counted in sources; the first one); "" when it is whole.
std::string incomplete_reason(const std::vector<Provenance>& sources,
                              const RejectedRow* first_rejected, const std::string& not_whole) {
  std::int64_t rejected = 0;
  for (const auto& source : sources) rejected += source.rejected_count;
  std::string why = not_whole;
  if (rejected > 0) {
    if (!why.empty()) why += "; ";
    why += std::to_string(rejected) + (rejected == 1 ? " row" : " rows") + " rejected";
    if (first_rejected != nullptr) {
      why += " (first: line " + std::to_string(first_rejected->line) + ": " +
             first_rejected->reason + ")";
    }
  }
  return why;
}

// Throws DiffIncomplete for a diff that was not applied whole.
void refuse_incomplete(const PlannedDiff& diff, const std::vector<Provenance>& sources,
                       const RejectedRow* first_rejected, const std::string& not_whole,
                       const std::string& registry_date) {
  const std::string why = incomplete_reason(sources, first_rejected, not_whole);
  if (why.empty()) return;
  throw DiffIncomplete(diff.path.string() + ": not applied: " + why +
                       ". A diff is applied whole or not at all, so nothing was applied and the "
                       "data date stays " +
                       (registry_date.empty() ? std::string("unknown") : registry_date) +
                       ". Download the file again, or give --accept-rejects to apply the rows "
                       "that were read (the data date then stays, so the complete file still "
                       "applies)");
}

}  // namespace

std::string source_data_date(const std::filesystem::path& path) {
  std::string date = date_in_file_name(path.string());
  if (!date.empty()) return date;
  std::vector<std::string> entries = {""};
  if (is_zip_source(path)) {
    entries = zip_csv_entries(path);
    for (const auto& entry : entries) date = std::max(date, date_in_file_name(entry));
    if (!date.empty()) return date;
  }
  for (const auto& entry : entries) {
    SourceStream source(path, entry);
    date = std::max(date, newest_update_date(source));
  }
  return date;
}

std::vector<PlannedDiff> plan_diffs(const std::vector<std::filesystem::path>& files) {
  std::vector<PlannedDiff> plan;
  for (const auto& file : files) {
    PlannedDiff diff{file, source_data_date(file), sha256_of_file(file)};
    if (diff.data_date.empty()) {
      throw DiffRefused(file.string() +
                        ": cannot tell its data date (no YYYYMMDD in its name and no updateDate "
                        "in it); is it a 法人番号 diff file?");
    }
    plan.push_back(std::move(diff));
  }
  std::stable_sort(plan.begin(), plan.end(), [](const PlannedDiff& a, const PlannedDiff& b) {
    return a.data_date != b.data_date ? a.data_date < b.data_date : a.path < b.path;
  });
  return plan;
}

void check_diff_plan(const RegistryDb& db, const std::vector<PlannedDiff>& plan,
                     const UpdateOptions& options) {
  std::string registry_date = registry_data_date(db);
  std::vector<Provenance> applied = db.provenance();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlannedDiff& diff = plan[i];
    for (const auto& source : applied) {
      if (source.sha256 == diff.sha256) {
        throw DiffRefused(diff.path.string() + " (data date " + diff.data_date +
                          ") was already applied: the registry holds " + source.source_file +
                          " with the same SHA-256, imported " + source.imported_at);
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (plan[j].sha256 == diff.sha256) {
        throw DiffRefused(diff.path.string() + " and " + plan[j].path.string() +
                          " are the same file (same SHA-256): it can be applied only once");
      }
      if (plan[j].data_date == diff.data_date && !options.allow_out_of_order) {
        throw DiffRefused(diff.path.string() + " and " + plan[j].path.string() +
                          " have the same data date " + diff.data_date +
                          " (two copies of one day's diff?); give one of them, or "
                          "--allow-out-of-order to apply both");
      }
    }
    if (options.allow_out_of_order || registry_date.empty() || diff.data_date > registry_date)
      continue;
    if (diff.data_date == registry_date) {
      throw DiffRefused(diff.path.string() + ": a diff of its data date " + diff.data_date +
                        " was already applied (the registry's data date is " + registry_date +
                        "); use --allow-out-of-order to apply it anyway");
    }
    throw DiffRefused(diff.path.string() + ": out of order: its data date " + diff.data_date +
                      " is older than the registry's data date " + registry_date +
                      "; apply diffs oldest first, or use --allow-out-of-order");
  }
}

UpdateResult update_registry(const std::filesystem::path& registry,
                             const std::vector<std::filesystem::path>& diffs,
                             const UpdateOptions& options, const RejectedRowHandler& on_rejected) {
  std::vector<PlannedDiff> plan = plan_diffs(diffs);
  RegistryDb db = RegistryDb::open_for_update(registry, kUpdateBusyTimeoutMs);
  UpdateResult result;
  try {
    result.data_date_before = registry_data_date(db);
    check_diff_plan(db, plan, options);
    if (db.on_server() && !db.has_table("corporation")) {
      // Tables made here would be of SQLite's types, not those of a push.
      throw RegistryError(db.path().string() +
                          ": the registry on the server holds no 法人番号 data; build a registry "
                          "file with them and push it (an update changes what a push copied)");
    }
    create_houjin_tables(db);
    // Before the rows: a row equal to a stored history row is looked up by number.
    create_history_indexes(db);
    std::string registry_date = result.data_date_before;
    for (const auto& diff : plan) {
      std::optional<RejectedRow> first_rejected;
      auto sources = apply_diff(db, diff, registry_date, [&](const RejectedRow& row) {
        if (!first_rejected) first_rejected = row;
        on_rejected(row);
      });
      const std::string not_whole = not_whole_reason(diff.path, sources);
      const bool whole = !first_rejected && not_whole.empty();
      if (!whole && !options.accept_rejects) {
        refuse_incomplete(diff, sources, first_rejected ? &*first_rejected : nullptr, not_whole,
                          result.data_date_before);
      }
      if (!not_whole.empty())
        result.not_whole_days.push_back(diff.path.string() + ": " + not_whole);
      // Registry info says so until the whole file (the same name) applies.
      const std::string part = "法人番号 diff " + diff.path.filename().string() + ":";
      if (whole)
        remove_missing_parts(db, part);
      else
        add_missing_part(
            db,
            part + " applied in part with --accept-rejects (" +
                incomplete_reason(sources, first_rejected ? &*first_rejected : nullptr, not_whole) +
                "); apply the whole day's file");
      for (auto& source : sources) {
        if (!whole) {
          // Rows applied, but not the day: the complete file applies later.
          source.data_date.clear();
          db.finish_provenance(source.id, source.row_count, source.rejected_count, "");
        }
        result.applied.push_back(std::move(source));
      }
      if (whole) registry_date = std::max(registry_date, diff.data_date);
    }
    if (!result.applied.empty()) {
      std::int64_t first_applied = result.applied.front().id;
      for (const auto& source : result.applied) first_applied = std::min(first_applied, source.id);
      update_name_search_index(db, first_applied);
    }
    record_registry_data_date(db);
    record_table_counts(db);
    result.data_date_after = registry_data_date(db);
    db.commit();
  } catch (...) {
    try {
      db.rollback();
    } catch (const RegistryError&) {
      // What went wrong first is the error to report; an open transaction
      // ends with the connection anyway.
    }
    throw;
  }
  db.close();
  return result;
}

}  // namespace gifkit::registries::houjin
