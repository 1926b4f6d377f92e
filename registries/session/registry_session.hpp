// registry_session.hpp — one opened registry, as every command, the service,
// the tests and the fuzz targets read it: opened once from (registry
// location, models folder, data folder), it holds the pool of read-only
// connections, what the registry holds (its data date, 法人番号, ABR and
// character tables), the character data of every check
// (character_choice.hpp: decided there), and the one address matcher (the
// fold tables of the models folder and the Address Base Registry in memory),
// made on first use and then shared read-only by every reader and thread.
//
// The one door to a registry (docs/architecture.md): what reads it takes a
// RegistryRead of the session and the typed readers over it
// (registry_readers.hpp); models/ adapts the session to the engine's lookup
// interfaces (models/session/), tools/ opens it (tools/registry_option.hpp).
// Only the registry-administration commands (build, update, push, verify,
// info) reach registries/db/ themselves.
#pragma once
#include <atomic>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registries/abr/address_matcher.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_db.hpp"
#include "registries/houjin/lookup/houjin_lookup.hpp"
#include "registries/session/character_choice.hpp"

namespace gifkit::registries {

// How a session reads its registry, beyond which one it opens: the defaults
// are a command's (one connection); the service keeps a pool and pins the
// schema it loaded.
struct SessionTuning {
  std::string pg_schema;    // PostgreSQL: the schema every connection reads ("" = the current one)
  int connections = 1;      // opened at once (more are opened when all are lent)
  int busy_timeout_ms = 0;  // a reader waits this long for a writer's lock
  int cache_kibibytes = 0;  // each connection's SQLite page cache (0: SQLite's default)
  std::size_t max_address_chars = 1000;  // longer addresses are not matched
  // The address matcher's budget of cities' places (--address-cache-mb).
  std::size_t address_cache_bytes = abr::AddressIndex::kDefaultCacheBytes;
};

struct RegistrySessionSettings {
  std::filesystem::path registry;  // a file, or postgresql://… / pg:SERVICE
  // --models: its dictionaries/address_fold.tsv feeds the address matcher
  // ("" = no matcher).
  std::filesystem::path models;
  // --data: its moji/ is the character data when the registry holds none
  // ("" = none).
  std::filesystem::path data;
  SessionTuning tuning;
};

class RegistrySession;

// Opens the registry at location once and closes it: throws what opening
// says (RegistryError: missing, not a registry; RegistryUnavailable: its
// server cannot be reached), for a caller that must say why before it
// opens a session.
void require_registry(const std::filesystem::path& location);

// What looks damaged in the registry file at file ("" when nothing does; a
// registry on a PostgreSQL server is not looked at): /healthz's cheap look
// through SQLite (sqlite_registry_damage in registries/db/sqlite_backend.hpp;
// turn: which sample of pages). Names the file by its file name only.
std::string registry_file_damage(const std::filesystem::path& file, std::uint64_t turn);

// "" when the registry at location is a file or its PostgreSQL server is
// reached, else why connections to it are not tried now (the server did
// not answer a moment ago: postgres_server_away in registries/db/pg_backend.hpp):
// /healthz's degraded.
std::string registry_server_away(const std::filesystem::path& location);

// The one place a RegistrySession is assembled: the registry at registry (a
// file or a PostgreSQL location) with models' fold tables and data's
// character data ("" for either: none), read as tuning says. Throws
// RegistryError (naming the registry) when it is missing or not a registry,
// RegistryUnavailable when its server cannot be reached.
std::unique_ptr<RegistrySession> open_registry_session(const std::filesystem::path& registry,
                                                       const std::filesystem::path& models,
                                                       const std::filesystem::path& data,
                                                       SessionTuning tuning = {});

class RegistrySession {
 public:
  // One read-only connection and the statement that looks corporations up.
  struct Connection {
    explicit Connection(RegistryDb opened);
    RegistryDb db;
    std::optional<houjin::CorporationFinder> finder;  // with 法人番号 data
  };
  // A connection borrowed for one read, given back when it ends.
  class Lease {
   public:
    Lease(const RegistrySession& owner, std::unique_ptr<Connection> connection)
        : owner_(owner), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&&) = default;
    Connection* operator->() const { return connection_.get(); }
    Connection& operator*() const { return *connection_; }

