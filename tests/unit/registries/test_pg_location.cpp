// test_pg_location.cpp — a PostgreSQL registry location never carries a
// password: uri_password_spans finds each form libpq reads (user:SECRET@,
// ?password=, its keyword percent-encoded), redacted_registry_name masks
// them, postgres_conninfo (every connection's one parse) refuses them with
// the ways libpq reads a password instead (issue #56). No server is needed.
// room: db
#include <catch2/catch.hpp>

#include "registries/db/pg_backend.hpp"
#include "registries/db/registry_db.hpp"

namespace reg = gifkit::registries;

TEST_CASE("a password in a PostgreSQL location is found, masked and refused") {
  struct Location {
    const char* text;
    const char* redacted;
  };
  const Location with_password[] = {
      {"postgresql://gifkit:secret@127.0.0.1:5432/gifkit",
       "postgresql://gifkit@127.0.0.1:5432/gifkit"},
      {"postgres://gifkit:@127.0.0.1/gifkit", "postgres://gifkit@127.0.0.1/gifkit"},
      {"postgresql://gifkit@127.0.0.1/gifkit?password=secret",
       "postgresql://gifkit@127.0.0.1/gifkit?password=***"},
      {"postgresql://127.0.0.1/gifkit?sslmode=disable&password=secret&user=gifkit",
       "postgresql://127.0.0.1/gifkit?sslmode=disable&password=***&user=gifkit"},
      {"postgresql://127.0.0.1/gifkit?%70assword=secret",
       "postgresql://127.0.0.1/gifkit?%70assword=***"},
      {"postgresql://gifkit:secret@127.0.0.1?password=other",
       "postgresql://gifkit@127.0.0.1?password=***"},
  };
  for (const auto& location : with_password) {
    INFO(location.text);
    CHECK_FALSE(reg::uri_password_spans(location.text).empty());
    CHECK(reg::redacted_registry_name(location.text) == location.redacted);
    try {
      reg::postgres_conninfo(location.text);
      FAIL("a password in the location was taken");
    } catch (const reg::RegistryError& error) {
      const std::string message = error.what();
      CHECK(message.find("secret") == std::string::npos);
      CHECK(message.find("a password in a registry location is refused") != std::string::npos);
      for (const char* way : {"PGPASSWORD", "PGPASSFILE", "~/.pgpass", "pg:SERVICE"})
        CHECK(message.find(way) != std::string::npos);
    }
  }
  const char* without_password[] = {
      "postgresql://gifkit@127.0.0.1:5432/gifkit",
      "postgresql://127.0.0.1/gifkit?passfile=/etc/gifkit/pgpass&sslmode=disable",
      "postgresql://gifkit@127.0.0.1/db%3Aname",
      "pg:registry",
      "pg:",
  };
  for (const char* text : without_password) {
    INFO(text);
    CHECK(reg::uri_password_spans(text).empty());
    CHECK(reg::redacted_registry_name(text) == text);
    CHECK_NOTHROW(reg::postgres_conninfo(text));
  }
  CHECK(reg::postgres_conninfo("pg:registry") == "service='registry'");
}
