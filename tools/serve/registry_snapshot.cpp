// registry_snapshot.cpp — see registry_snapshot.hpp.
#include "tools/serve/registry_snapshot.hpp"

#include <cassert>
#include <system_error>

#include "registries/abr/abr_lookup.hpp"
#include "registries/db/pg_backend.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/named_sets.hpp"
#include "tools/output/registry_info_view.hpp"

namespace gifkit::tools::serve {

namespace reg = gifkit::registries;

RegistrySnapshot::Connection::Connection(reg::RegistryDb opened) : db(std::move(opened)) {
  try {
    finder.emplace(db);
  } catch (const reg::RegistryError&) {
    // no 法人番号 tables: the corporation routes answer 503
  }
}

RegistrySnapshot::Lease::~Lease() {
  if (connection_) owner_.give_back(std::move(connection_));
}

RegistrySnapshot::RegistrySnapshot(const SnapshotSettings& settings, std::uint64_t generation,
                                   std::string version)
    : settings_(settings), generation_(generation), version_(std::move(version)) {
  if (reg::is_postgres_registry(settings_.registry.native())) {
    assert(!version_.empty());
    pg_schema_ = reg::pg_schema_of_version(version_);
    shown_name_ = pg_schema_;
  } else {
    std::error_code error;
    if (!std::filesystem::exists(settings_.registry, error))
      throw reg::RegistryError(settings_.registry.string() + ": no such registry file");
    shown_name_ = settings_.registry.filename().string();
  }
  for (int i = 0; i < std::max(1, settings_.connections); ++i) {
    auto connection = open_connection();
    idle_.push_back(std::move(connection));
  }
  const reg::RegistryDb& db = idle_.front()->db;
  has_corporations_ = idle_.front()->finder.has_value();
  info_ = registry_info_json(db, shown_name_);
  info_["generation"] = generation_;

  matcher_db_ = std::make_unique<reg::RegistryDb>(
      reg::RegistryDb::open_existing(settings_.registry, true, pg_schema_));
  matcher_db_->set_busy_timeout(settings_.busy_timeout_ms);
  const bool has_characters = reg::moji::has_moji_data(db);
  try {
    reg::abr::AddressMatcherOptions options;
    options.fold_tables = settings_.address_fold_tables;
    options.max_input_chars = settings_.max_address_chars;
    if (!has_characters) options.character_data = settings_.character_tables;
    matcher_ = std::make_unique<reg::abr::AddressMatcher>(*matcher_db_, options);
    // Every city read now, not by the first request that names it: no
    // request waits for a city's load, and a swapped-in registry is warm
    // before it answers.
    const auto& index = matcher_->index();
    for (std::uint32_t city = 0; city < index.cities().size(); ++city) {
      index.places_with_readings(city);
    }
  } catch (const reg::RegistryError& error) {
    addresses_missing_ = error.what();
  }
  if (has_characters) {
    characters_ =
        std::make_unique<reg::moji::CharacterData>(reg::moji::registry_rows(settings_.registry));
    if (!characters_->has_jis()) characters_.reset();
  }
}

RegistrySnapshot::~RegistrySnapshot() = default;

std::unique_ptr<RegistrySnapshot::Connection> RegistrySnapshot::open_connection() const {
  auto db = reg::RegistryDb::open_existing(settings_.registry, true, pg_schema_);
  db.set_busy_timeout(settings_.busy_timeout_ms);
  return std::make_unique<Connection>(std::move(db));
}

RegistrySnapshot::Lease RegistrySnapshot::borrow(Reads reads) const {
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!connection) connection = open_connection();
  // The request's statements see one state of the server's registry (a
  // file's single statements need none; its multi-statement routes open
  // their own ReadTransaction).
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

void RegistrySnapshot::give_back(std::unique_ptr<Connection> connection) const {
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
    // too. The next requests open new ones, which fail (503) until it is back.
    idle_.clear();
    return;
  }
  idle_.push_back(std::move(connection));
}

std::string RegistrySnapshot::without_path(std::string message) const {
  std::vector<std::string> names = {settings_.registry.string()};
  if (on_server()) names.push_back(reg::redacted_registry_name(settings_.registry.native()));
  for (const auto& name : names) {
    for (std::size_t at = 0; (at = message.find(name, at)) != std::string::npos;
         at += shown_name_.size()) {
      message.replace(at, name.size(), shown_name_);
    }
  }
  return message;
}

const CharacterSetsInUse& RegistrySnapshot::character_sets(const std::string& to) const {
  assert(characters_);
  std::lock_guard lock(mutex_);
  auto& sets = sets_[to];
  if (!sets) {
    if (!reg::moji::is_named_set(to)) {
      sets_.erase(to);
      throw reg::RegistryError("'" + to + "' is not a character set name");
    }
    sets = std::make_unique<CharacterSetsInUse>(*characters_, to);
  }
  return *sets;
}

}  // namespace gifkit::tools::serve
