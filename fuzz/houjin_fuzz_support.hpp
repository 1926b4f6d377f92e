// houjin_fuzz_support.hpp — what the 法人番号 reader targets share
// (fuzz_houjin_xml, fuzz_houjin_csv): a registry made once per process with
// the 法人番号 tables and a journal in memory, and read_rolled_back, which
// runs one reader over one input inside a transaction rolled back afterwards
// and checks what every reader promises: it throws nothing but RegistryError;
// the rejection handler was called rejected() times, each with a line, a
// reason and the file; corporation_history holds rows() rows of the input's
// provenance; a one-part answer read to the end holds as many rows as its
// count says.
#pragma once
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <typeinfo>

#include "fuzz/fuzz_support.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/import/houjin_store.hpp"

namespace gifkit::fuzz {

class HoujinScratchRegistry {
 public:
  HoujinScratchRegistry() {
    db_.emplace(registries::RegistryDb::create_for_bulk_load(file_.path()));
    db_->execute("PRAGMA journal_mode=MEMORY");
    registries::houjin::create_houjin_tables(*db_);
  }

  using Reader = std::function<registries::houjin::AnswerHeader(
      registries::SourceStream&, registries::houjin::HoujinRowStore&)>;

  // Runs reader over the file at path (a source of source_kind) and checks
  // the promises above; true when it read the file to the end.
  bool read_rolled_back(const std::string& path, const char* source_kind, const Reader& reader) {
    namespace r = registries;
    std::int64_t rejections = 0;
    const r::RejectedRowHandler on_rejected = [&](const r::RejectedRow& row) {
      ++rejections;
      FUZZ_CHECK(row.line >= 1, "a rejected row on line 0: " + row.reason);
      FUZZ_CHECK(!row.reason.empty(), "a rejected row without a reason");
      FUZZ_CHECK(row.file == path, "a rejected row of " + row.file);
    };
    r::RegistryDb& db = *db_;
    db.begin();
    r::Provenance provenance;
    provenance.source_file = path;
    provenance.source_kind = source_kind;
    provenance.table_name = "corporation_history";
    provenance.id = db.add_provenance(provenance);
    bool read_to_end = false;
    try {
      r::SourceStream source(path);
      registries::houjin::HoujinRowStore store(db, provenance.id, source.display_name(),
                                               on_rejected);
      const registries::houjin::AnswerHeader header = reader(source, store);
      read_to_end = true;
      FUZZ_CHECK(rejections == store.rejected(), std::to_string(rejections) +
                                                     " rejections reported, " +
                                                     std::to_string(store.rejected()) + " counted");
      const std::int64_t stored = history_rows(provenance.id);
      FUZZ_CHECK(stored == store.rows(), "corporation_history holds " + std::to_string(stored) +
                                             " rows, the store counted " +
                                             std::to_string(store.rows()));
      if (header.divide_size == "1" && !header.count.empty() &&
          header.count.find_first_not_of("0123456789") == std::string::npos &&
          header.count.size() < 10) {
        FUZZ_CHECK(std::stoll(header.count) == store.rows() + store.rejected(),
                   "count " + header.count + " but " + std::to_string(store.rows()) + " rows and " +
                       std::to_string(store.rejected()) + " rejected");
      }
    } catch (const r::RegistryError&) {
    } catch (const std::exception& error) {
      FUZZ_CHECK(false,
                 std::string("the reader threw ") + typeid(error).name() + ": " + error.what());
    }
    db.rollback();
    return read_to_end;
  }

 private:
  std::int64_t history_rows(std::int64_t provenance_id) const {
    registries::Statement count =
        db_->prepare("SELECT count(*) FROM corporation_history WHERE provenance_id = ?1");
    count.bind_int64(1, provenance_id);
    FUZZ_CHECK(count.step(), "count(*) gave no row");
    return count.column_int64(0);
  }

  ScratchFile file_{".registry"};
  std::optional<registries::RegistryDb> db_;
};

}  // namespace gifkit::fuzz
