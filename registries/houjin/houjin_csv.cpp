// houjin_csv.cpp — see houjin_csv.hpp. The schema of the two tables is built
// from kHoujinColumns so that the table, the insert statements and the
// lookups (houjin_lookup.cpp) can never disagree about the columns.
#include "registries/houjin/houjin_csv.hpp"

#include <algorithm>

#include "grammars/csv_reader.hpp"
#include "grammars/date.hpp"
#include "grammars/identifiers.hpp"
#include "grammars/text_fold.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/houjin_columns.hpp"
#include "registries/houjin/houjin_search.hpp"

namespace gifkit::registries::houjin {
namespace {

std::string column_list() {
  std::string list;
  for (const auto& column : kHoujinColumns) list += std::string(column.sql_name) + ", ";
  return list;
}

std::string parameter_list(int first, int count) {
  std::string list;
  for (int i = 0; i < count; ++i) list += (i ? ", ?" : "?") + std::to_string(first + i);
  return list;
}

std::string column_definitions() {
  std::string definitions;
  for (const auto& column : kHoujinColumns) {
    if (column.sql_name == "corporate_number") continue;
    definitions += "  " + std::string(column.sql_name) + " TEXT,\n";
  }
  return definitions;
}

// New rows replace the stored state unless they are a past state (latest 0)
// of the same or an older publication than a stored current state.
std::string corporation_upsert_sql() {
  std::string sql = "INSERT INTO corporation(" + column_list() + "provenance_id) VALUES (" +
                    parameter_list(1, kHoujinColumnCount + 1) +
                    ") ON CONFLICT(corporate_number) DO UPDATE SET ";
  for (const auto& column : kHoujinColumns)
    sql += std::string(column.sql_name) + " = excluded." + std::string(column.sql_name) + ", ";
  sql +=
      "provenance_id = excluded.provenance_id WHERE excluded.latest = '1' OR "
      "corporation.latest IS NOT '1' OR excluded.update_date > corporation.update_date";
  return sql;
}

// A deletion (process 99) carries only number, process and dates: it marks
// the stored state deleted and keeps what was known.
std::string corporation_delete_mark_sql() {
  return "INSERT INTO corporation(" + column_list() + "provenance_id) VALUES (" +
         parameter_list(1, kHoujinColumnCount + 1) +
         ") ON CONFLICT(corporate_number) DO UPDATE SET process = excluded.process, "
         "update_date = excluded.update_date, sequence_number = excluded.sequence_number, "
         "provenance_id = excluded.provenance_id";
}

std::string history_insert_sql() {
  return "INSERT INTO corporation_history(provenance_id, line, " + column_list() +
         "imported_order) VALUES (" + parameter_list(1, kHoujinColumnCount + 3) + ")";
}

bool is_digits(std::string_view text) {
  return !text.empty() && grammars::is_ascii_digits(text);
}

bool is_known_process(std::string_view code) {
  return !process_name(code).empty();
}

std::string check_date_field(const std::vector<std::string_view>& fields, std::size_t index,
                             bool required) {
  std::string_view value = fields[index];
  if (value.empty()) {
    return required ? std::string(kHoujinColumns[index].nta_name) + " is empty" : std::string();
  }
  if (!grammars::parse_iso_date(value)) {
    return std::string(kHoujinColumns[index].nta_name) + " '" + std::string(value) +
           "' is not a YYYY-MM-DD date";
  }
  return {};
}

}  // namespace

std::string date_in_file_name(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  std::size_t i = 0;
  while (i < base.size()) {
    std::size_t run_end = i;
    while (run_end < base.size() && base[run_end] >= '0' && base[run_end] <= '9') ++run_end;
    if (run_end - i == 8) {
      std::string iso =
          base.substr(i, 4) + "-" + base.substr(i + 4, 2) + "-" + base.substr(i + 6, 2);
      if (grammars::parse_iso_date(iso) && (iso[0] == '1' || iso[0] == '2')) return iso;
    }
    i = run_end == i ? i + 1 : run_end;
  }
  return {};
}

namespace {

// Imports the rows of one CSV stream under provenance_id.
class CsvImport {
 public:
  CsvImport(RegistryDb& db, std::int64_t provenance_id, const RejectedRowHandler& on_rejected)
      : provenance_id_(provenance_id),
        on_rejected_(on_rejected),
        upsert_(db.prepare(corporation_upsert_sql())),
        delete_mark_(db.prepare(corporation_delete_mark_sql())),
        history_(db.prepare(history_insert_sql())) {}

