// httplib_adapter.hpp — where gifkit's routes meet cpp-httplib, the HTTP
// library: a RequestProcessor is an httplib::Server with a route table
// (routes.hpp) installed — each route and hook given gifkit's Request and
// Answer (exchange.hpp), converted here — whose request processing (parse
// the head, route, write the answer: its protected process_request) the
// engine (http_engine.hpp) calls on a stream of its own. Only
// tools/serve/http/ includes this header or <httplib.h> (ctest -R layering).
#pragma once
#include <httplib.h>

#include "tools/serve/http/routes.hpp"

namespace gifkit::tools::serve {

class RequestProcessor : public httplib::Server {
 public:
  // Installs routes (their handlers and hooks are copied).
  explicit RequestProcessor(const Routes& routes);

  // Serves one request of stream: reads its head (and, through the route,
  // its body), routes it and writes the answer. False when the connection
  // failed; client_closes is set when the request asked to close it.
  bool serve(httplib::Stream& stream, bool close_after, bool& client_closes);
  // httplib streams a chunked answer only while its own listening socket is
  // set (it reads "unset" as shutting down): the engine lends it its own.
  void lend_listening_socket(int fd) { svr_sock_ = fd; }
};

}  // namespace gifkit::tools::serve
