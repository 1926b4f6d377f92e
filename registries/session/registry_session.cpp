// registry_session.cpp — see registry_session.hpp.
#include "registries/session/registry_session.hpp"

#include "registries/abr/abr_lookup.hpp"
#include "registries/builder/registry_holdings.hpp"
#include "registries/db/sqlite_backend.hpp"
#include "registries/moji/moji_store.hpp"

namespace gifkit::registries {

namespace reg = gifkit::registries;

RegistrySession::Connection::Connection(reg::RegistryDb opened) : db(std::move(opened)) {
  try {
    finder.emplace(db);
  } catch (const reg::RegistryError&) {
    // no 法人番号 tables: has_corporations() says so
  }
}

RegistrySession::Lease::~Lease() {
  if (connection_) owner_.give_back(std::move(connection_));
}

void require_registry(const std::filesystem::path& location) {
  RegistryDb::open_existing(location);
}

std::string registry_file_damage(const std::filesystem::path& file, std::uint64_t turn) {
  if (is_postgres_registry(file.native())) return "";
  return sqlite_registry_damage(file, turn);
}

std::string registry_server_away(const std::filesystem::path& location) {
  if (!is_postgres_registry(location.native())) return "";
  return postgres_server_away(location.native());
}

std::unique_ptr<RegistrySession> open_registry_session(const std::filesystem::path& registry,
                                                       const std::filesystem::path& models,
                                                       const std::filesystem::path& data,
                                                       SessionTuning tuning) {
  RegistrySessionSettings settings;
  settings.registry = registry;
  settings.models = models;
  settings.data = data;
  settings.tuning = std::move(tuning);
  return std::unique_ptr<RegistrySession>(new RegistrySession(std::move(settings)));
}

RegistrySession::RegistrySession(RegistrySessionSettings settings)
    : settings_(std::move(settings)) {
  for (int i = 0; i < std::max(1, settings_.tuning.connections); ++i)
    idle_.push_back(open_connection());
  const reg::RegistryDb& db = idle_.front()->db;
  data_date_ = reg::registry_data_date(db);
  has_corporations_ = idle_.front()->finder.has_value();
  if (has_corporations_)
    corporations_incomplete_because_ =
        reg::houjin_absence_unproven_because(reg::houjin_holdings(db.provenance()));
  try {
    reg::abr::require_abr_tables(db);
    has_address_tables_ = true;
  } catch (const reg::RegistryError&) {
    has_address_tables_ = false;
  }
  registry_has_characters_ = reg::moji::has_moji_data(db);
}

RegistrySession::~RegistrySession() = default;

bool RegistrySession::on_server() const {
  return reg::is_postgres_registry(settings_.registry.native());
}

std::unique_ptr<RegistrySession::Connection> RegistrySession::open_connection() const {
  const SessionTuning& tuning = settings_.tuning;
  auto db = reg::RegistryDb::open_existing(settings_.registry, true, tuning.pg_schema);
  db.set_busy_timeout(tuning.busy_timeout_ms);
  if (tuning.cache_kibibytes > 0) db.set_cache_size(tuning.cache_kibibytes);
  return std::make_unique<Connection>(std::move(db));
}

RegistrySession::Lease RegistrySession::borrow(Reads reads) const {
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!connection) connection = open_connection();
  // The borrower's statements see one state of the server's registry (a
  // file's single statements need none; a file's reader of several
  // statements opens its own ReadTransaction).
  if (on_server() && reads == Reads::several) {
    try {
      connection->db.begin_read();
    } catch (const reg::RegistryError&) {
      if (connection->db.broken()) {
        std::lock_guard lock(mutex_);
        idle_.clear();  // lost with it
      }
      throw;
    }
  }
  return Lease(*this, std::move(connection));
}

void RegistrySession::give_back(std::unique_ptr<Connection> connection) const {
  if (on_server() && !connection->db.broken() && connection->db.in_transaction()) {
    try {
      connection->db.rollback();
    } catch (const reg::RegistryError&) {
      // lost on the way: broken() tells below
    }
  }
  std::lock_guard lock(mutex_);
  if (connection->db.broken()) {
    // The server went away (or restarted): the idle connections are lost
    // too. The next borrowers open new ones, which fail until it is back.
    idle_.clear();
    return;
  }
  idle_.push_back(std::move(connection));
}

const CharacterChoice& RegistrySession::characters() const {
  std::call_once(characters_chosen_, [this] {
    characters_ =
        choose_character_data({settings_.registry, registry_has_characters_, settings_.data});
  });
  return characters_;
}

std::shared_ptr<const moji::CharacterData> RegistrySession::registry_characters() const {
  if (!registry_has_characters_) return nullptr;
  if (characters().source == CharacterSource::registry) return characters().data;
  return choose_character_data({settings_.registry, true, {}}, CharacterWanted::registry_own).data;
}

void RegistrySession::make_matcher() const {
  std::call_once(matcher_made_, [this] {
    try {
      if (settings_.models.empty())
        throw reg::RegistryError("no models folder: the address fold tables are unknown");
      matcher_db_ = std::make_unique<reg::RegistryDb>(
          reg::RegistryDb::open_existing(settings_.registry, true, settings_.tuning.pg_schema));
      matcher_db_->set_busy_timeout(settings_.tuning.busy_timeout_ms);
      reg::abr::AddressMatcherOptions options;
      options.fold_tables = settings_.models / "dictionaries" / "address_fold.tsv";
      options.max_input_chars = settings_.tuning.max_address_chars;
      options.cache_bytes = settings_.tuning.address_cache_bytes;
      // Threads that meet cold places read them at once, each on its own
      // connection (opened when first needed: a run of one thread opens none).
      options.open_reader = [this] {
        auto reader =
            reg::RegistryDb::open_existing(settings_.registry, true, settings_.tuning.pg_schema);
        reader.set_busy_timeout(settings_.tuning.busy_timeout_ms);
        return reader;
      };
      // Variant kanji: the registry's own fold (moji_fold) when it has
      // character data (its tables are then not loaded for this); else
      // derived from the data folder's tables.
      if (!registry_has_characters_ && characters().source == CharacterSource::data_folder)
        options.character_data = characters().data.get();
      matcher_ = std::make_unique<reg::abr::AddressMatcher>(*matcher_db_, options);
      made_matcher_.store(matcher_.get(), std::memory_order_release);
    } catch (const reg::RegistryError& error) {
      matcher_failure_ = std::current_exception();
      addresses_missing_ = error.what();
      matcher_db_.reset();
    }
  });
}

const reg::abr::AddressMatcher* RegistrySession::address_matcher() const {
  make_matcher();
  return matcher_.get();
}

const reg::abr::AddressMatcher& RegistrySession::require_address_matcher() const {
  make_matcher();
  if (!matcher_) std::rethrow_exception(matcher_failure_);
  return *matcher_;
}

const std::string& RegistrySession::addresses_missing() const {
  make_matcher();
  return addresses_missing_;
}

}  // namespace gifkit::registries
