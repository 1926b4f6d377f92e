// libpq_library.hpp — the PostgreSQL client library (libpq), loaded when the
// first registry on a server is opened, not when gifkit starts. libpq and what
// it links (Kerberos, LDAP, GnuTLS: 19 more shared libraries) cost every process
// ~15–28 ms of loading and relocating on this machine (docs/performance.md, "CI
// time", round 8), and most runs never open a server. For pg_connection.cpp and
// pg_backend.cpp only: they call libpq().PQexec(…) where they would call PQexec(…).
#pragma once
#include <libpq-fe.h>

namespace gifkit::registries::pg {

// Every libpq function gifkit calls, each once (X(name)).
#define GIFKIT_LIBPQ_FUNCTIONS(X) \
  X(PQclear)                      \
  X(PQcmdTuples)                  \
  X(PQconnectdbParams)            \
  X(PQdescribePrepared)           \
  X(PQenterPipelineMode)          \
  X(PQerrorMessage)               \
  X(PQexec)                       \
  X(PQexecParams)                 \
  X(PQexecPrepared)               \
  X(PQexitPipelineMode)           \
  X(PQfformat)                    \
  X(PQfinish)                     \
  X(PQftype)                      \
  X(PQgetResult)                  \
  X(PQgetisnull)                  \
  X(PQgetlength)                  \
  X(PQgetvalue)                   \
  X(PQlibVersion)                 \
  X(PQnfields)                    \
  X(PQnparams)                    \
  X(PQntuples)                    \
  X(PQpipelineSync)               \
  X(PQprepare)                    \
  X(PQputCopyData)                \
  X(PQputCopyEnd)                 \
  X(PQresultErrorField)           \
  X(PQresultErrorMessage)         \
  X(PQresultStatus)               \
  X(PQsendQuery)                  \
  X(PQsendQueryParams)            \
  X(PQsendQueryPrepared)          \
  X(PQsetNoticeProcessor)         \
  X(PQstatus)                     \
  X(PQtransactionStatus)

// The functions, as pointers of libpq's own types (all set once loaded).
struct LibPq {
#define GIFKIT_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  GIFKIT_LIBPQ_FUNCTIONS(GIFKIT_LIBPQ_MEMBER)
#undef GIFKIT_LIBPQ_MEMBER
};

// libpq's functions, the library loaded (libpq.so.5) at the first call, once
// for the process and thread-safely. Throws RegistryUnavailable naming the
// library and what to install when it cannot be loaded or lacks a function;
// the next call tries again.
const LibPq& libpq();

}  // namespace gifkit::registries::pg