  // Reads every record; returns false when the first record is not a
  // 法人番号 row (nothing imported then).
  bool run(SourceStream& source) {
    grammars::CsvReader reader(
        source.file(), source.display_name(), {},
        [this](const grammars::CsvError& error) { pending_errors_.push_back(error); });
    grammars::CsvRecord record;
    bool first = true;
    while (true) {
      pending_errors_.clear();
      if (!reader.next(record)) break;
      if (first && !looks_like_houjin(record)) {
        first_record_fields_ = record.fields.size();
        return false;
      }
      first = false;
      std::string reason = record.malformed && !pending_errors_.empty()
                               ? pending_errors_.front().message
                               : check_houjin_row(record.fields);
      if (!reason.empty()) {
        ++rejected_;
        if (on_rejected_) on_rejected_(RejectedRow{source.display_name(), record.line, reason});
        continue;
      }
      store(record);
    }
    if (!pending_errors_.empty() || source.zip_read_failed()) {
      std::string message = pending_errors_.empty() ? "read error" : pending_errors_[0].message;
      throw RegistryError(source.display_name() + ": cannot be read to the end: " + message);
    }
    if (first) first_record_fields_ = 0;
    return !first;
  }

  std::int64_t rows() const { return rows_; }
  std::int64_t rejected() const { return rejected_; }
  const std::string& latest_update_date() const { return latest_update_date_; }
  std::size_t first_record_fields() const { return first_record_fields_; }

 private:
  static bool looks_like_houjin(const grammars::CsvRecord& record) {
    return record.fields.size() == kHoujinColumnCount &&
           grammars::check_corporate_number(record.fields[kCorporateNumber]).ok();
  }

  void store(const grammars::CsvRecord& record) {
    const auto& fields = record.fields;
    Statement& corporation = fields[kProcess] == "99" ? delete_mark_ : upsert_;
    for (std::size_t i = 0; i < kHoujinColumnCount; ++i) {
      corporation.bind_text_uncopied_or_null(static_cast<int>(i + 1), fields[i]);
      history_.bind_text_uncopied_or_null(static_cast<int>(i + 3), fields[i]);
    }
    corporation.bind_int64(kHoujinColumnCount + 1, provenance_id_);
    corporation.run_and_reset();
    history_.bind_int64(1, provenance_id_);
    history_.bind_int64(2, static_cast<std::int64_t>(record.line));
    history_.bind_int64(kHoujinColumnCount + 3, static_cast<std::int64_t>(record.number));
    history_.run_and_reset();
    ++rows_;
    if (fields[kUpdateDate] > std::string_view(latest_update_date_))
      latest_update_date_ = fields[kUpdateDate];
  }

