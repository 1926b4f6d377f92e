// registry_snapshot.cpp — see registry_snapshot.hpp.
#include "tools/serve/registry_snapshot.hpp"

#include <sys/stat.h>

#include "registries/abr/abr_lookup.hpp"
#include "registries/moji/moji_store.hpp"
#include "registries/moji/named_sets.hpp"
#include "tools/output/registry_info_view.hpp"

namespace gifkit::tools::serve {

namespace reg = gifkit::registries;

std::optional<FileIdentity> identity_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  FileIdentity identity;
  identity.device = status.st_dev;
  identity.inode = status.st_ino;
  identity.size = status.st_size;
  identity.modified_ns =
      static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
  return identity;
}

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

RegistrySnapshot::RegistrySnapshot(const SnapshotSettings& settings, std::uint64_t generation)
    : settings_(settings), generation_(generation) {
  auto identity = identity_of(settings_.registry);
  if (!identity) throw reg::RegistryError(settings_.registry.string() + ": no such registry file");
  identity_ = *identity;
  for (int i = 0; i < std::max(1, settings_.connections); ++i) idle_.push_back(open_connection());
  const reg::RegistryDb& db = idle_.front()->db;
  has_corporations_ = idle_.front()->finder.has_value();
  info_ = registry_info_json(db, settings_.registry.filename().string());
  info_["generation"] = generation_;

  matcher_db_ =
      std::make_unique<reg::RegistryDb>(reg::RegistryDb::open_existing(settings_.registry));
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
  auto db = reg::RegistryDb::open_existing(settings_.registry);
  db.set_busy_timeout(settings_.busy_timeout_ms);
  return std::make_unique<Connection>(std::move(db));
}

RegistrySnapshot::Lease RegistrySnapshot::borrow() const {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, open_connection());
}

void RegistrySnapshot::give_back(std::unique_ptr<Connection> connection) const {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

std::string RegistrySnapshot::without_path(std::string message) const {
  const std::string path = settings_.registry.string();
  const std::string name = settings_.registry.filename().string();
  for (std::size_t at = 0; (at = message.find(path, at)) != std::string::npos; at += name.size()) {
    message.replace(at, path.size(), name);
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
