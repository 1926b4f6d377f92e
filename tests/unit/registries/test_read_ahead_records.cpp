// test_read_ahead_records.cpp — the records a source's reading thread hands
// over (ReadAheadRecords) are the reader's own, in order: on a real ABR zip
// (367,519 地番 rows through batches of 4 KiB, one batch ahead, and through
// the default batches), on a CSV of quoted line breaks and malformed records
// (one record a batch: the reasons too), and on a zip damaged in the middle
// (the records before the damage, then the same error); an importer that
// stops early does not hang.
// room: db
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "abr_test_support.hpp"
#include "registries/db/read_ahead_records.hpp"

namespace {

using gifkit::registries::ReadAheadRecords;
using gifkit::registries::RegistryError;
using gifkit::registries::SourceStream;

struct Seen {
  std::uint64_t number = 0;
  std::uint64_t line = 0;
  std::vector<std::string> fields;
  bool malformed = false;
  std::string reason;
  bool operator==(const Seen&) const = default;
};

struct Outcome {
  std::vector<Seen> records;
  std::string error;  // what next() threw at the end, "" when it ended
};

// The records as the importer read them before: the reader itself, its
// first error per record as the reason.
Outcome read_directly(const std::filesystem::path& path, const std::string& entry) {
  SourceStream source(path, entry);
  std::string error;
  gifkit::grammars::CsvReader reader(source.file(), source.display_name(), {},
                                     [&error](const gifkit::grammars::CsvError& found) {
                                       if (error.empty()) error = found.message;
                                     });
  Outcome outcome;
  gifkit::grammars::CsvRecord record;
  for (;;) {
    error.clear();
    if (!reader.next(record)) {
      if (!error.empty() || source.zip_read_failed())
        outcome.error = source.display_name() + ": cannot be read to the end: " +
                        (error.empty() ? std::string("read error") : error);
      return outcome;
    }
    outcome.records.push_back(
        {record.number,
         record.line,
         {record.fields.begin(), record.fields.end()},
         record.malformed,
         record.malformed ? (error.empty() ? "malformed record" : error) : ""});
  }
}

Outcome read_ahead(const std::filesystem::path& path, const std::string& entry,
                   std::size_t batch_bytes, std::size_t batches) {
  SourceStream source(path, entry);
  ReadAheadRecords records(source, batch_bytes, batches);
  Outcome outcome;
  gifkit::grammars::CsvRecord record;
  try {
    while (records.next(record))
      outcome.records.push_back({record.number,
                                 record.line,
                                 {record.fields.begin(), record.fields.end()},
                                 record.malformed,
                                 records.malformed_reason()});
  } catch (const RegistryError& error) {
    outcome.error = error.what();
  }
  return outcome;
}

const std::filesystem::path kParcels = abr_test::kAbr / "wakayama" / "mt_parcel_city302015.csv.zip";

}  // namespace

TEST_CASE("read ahead: a real 地番 zip gives the reader's records, in order", "[read_ahead]") {
  const Outcome direct = read_directly(kParcels, "mt_parcel_city302015.csv");
  REQUIRE(direct.records.size() > 300000);
  REQUIRE(direct.error.empty());
  for (auto [batch_bytes, batches] : {std::pair<std::size_t, std::size_t>{4096, 1}, {1 << 20, 4}}) {
    const Outcome ahead = read_ahead(kParcels, "mt_parcel_city302015.csv", batch_bytes, batches);
    CHECK(ahead.error.empty());
    REQUIRE(ahead.records.size() == direct.records.size());
    CHECK(ahead.records == direct.records);
  }
}

TEST_CASE("read ahead: quoted line breaks, malformed records and their reasons", "[read_ahead]") {
  registry_test::ScratchDir dir;
  const std::string text =
      "a,b,c\n"
      "1,\"two\nlines\",3\n"
      "4,\"bad\"quote,6\n"
      "\n"
      "7,,\"\"\n"
      "\"unclosed,8,9\n"
      "10,11,12\n";
  registry_test::write_file(dir / "odd.csv", text);
  const Outcome direct = read_directly(dir / "odd.csv", "");
  REQUIRE(direct.records.size() >= 4);
  bool some_malformed = false;
  for (const Seen& seen : direct.records) some_malformed = some_malformed || seen.malformed;
  CHECK(some_malformed);
  const Outcome ahead = read_ahead(dir / "odd.csv", "", 1, 1);
  CHECK(ahead.records == direct.records);
  CHECK(ahead.error == direct.error);
}

TEST_CASE("read ahead: a zip damaged in the middle: the records before, then the error",
          "[read_ahead][failure]") {
  registry_test::ScratchDir dir;
  std::string bytes = registry_test::read_file(kParcels);
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  registry_test::write_file(dir / "mt_parcel_city302015.csv.zip", bytes);
  const Outcome direct =
      read_directly(dir / "mt_parcel_city302015.csv.zip", "mt_parcel_city302015.csv");
  REQUIRE_THAT(direct.error, Catch::Contains("cannot be read to the end"));
  const Outcome ahead =
      read_ahead(dir / "mt_parcel_city302015.csv.zip", "mt_parcel_city302015.csv", 4096, 2);
  CHECK(ahead.error == direct.error);
  REQUIRE(ahead.records.size() == direct.records.size());
  std::size_t same = 0;
  while (same < direct.records.size() && ahead.records[same] == direct.records[same]) ++same;
  INFO("the first record that differs: " << same);
  CHECK(same == direct.records.size());
}

TEST_CASE("read ahead: an importer that stops early returns at once", "[read_ahead]") {
  SourceStream source(kParcels, "mt_parcel_city302015.csv");
  ReadAheadRecords records(source, 64, 1);
  gifkit::grammars::CsvRecord record;
  for (int i = 0; i < 3; ++i) REQUIRE(records.next(record));
  CHECK(record.line == 3);
  // The destructor stops the thread, blocked on a full queue.
}