   private:
    const RegistrySession& owner_;
    std::unique_ptr<Connection> connection_;
  };
  // What a borrower reads with its connection.
  enum class Reads {
    several,        // statements that must see one state: on a server, in one
                    // read transaction
    one_statement,  // one statement, which sees one state by itself
  };

  ~RegistrySession();
  RegistrySession(const RegistrySession&) = delete;
  RegistrySession& operator=(const RegistrySession&) = delete;

  // A connection (a new one when all are lent): for RegistryRead
  // (registry_readers.hpp), which every reader of the registry takes. Throws
  // RegistryError when a new one cannot be opened; on a server,
  // RegistryUnavailable when its read transaction cannot begin.
  Lease borrow(Reads reads = Reads::several) const;

  const RegistrySessionSettings& settings() const { return settings_; }
  const std::filesystem::path& location() const { return settings_.registry; }
  bool on_server() const;

  // The registry's data date (registry_data_date), read when the session
  // opened: a session reads one version of its registry (the service opens
  // a new session when the registry changes: RegistryWatch).
  const std::string& data_date() const { return data_date_; }

  bool has_corporations() const { return has_corporations_; }
  // Why a 法人番号 missing from it may still be registered (it holds no
  // whole register: houjin_absence_unproven_because in
  // registries/builder/registry_holdings.hpp), read when the session opened;
  // "" when a missing number is not registered.
  const std::string& corporations_incomplete_because() const {
    return corporations_incomplete_because_;
  }
  // The registry holds Address Base Registry tables (address_matcher() may
  // still be null: no fold tables).
  bool has_address_tables() const { return has_address_tables_; }
  // The registry holds character data of its own (moji tables).
  bool registry_has_characters() const { return registry_has_characters_; }

  // The character data for every check of this session
  // (choose_character_data for checks: the registry's when it holds a JIS
  // X 0213 mapping, else the data folder's; null data, with the reason in
  // note, when neither has one). Chosen on the first call (by one thread;
  // the others wait), then shared.
  const CharacterChoice& characters() const;
  // The registry's own character tables, whatever they hold (lookup char,
  // chars --registry): the session's when it chose them, else read now;
  // null when the registry holds none.
  std::shared_ptr<const moji::CharacterData> registry_characters() const;

  // The address matcher, made on the first call (by one thread; the others
  // wait) and then shared: null without ABR data or fold tables, with the
  // reason in addresses_missing(). Never throws.
  const abr::AddressMatcher* address_matcher() const;
  // As address_matcher(), but throws the RegistryError that kept it from
  // being made.
  const abr::AddressMatcher& require_address_matcher() const;
  // The matcher when an earlier call has made it, else nullptr: never makes
  // it (for what can use it but does not need it).
  const abr::AddressMatcher* address_matcher_if_made() const {
    return made_matcher_.load(std::memory_order_acquire);
  }
  const std::string& addresses_missing() const;

 private:
  friend std::unique_ptr<RegistrySession> open_registry_session(const std::filesystem::path&,
                                                                const std::filesystem::path&,
                                                                const std::filesystem::path&,
                                                                SessionTuning);
  // Opens settings.tuning.connections connections to the registry, reads its
  // data date and decides what it holds (open_registry_session's throws).
  explicit RegistrySession(RegistrySessionSettings settings);
  std::unique_ptr<Connection> open_connection() const;
  void give_back(std::unique_ptr<Connection> connection) const;
  void make_matcher() const;

  RegistrySessionSettings settings_;
  std::string data_date_;
  bool has_corporations_ = false;
  std::string corporations_incomplete_because_;
  bool has_address_tables_ = false;
  bool registry_has_characters_ = false;
  mutable std::once_flag characters_chosen_;
  mutable CharacterChoice characters_;

  mutable std::once_flag matcher_made_;
  mutable std::unique_ptr<RegistryDb> matcher_db_;  // the matcher's own connection
  mutable std::unique_ptr<abr::AddressMatcher> matcher_;
  mutable std::atomic<const abr::AddressMatcher*> made_matcher_{nullptr};
  mutable std::exception_ptr matcher_failure_;  // why there is none
  mutable std::string addresses_missing_;

  mutable std::mutex mutex_;  // guards idle_
  mutable std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace gifkit::registries
