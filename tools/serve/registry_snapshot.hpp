// registry_snapshot.hpp — one opened state of the registry that the
// service answers from: a pool of read-only connections (one per request in
// flight; each request reads in one read transaction), the address matcher
// (shared by every thread; every city read when the snapshot opens, so no
// request waits for one), the registry's character data, and what
// /v1/registry says of it. A new build renamed over the file, a push or a
// rollback on a PostgreSQL server (registry_watch.hpp), or SIGHUP, makes the
// service open a new snapshot; requests in flight finish on the old one,
// which closes when the last of them returns its connection. The file's
// connections are opened when the snapshot is, so a registry deleted while
// serving keeps answering from the file it had open. On PostgreSQL every
// connection of a snapshot reads the schema the snapshot loaded (pinned),
// each request in one read-only REPEATABLE READ transaction, and a
// connection lost with its server is dropped, not lent again.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registries/abr/address_matcher.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/moji/character_data.hpp"
#include "tools/output/character_view.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools::serve {

struct SnapshotSettings {
  std::filesystem::path registry;
  std::filesystem::path address_fold_tables;  // models/dictionaries/address_fold.tsv
  std::size_t max_address_chars = 1000;
  int connections = 4;      // opened at once (more are opened when needed)
  int busy_timeout_ms = 0;  // a reader waits this long for a writer (ServiceOptions::busy_timeout)
  // The published character tables for the matcher's variant fold when the
  // registry has none (may be null); must outlive the snapshot.
  const registries::moji::CharacterData* character_tables = nullptr;
};

class RegistrySnapshot {
 public:
  // One read-only connection and the statement that looks corporations up.
  struct Connection {
    explicit Connection(registries::RegistryDb opened);
    registries::RegistryDb db;
    std::optional<registries::houjin::CorporationFinder> finder;  // with 法人番号 data
  };
  // A connection borrowed for one request, given back when it ends.
  class Lease {
   public:
    Lease(const RegistrySnapshot& owner, std::unique_ptr<Connection> connection)
        : owner_(owner), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&&) = default;
    Connection* operator->() const { return connection_.get(); }
    Connection& operator*() const { return *connection_; }

   private:
    const RegistrySnapshot& owner_;
    std::unique_ptr<Connection> connection_;
  };

  // Opens the registry of settings at version (a RegistryWatch token: on
  // PostgreSQL, the schema to pin). Throws RegistryError (naming the file)
  // when it is missing or not a registry, RegistryUnavailable when its
  // server cannot be reached.
  RegistrySnapshot(const SnapshotSettings& settings, std::uint64_t generation, std::string version);
  ~RegistrySnapshot();

  // What a request reads with a borrowed connection.
  enum class Reads {
    several,        // statements that must see one state: on a server, in one
                    // read transaction
    one_statement,  // one statement, which sees one state by itself: no
                    // transaction to begin and end (a lookup by number)
  };
  // A connection for one request (a new one when all are lent). Throws
  // RegistryError when a new one cannot be opened.
  Lease borrow(Reads reads = Reads::several) const;

  bool has_corporations() const { return has_corporations_; }
  bool has_addresses() const { return matcher_ != nullptr; }
  bool has_characters() const { return characters_ != nullptr; }
  // Why there is no matcher ("" when there is one).
  const std::string& addresses_missing() const { return addresses_missing_; }
  const registries::abr::AddressMatcher& matcher() const { return *matcher_; }
  const registries::moji::CharacterData& characters() const { return *characters_; }
  // The sets a character lookup reports, replacing into `to` (a set name,
  // never a file). Made once per name. Throws RegistryError for an unknown name.
  const CharacterSetsInUse& character_sets(const std::string& to) const;

  // sources, data date, schema, tables (registry info's JSON) and the generation.
  const Json& info() const { return info_; }
  // The RegistryWatch token of the version it holds.
  const std::string& version() const { return version_; }
  std::uint64_t generation() const { return generation_; }
  const std::filesystem::path& path() const { return settings_.registry; }
  // True when the registry is on a PostgreSQL server.
  bool on_server() const { return !pg_schema_.empty(); }
  // The schema every connection reads on a server ("" for a file).
  const std::string& pg_schema() const { return pg_schema_; }
  // message with the registry's path replaced by its file name (on
  // PostgreSQL: the connection string, with or without its password, by the
  // schema's name): an answer never shows where the server keeps its files.
  std::string without_path(std::string message) const;

 private:
  std::unique_ptr<Connection> open_connection() const;
  void give_back(std::unique_ptr<Connection> connection) const;

  SnapshotSettings settings_;
  std::uint64_t generation_;
  std::string version_;
  std::string pg_schema_;   // PostgreSQL: the schema every connection reads ("" for a file)
  std::string shown_name_;  // the registry's name in answers
  Json info_;
  bool has_corporations_ = false;
  std::unique_ptr<registries::RegistryDb> matcher_db_;  // the matcher's (reads under its lock)
  std::unique_ptr<registries::abr::AddressMatcher> matcher_;
  std::string addresses_missing_;
  std::unique_ptr<registries::moji::CharacterData> characters_;
  mutable std::mutex mutex_;  // guards idle_ and sets_
  mutable std::vector<std::unique_ptr<Connection>> idle_;
  mutable std::map<std::string, std::unique_ptr<CharacterSetsInUse>> sets_;
};

}  // namespace gifkit::tools::serve
