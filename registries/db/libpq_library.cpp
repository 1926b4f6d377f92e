// libpq_library.cpp — see libpq_library.hpp: dlopen of libpq.so.5 and the
// lookup of each function it lists.
#include "registries/db/libpq_library.hpp"

#include <dlfcn.h>

#include <cassert>
#include <mutex>
#include <string>

#include "registries/db/registry_db.hpp"

namespace gifkit::registries::pg {
namespace {

// The library by its soname: the one libpq-dev's headers were written for.
constexpr const char* kLibPqSoname = "libpq.so.5";

LibPq load_libpq() {
#if defined(GIFKIT_BROWSER_BUILD)
  // The page opens no shared library: emscripten's dlopen, without the dynamic linking
  // the page is not built with, aborts the whole program instead of failing.
  throw RegistryUnavailable(
      "PostgreSQL registries cannot be reached from the browser build (the page): open a "
      "registry file (gifkit registry build) instead");
#endif
  void* handle = dlopen(kLibPqSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    throw RegistryUnavailable(
        std::string("PostgreSQL registries need the PostgreSQL client library (") + kLibPqSoname +
        ", Debian package libpq5), which cannot be loaded: " +
        (why != nullptr ? why : "unknown reason"));
  }
  LibPq functions;
  // Each name resolved; the library stays loaded for the process.
#define GIFKIT_LIBPQ_RESOLVE(name)                                                        \
  functions.name = reinterpret_cast<decltype(functions.name)>(dlsym(handle, #name));      \
  if (functions.name == nullptr) {                                                        \
    dlclose(handle);                                                                      \
    throw RegistryUnavailable(std::string(kLibPqSoname) +                                 \
                              " has no function " #name                                   \
                              " (a libpq older than PostgreSQL 14, which gifkit needs)"); \
  }
  GIFKIT_LIBPQ_FUNCTIONS(GIFKIT_LIBPQ_RESOLVE)
#undef GIFKIT_LIBPQ_RESOLVE
  return functions;
}

}  // namespace

const LibPq& libpq() {
  static LibPq functions;
  static std::once_flag loaded;
  // call_once leaves the flag unset when load_libpq throws: the next call tries again.
  std::call_once(loaded, [] { functions = load_libpq(); });
  assert(functions.PQconnectdbParams != nullptr);
  return functions;
}

}  // namespace gifkit::registries::pg

namespace gifkit::registries {

int postgresql_client_version() {
  return pg::libpq().PQlibVersion();
}

}  // namespace gifkit::registries
