// test_serve_address_key.cpp — tools/serve/http/http_engine's address_key,
// the key of --max-connections-per-address: an IPv4 client by its address,
// an IPv4 client of a dual-stack socket (::ffff:a.b.c.d) by its IPv4
// address, an IPv6 client by its /64 (issue #56: each of a /64's addresses
// counted apart, one client could open 64 connections from each).
// room: serve
#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "tools/serve/http/http_engine.hpp"

using gifkit::tools::serve::address_key;

namespace {

std::string key_of(const char* text) {
  sockaddr_storage address{};
  if (std::strchr(text, ':') != nullptr) {
    auto& in6 = reinterpret_cast<sockaddr_in6&>(address);
    in6.sin6_family = AF_INET6;
    REQUIRE(inet_pton(AF_INET6, text, &in6.sin6_addr) == 1);
  } else {
    auto& in4 = reinterpret_cast<sockaddr_in&>(address);
    in4.sin_family = AF_INET;
    REQUIRE(inet_pton(AF_INET, text, &in4.sin_addr) == 1);
  }
  return address_key(address);
}

}  // namespace

TEST_CASE("serve-9.1 the per-address cap counts an IPv6 client's /64 as one address", "[serve]") {
  CHECK(key_of("2001:db8:1:2::1") == key_of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
  CHECK(key_of("2001:db8:1:2:a:b:c:d") == key_of("2001:db8:1:2::"));
  CHECK(key_of("2001:db8:1:2::1") != key_of("2001:db8:1:3::1"));
  CHECK(key_of("2001:db8:1:2::1").size() == 8);
  CHECK(key_of("::1") == key_of("::2"));
}

TEST_CASE("serve-9.2 an IPv4 client is counted by its address, on either socket", "[serve]") {
  CHECK(key_of("192.0.2.1") != key_of("192.0.2.2"));
  CHECK(key_of("::ffff:192.0.2.1") == key_of("192.0.2.1"));
  CHECK(key_of("::ffff:192.0.2.1") != key_of("::ffff:192.0.2.2"));
  CHECK(key_of("192.0.2.1").size() == 4);
}
