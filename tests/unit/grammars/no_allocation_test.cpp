// no_allocation_test.cpp — the performance contract: on the ok path the
// check_* functions must not allocate. Replaces the global operator new of
// the test_grammars executable with a counting one (every non-aligned form,
// so that the sanitizers see matching allocation and release functions).
// room: grammars
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "grammars/values/contact.hpp"
#include "grammars/values/date.hpp"
#include "grammars/values/identifiers.hpp"

namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

using namespace gifkit::grammars;

namespace {

// Number of allocations made while running check on text, and whether the
// verdict was ok.
template <typename Check>
std::pair<std::size_t, bool> allocations_of(Check check, std::string_view text) {
  const std::size_t before = g_allocations.load();
  const bool ok = check(text).ok();
  return {g_allocations.load() - before, ok};
}

}  // namespace

TEST_CASE("alloc-1.0 the counter sees allocations (the test can fail)") {
  const auto [allocations, ok] = allocations_of(check_date, "2024/4/18");
  CHECK_FALSE(ok);
  CHECK(allocations > 0);
}

TEST_CASE("alloc-1.1 ok verdicts allocate nothing") {
  const std::pair<ValueVerdict (*)(std::string_view), std::string_view> cases[] = {
      {check_date, "2024-04-18"},
      {check_date_time, "2017-09-01T18:10:50.123456+09:00"},
      {check_date_time, "2017-09-01"},
      {check_corporate_number, "7000012050002"},
      {check_local_government_code, "131016"},
      {check_postal_code, "1008926"},
      {check_phone_number, "(03)5253-5111 内線999 / 998 / (03)5253-5112"},
      {check_phone_number, "+81 3-5253-5111 Ext.999"},
      {check_email, "first.last+tag@sub.example.co.jp"},
      {check_url, "https://www.digital.go.jp:443/policies/gif/?lang=ja#section-1"},
  };
  for (const auto& [check, text] : cases) {
    INFO(text);
    const auto [allocations, ok] = allocations_of(check, text);
    CHECK(ok);
    CHECK(allocations == 0);
  }
}
