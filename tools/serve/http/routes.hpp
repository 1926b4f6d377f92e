// routes.hpp — the service's routes as a table, in gifkit's own request and
// answer (exchange.hpp): each route a method, a path pattern (an ECMAScript
// regular expression matched against the whole path; its groups are
// Request::matches) and a handler, tried in the order added; and the hooks
// around them — before routing, an error status left without a body, a
// handler that threw, the answer written. The engine (http_engine.hpp) serves
// the table; the adapter (httplib_adapter.hpp) hands it to the HTTP library.
#pragma once
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tools/serve/http/exchange.hpp"

namespace gifkit::tools::serve {

class Routes {
 public:
  using Handler = std::function<void(const Request& request, Answer& answer)>;
  struct Route {
    std::string method;  // "GET" (which answers HEAD too) or "POST"
    std::string pattern;
    Handler handler;
  };

  // Named as the HTTP methods are, so that a route reads
  // server.Get("/v1/…", …) (the OpenAPI test finds the routes by it).
  void Get(std::string pattern, Handler handler) {
    routes_.push_back({"GET", std::move(pattern), std::move(handler)});
  }
  // The handler reads the body through request.body, as it arrives.
  void Post(std::string pattern, Handler handler) {
    routes_.push_back({"POST", std::move(pattern), std::move(handler)});
  }
  const std::vector<Route>& routes() const { return routes_; }

  // Before a route is chosen: true when it answered the request itself (no
  // route is tried then); headers it adds stay on the route's answer.
  std::function<bool(const Request&, Answer&)> before_routing;
  // An answer of status 400 or more about to be written: true when it wrote
  // the answer's body (an error no handler explained: a request the library
  // could not read, no route for it).
  std::function<bool(const Request&, Answer&)> on_error_status;
  // A handler threw: the answer for it (the answer as the handler left it).
  std::function<void(const Request&, Answer&, std::exception_ptr)> on_exception;
  // After an answer was written, with its status (the access log).
  std::function<void(const Request&, int status)> after_answer;

 private:
  std::vector<Route> routes_;
};

}  // namespace gifkit::tools::serve
