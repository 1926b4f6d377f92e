// httplib_adapter.cpp — see httplib_adapter.hpp. A request is converted
// once, by the first hook that asks for it, and kept for its others (the
// route's handler, the exception and error hooks, the log); an answer moves
// from httplib's response into gifkit's and back around each hook, so that
// what one hook wrote (the CORS headers before routing) is what the next
// finds, as in one httplib response.
#include "tools/serve/http/httplib_adapter.hpp"

#include <type_traits>
#include <utility>

namespace gifkit::tools::serve {

namespace {

// The request being processed on the calling thread, converted.
struct Exchange {
  const httplib::Request* source = nullptr;  // of this request; none before its first hook
  Request request;
};
thread_local Exchange current_exchange;

Request& own_request(const httplib::Request& from) {
  Request& to = current_exchange.request;
  if (current_exchange.source == &from) return to;
  current_exchange.source = &from;
  to.method = from.method;
  to.path = from.path;
  to.matches.clear();
  to.params = from.params;
  to.headers.clear();
  for (const auto& [name, value] : from.headers)
    to.headers.emplace_hint(to.headers.end(), name, value);
  to.remote_address = from.remote_addr;
  to.body = nullptr;
  return to;
}

// The answer in httplib's response, moved into gifkit's (a streamed body
// stays in the response: only a route sets one).
void take_answer(httplib::Response& from, Answer& to) {
  to.status = from.status == -1 ? 0 : from.status;
  to.headers.clear();
  for (const auto& [name, value] : from.headers)
    to.headers.emplace_hint(to.headers.end(), name, value);
  to.body = std::move(from.body);
}

// A streamed body's sink over httplib's.
class SinkOverDataSink final : public ChunkSink {
 public:
  explicit SinkOverDataSink(httplib::DataSink& sink) : sink_(sink) {}
  bool write(const char* data, std::size_t size) override { return sink_.write(data, size); }
  void done() override { sink_.done(); }

 private:
  httplib::DataSink& sink_;
};

void give_answer(Answer& from, httplib::Response& to) {
  to.status = from.status == 0 ? -1 : from.status;
  if (from.stream) {
    to.set_chunked_content_provider(
        "", [provider = std::move(from.stream)](std::size_t, httplib::DataSink& sink) {
          SinkOverDataSink own(sink);
          return provider(own);
        });
    from.stream = nullptr;
  }
  to.headers.clear();  // set_chunked_content_provider's Content-Type too: from holds the one
  for (const auto& [name, value] : from.headers)
    to.headers.emplace_hint(to.headers.end(), name, value);
  to.body = std::move(from.body);
}

// Runs hook with the response as gifkit's answer, and puts the answer back
// (also when hook throws: the exception hook finds it as it was left).
template <typename Hook>
auto with_answer(httplib::Response& response, Hook&& hook) {
  Answer answer;
  take_answer(response, answer);
  try {
    if constexpr (std::is_void_v<decltype(hook(answer))>) {
      hook(answer);
      give_answer(answer, response);
    } else {
      auto result = hook(answer);
      give_answer(answer, response);
      return result;
    }
  } catch (...) {
    give_answer(answer, response);
    throw;
  }
}

// A route's handler as httplib calls it: the path's groups and, for a
// POST, the body's reader set on the request for the handler's time.
void run_route(const Routes::Handler& handler, const httplib::Request& from,
               httplib::Response& response, const httplib::ContentReader* reader) {
  Request& request = own_request(from);
  request.matches.clear();
  for (const auto& group : from.matches) request.matches.push_back(group.str());
  if (reader != nullptr) {
    request.body = [reader, &response](const BodyReceiver& receive) {
      if ((*reader)(receive)) return BodyEnd::complete;
      return response.status == 413 ? BodyEnd::too_large : BodyEnd::cut_short;
    };
  }
  struct ClearBody {
    Request& request;
    ~ClearBody() { request.body = nullptr; }
  } clear_body{request};
  with_answer(response, [&](Answer& answer) { handler(request, answer); });
}

}  // namespace

RequestProcessor::RequestProcessor(const Routes& routes) {
  for (const Routes::Route& route : routes.routes()) {
    if (route.method == "GET") {
      Get(route.pattern,
          [handler = route.handler](const httplib::Request& request, httplib::Response& response) {
            run_route(handler, request, response, nullptr);
          });
    } else {
      Post(route.pattern,
           [handler = route.handler](const httplib::Request& request, httplib::Response& response,
                                     const httplib::ContentReader& reader) {
             run_route(handler, request, response, &reader);
           });
    }
  }
  if (routes.before_routing) {
    set_pre_routing_handler([hook = routes.before_routing](const httplib::Request& request,
                                                           httplib::Response& response) {
      const bool answered =
          with_answer(response, [&](Answer& answer) { return hook(own_request(request), answer); });
      return answered ? HandlerResponse::Handled : HandlerResponse::Unhandled;
    });
  }
  if (routes.on_error_status) {
    HandlerWithResponse on_error = [hook = routes.on_error_status](const httplib::Request& request,
                                                                   httplib::Response& response) {
      const bool answered =
          with_answer(response, [&](Answer& answer) { return hook(own_request(request), answer); });
      return answered ? HandlerResponse::Handled : HandlerResponse::Unhandled;
    };
    set_error_handler(std::move(on_error));
  }
  if (routes.on_exception) {
    set_exception_handler([hook = routes.on_exception](const httplib::Request& request,
                                                       httplib::Response& response,
                                                       std::exception_ptr thrown) {
      with_answer(response, [&](Answer& answer) { hook(own_request(request), answer, thrown); });
    });
  }
  if (routes.after_answer) {
    set_logger([hook = routes.after_answer](const httplib::Request& request,
                                            const httplib::Response& response) {
      hook(own_request(request), response.status);
    });
  }
}

bool RequestProcessor::serve(httplib::Stream& stream, bool close_after, bool& client_closes) {
  current_exchange.source = nullptr;  // a new request, wherever httplib keeps it
  return process_request(stream, close_after, client_closes, nullptr);
}

}  // namespace gifkit::tools::serve
