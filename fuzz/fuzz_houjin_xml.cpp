// fuzz_houjin_xml.cpp — libFuzzer target for the 法人番号 XML reader
// (registries/houjin/houjin_xml.hpp: read_houjin_xml_rows), which imports the
// NTA's bulk and diff XML files and Web-API type=12 answers. The input is the
// XML file (a scratch file: the reader takes a SourceStream); its rows are
// stored by a HoujinRowStore into a registry made once per process (in
// $TMPDIR, else /dev/shm), each input inside its own transaction, rolled
// back afterwards. Invariants: the reader throws nothing but RegistryError
// (NotHoujinSource included); a document with a DOCTYPE or an entity
// declaration (outside comments and CDATA) is never read to the end; what
// it stored is what it counted (corporation_history holds rows() rows of the
// input's provenance, the rejection handler was called rejected() times,
// each with a line and a reason); a one-part answer that returns holds as
// many rows as its <count>.
// room: houjin
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz/fuzz_support.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_csv.hpp"
#include "registries/houjin/import/houjin_store.hpp"
#include "registries/houjin/import/houjin_xml.hpp"

namespace {

namespace r = gifkit::registries;
namespace h = gifkit::registries::houjin;

// The registry every input is read into: the 法人番号 tables, a journal kept
// in memory so that each input's transaction can be rolled back.
struct Registry {
  gifkit::fuzz::ScratchFile file{".registry"};
  std::optional<r::RegistryDb> db;
  Registry() {
    db.emplace(r::RegistryDb::create_for_bulk_load(file.path()));
    db->execute("PRAGMA journal_mode=MEMORY");
    h::create_houjin_tables(*db);
  }
};

std::int64_t count_history_rows(const r::RegistryDb& db, std::int64_t provenance_id) {
  r::Statement count =
      db.prepare("SELECT count(*) FROM corporation_history WHERE provenance_id = ?1");
  count.bind_int64(1, provenance_id);
  FUZZ_CHECK(count.step(), "count(*) gave no row");
  return count.column_int64(0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Registry registry;
  static const gifkit::fuzz::ScratchFile scratch(".xml");
  const std::string_view text = gifkit::fuzz::as_text(data, size);
  const std::string& path = scratch.write(text);
  r::RegistryDb& db = *registry.db;

  std::int64_t rejections = 0;
  const r::RejectedRowHandler on_rejected = [&](const r::RejectedRow& row) {
    ++rejections;
    FUZZ_CHECK(row.line >= 1, "a rejected row on line 0: " + row.reason);
    FUZZ_CHECK(!row.reason.empty(), "a rejected row without a reason");
    FUZZ_CHECK(row.file == path, "a rejected row of " + row.file);
  };
  db.begin();
  r::Provenance provenance;
  provenance.source_file = path;
  provenance.source_kind = "houjin-xml";
  provenance.table_name = "corporation_history";
  provenance.id = db.add_provenance(provenance);
  bool read_to_end = false;
  try {
    r::SourceStream source(path);
    h::HoujinRowStore store(db, provenance.id, source.display_name(), on_rejected);
    const h::AnswerHeader header = h::read_houjin_xml_rows(source, store);
    read_to_end = true;
    FUZZ_CHECK(rejections == store.rejected(), std::to_string(rejections) +
                                                   " rejections reported, " +
                                                   std::to_string(store.rejected()) + " counted");
    FUZZ_CHECK(count_history_rows(db, provenance.id) == store.rows(),
               "corporation_history holds " +
                   std::to_string(count_history_rows(db, provenance.id)) +
                   " rows, the store counted " + std::to_string(store.rows()));
    if (header.divide_size == "1" && !header.count.empty() &&
        header.count.find_first_not_of("0123456789") == std::string::npos &&
        header.count.size() < 10) {
      FUZZ_CHECK(std::stoll(header.count) == store.rows() + store.rejected(),
                 "<count>" + header.count + "</count> but " + std::to_string(store.rows()) +
                     " rows and " + std::to_string(store.rejected()) + " rejected");
    }
  } catch (const r::RegistryError&) {
  } catch (const std::exception& error) {
    FUZZ_CHECK(false,
               std::string("the reader threw ") + typeid(error).name() + ": " + error.what());
  }
  db.rollback();
  // (Outside comments and CDATA sections, where the words are only text.)
  const bool hidden_text = text.find("<!--") != std::string_view::npos ||
                           text.find("<![CDATA[") != std::string_view::npos;
  if (read_to_end && !hidden_text) {
    FUZZ_CHECK(text.find("<!DOCTYPE") == std::string_view::npos,
               "a document with a DOCTYPE was read");
    FUZZ_CHECK(text.find("<!ENTITY") == std::string_view::npos,
               "a document declaring an entity was read");
  }
  return 0;
}