  std::int64_t provenance_id_;
  const RejectedRowHandler& on_rejected_;
  Statement upsert_;
  Statement delete_mark_;
  Statement history_;
  std::vector<grammars::CsvError> pending_errors_;
  std::int64_t rows_ = 0;
  std::int64_t rejected_ = 0;
  std::string latest_update_date_;
  std::size_t first_record_fields_ = 0;
};

}  // namespace

void create_houjin_tables(RegistryDb& db) {
  db.execute("CREATE TABLE IF NOT EXISTS corporation (\n  corporate_number TEXT PRIMARY KEY,\n" +
             column_definitions() +
             "  provenance_id INTEGER REFERENCES provenance(id)\n) WITHOUT ROWID;\n"
             "CREATE TABLE IF NOT EXISTS corporation_history (\n"
             "  id INTEGER PRIMARY KEY,\n"
             "  provenance_id INTEGER REFERENCES provenance(id),\n"
             "  line INTEGER,\n  imported_order INTEGER,\n  corporate_number TEXT NOT NULL,\n" +
             column_definitions().substr(0, column_definitions().size() - 2) + "\n);\n");
}

void create_houjin_indexes(RegistryDb& db) {
  db.execute(
      "CREATE INDEX IF NOT EXISTS corporation_history_by_number "
      "ON corporation_history(corporate_number);");
  build_name_search_index(db);
}

std::string check_houjin_row(const std::vector<std::string_view>& fields) {
  if (fields.size() != kHoujinColumnCount) {
    return "has " + std::to_string(fields.size()) + " fields, expected " +
           std::to_string(kHoujinColumnCount);
  }
  auto number = grammars::check_corporate_number(fields[kCorporateNumber]);
  if (!number.ok())
    return "corporateNumber '" + std::string(fields[kCorporateNumber]) + "': " + number.reason;
  if (!is_digits(fields[kSequenceNumber]))
    return "sequenceNumber '" + std::string(fields[kSequenceNumber]) + "' is not a number";
  if (!is_known_process(fields[kProcess]))
    return "process '" + std::string(fields[kProcess]) + "' is not a known 処理区分 code";
  bool deleted = fields[kProcess] == "99";
  const std::initializer_list<std::pair<std::size_t, bool>> dates = {
      {kUpdateDate, true}, {kChangeDate, !deleted}, {kCloseDate, false}, {kAssignmentDate, false}};
  for (auto [index, required] : dates) {
    std::string problem = check_date_field(fields, index, required);
    if (!problem.empty()) return problem;
  }
  for (std::size_t flag : {kCorrect, kLatest, kHihyoji}) {
    std::string_view value = fields[flag];
    if (!value.empty() && value != "0" && value != "1") {
      return std::string(kHoujinColumns[flag].nta_name) + " '" + std::string(value) +
             "' is not 0 or 1";
    }
  }
  std::string_view successor = fields[kSuccessorCorporateNumber];
  if (!successor.empty()) {
    auto verdict = grammars::check_corporate_number(successor);
    if (!verdict.ok())
      return "successorCorporateNumber '" + std::string(successor) + "': " + verdict.reason;
  }
  return {};
}

std::vector<Provenance> import_houjin_source(RegistryDb& db, const std::filesystem::path& path,
                                             const RejectedRowHandler& on_rejected) {
  std::vector<std::string> entries = {""};
  bool zipped = is_zip_source(path);
  if (zipped) {
    entries = zip_csv_entries(path);
    if (entries.empty()) throw NotHoujinSource(path.string() + ": the zip archive holds no .csv");
  }
  std::string checksum = sha256_of_file(path);
  std::vector<Provenance> imported;
  for (const auto& entry : entries) {
    SourceStream source(path, entry);
    Provenance provenance;
    provenance.source_file = source.display_name();
    provenance.sha256 = checksum;
    provenance.imported_at = utc_timestamp_now();
    provenance.source_kind = kHoujinSourceKind;
    provenance.table_name = "corporation_history";
    provenance.id = db.add_provenance(provenance);
    CsvImport import(db, provenance.id, on_rejected);
    if (!import.run(source)) {
      throw NotHoujinSource(
          source.display_name() +
          ": not a recognised registry source (expected the National Tax Agency's 30-column "
          "法人番号 CSV with a corporate number in field 2; the first record has " +
          std::to_string(import.first_record_fields()) + " fields)");
    }
    provenance.row_count = import.rows();
    provenance.rejected_count = import.rejected();
    provenance.data_date = date_in_file_name(entry.empty() ? path.string() : entry);
    if (provenance.data_date.empty()) provenance.data_date = import.latest_update_date();
    db.finish_provenance(provenance.id, provenance.row_count, provenance.rejected_count,
                         provenance.data_date);
    imported.push_back(std::move(provenance));
  }
  return imported;
}

}  // namespace gifkit::registries::houjin
