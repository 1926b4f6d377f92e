// registry_snapshot.hpp — one opened state of the registry that the
// service answers from: a registry session (models/session/
// registry_session.hpp: the pool of read-only connections, one per request
// in flight, each request reading in one read transaction; the address
// matcher, shared by every thread and every route, /v1/validate included,
// a city's places read by the first request that reaches it and kept within
// the session's budget (SessionTuning::address_cache_bytes); the
// character data, the registry's or else the data folder's, for the
// character routes and validate alike) and what /v1/registry says of it. A
// new build renamed over the file, a push or a rollback on a PostgreSQL
// server (registry_watch.hpp), or SIGHUP, makes the service open a new
// snapshot, with a new session; requests in flight finish on the old one,
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

#include "models/session/lookup_session.hpp"
#include "registries/abr/address_matcher.hpp"
#include "registries/moji/character_data.hpp"
#include "registries/session/registry_readers.hpp"
#include "tools/output/character_view.hpp"
#include "tools/output/json_text.hpp"

namespace gifkit::tools::serve {

struct SnapshotSettings {
  std::filesystem::path registry;
  std::filesystem::path models;  // --models (the address fold tables)
  std::filesystem::path data;    // --data (moji/ when the registry has no character data)
  // The session's pool (ServiceOptions::connections), waits and address
  // cap; its pg_schema is set by each snapshot to the schema of its version.
  registries::SessionTuning tuning;
};

class RegistrySnapshot {
 public:
  using Reads = registries::RegistrySession::Reads;

  // Opens the registry of settings at version (a RegistryWatch token: on
  // PostgreSQL, the schema to pin). Throws RegistryError (naming the file)
  // when it is missing or not a registry, RegistryUnavailable when its
  // server cannot be reached.
  RegistrySnapshot(const SnapshotSettings& settings, std::uint64_t generation, std::string version);
  ~RegistrySnapshot();

  // The registry's session, which a request's RegistryRead borrows a
  // connection of (registries/session/registry_readers.hpp).
  const registries::RegistrySession& registry() const { return session_->registry(); }
  // The session every route of this snapshot reads through (/v1/validate's
  // lookup and character data).
  const models::LookupSession& session() const { return *session_; }

  bool has_corporations() const { return registry().has_corporations(); }
  bool has_addresses() const { return registry().address_matcher() != nullptr; }
  // The registry holds character data of its own (the character routes
  // answer from it; validate falls back on the data folder's).
  bool has_characters() const {
    return registry().characters().source == registries::CharacterSource::registry;
  }
  // Why there is no matcher ("" when there is one).
  const std::string& addresses_missing() const { return registry().addresses_missing(); }
  const registries::abr::AddressMatcher& matcher() const { return *registry().address_matcher(); }
  const registries::moji::CharacterData& characters() const {
    return *registry().characters().data;
  }
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
  SnapshotSettings settings_;
  std::uint64_t generation_;
  std::string version_;
  std::string pg_schema_;   // PostgreSQL: the schema every connection reads ("" for a file)
  std::string shown_name_;  // the registry's name in answers
  Json info_;
  std::unique_ptr<models::LookupSession> session_;
  mutable std::mutex mutex_;  // guards sets_
  mutable std::map<std::string, std::unique_ptr<CharacterSetsInUse>> sets_;
};

}  // namespace gifkit::tools::serve
