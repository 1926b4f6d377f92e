// http_engine.hpp — the connection engine of `gifkit serve`: it owns the
// listening socket, the connections and the worker threads, and serves the
// service's route table (routes.hpp) — each request's head parsed, routed
// and answered by cpp-httplib (through the adapter, httplib_adapter.hpp:
// httplib::Server's process_request, on a stream of the engine's). Debian's
// cpp-httplib 0.11 keeps a
// worker thread per open connection and has no connection limit; the engine
// instead parks an idle keep-alive connection in an epoll set that every
// worker waits on (it costs a file descriptor, no thread): the worker that
// the kernel wakes for a connection's bytes reads them and, once a whole
// request head has arrived and its framing is checked (request_framing.hpp),
// serves the request itself — no handoff between threads, no lock held
// while waiting — and a client trickling a head holds no worker (its bytes
// are read as they come, and the connection parked again). The engine's own
// thread accepts connections, takes signals and closes the idle ones. A
// request the plain_answer hook answers (a plain lookup by number) is
// written without the library's request and response objects. The engine
// frames the body for httplib (it reads that body and nothing past it),
// closes a connection beyond --max-connections-per-address from one client
// address at once, keeps the connections that wait for a head (idle or
// trickling one) under --max-idle-connections by closing the one that has
// waited longest, a second at least (so that many addresses trickling heads
// cannot take every slot), answers 503 beyond --max-connections when no
// such connection is left to close, bounds
// the time a request may take to arrive from when its connection was
// accepted or went idle (slow clients), closes a connection after a request
// refused for its framing or whose body was left unread, writes without
// waiting (what the client has not taken yet is kept, within a budget for
// all connections, and sent as the client reads, by whichever worker the
// kernel wakes: a client that does not read holds no worker, and its
// connection is closed once it has taken nothing for the I/O timeout), and
// stops gracefully: no new connections, idle ones closed, requests in
// flight answered within the grace, then the stop ends whatever a worker
// is doing (run() says so). Linux only (epoll, signalfd, eventfd).
#pragma once
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "tools/serve/http/routes.hpp"

namespace gifkit::tools::serve {

class RequestProcessor;  // httplib_adapter.hpp

struct HttpEngineOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (port() tells which)
  int threads = 0;  // workers; 0: 2 per core, at least 4
  std::size_t max_connections = 1000;
  // Open connections from one client address at most (an IPv4 address, an
  // IPv6 /64 prefix: address_key).
  std::size_t max_connections_per_address = 64;
  // Connections waiting for a request's head (idle between requests, or
  // with a head begun and not ended) at most; beyond, the one that has
  // waited longest is closed. 0: half of max_connections.
  std::size_t max_idle_connections = 0;
  // The largest request body (a larger Content-Length, or chunked body: 413).
  std::uint64_t max_body = ~std::uint64_t{0};
  std::chrono::milliseconds keep_alive_timeout{5000};  // an idle connection is closed after it
  // How long one read may wait for the peer; how long an answer's bytes
  // may wait for a client that takes none of them (the write deadline).
  std::chrono::milliseconds io_timeout{5000};
  // Answers' bytes that clients have not taken yet, kept for all
  // connections together at most; beyond, a worker writing an answer waits
  // for its client (at most io_timeout for each wait).
  std::uint64_t unsent_budget = std::uint64_t{256} << 20;
  // How long a request (line, headers and body) may take to arrive, from
  // when its connection was accepted or went idle after the last answer: a
  // client that trickles it (slowloris) is cut off. Heads are read without
  // a worker, so a request whose head has arrived waits at most this long
  // for a worker that trickling bodies hold.
  std::chrono::milliseconds request_arrival_limit{60000};
  // How long a graceful stop waits for requests in flight (and answers
  // still being taken by their clients).
  std::chrono::milliseconds shutdown_grace{30000};
  // The body of the answer to a connection beyond max_connections (503).
  std::string overload_body =
      R"({"error":{"code":"too-many-connections","message":"too many connections"}})";
};

// The request being served on the calling thread: when it began, the
// bytes written for it so far (headers and body), and the route that took
// it ("" when none did) — for the access log.
struct RequestMeter {
  std::chrono::steady_clock::time_point started;
  std::uint64_t bytes_written = 0;
  std::string_view route;
};
RequestMeter& current_request();

// Counters for tests, healthz and the log.
struct HttpEngineStats {
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> refused{0};  // beyond max_connections or the per-address cap
  // Waiting for a head when a newer connection needed the slot (max_idle_connections).
  std::atomic<std::uint64_t> dropped{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> open{0};
};

class HttpEngine {
 public:
  // Serves routes (their handlers and hooks are copied).
  HttpEngine(const Routes& routes, HttpEngineOptions options);
  ~HttpEngine();
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  // Binds and listens. Throws std::runtime_error (with the address and the
  // system's reason) when it cannot. Call once, before run().
  void bind();
  int port() const { return port_; }

  // Serves until stop() or SIGTERM/SIGINT (which must be blocked in every
  // thread: see block_stop_signals), then stops gracefully. SIGHUP calls
  // on_hangup on the engine's own thread. Returns 0 after every worker
  // ended within the grace; else, at the grace's end, how many workers were
  // still serving a request: they are left running (detached), and the
  // caller must end the process at once (std::_Exit), not destroy what
  // they use.
  std::size_t run();
  // Asks run() to stop; safe from any thread.
  void stop();

  std::function<void()> on_hangup;  // SIGHUP
  std::function<void()> on_tick;    // about once a second, on the engine's thread
  // On a worker that waited kWorkerPoll (100 ms) for a request in vain.
  std::function<void()> on_worker_idle;
  // The plain path, tried first for a request without a body on a
  // connection that stays open: given its head (the request line and header
  // lines, as checked), it either appends to body the JSON of a 200 answer
  // and returns true — the engine writes the head a route's answer would
  // have (Content-Length, Content-Type, Keep-Alive) and the body —, or
  // returns false with body untouched, and the routes answer the request.
  // Called on the worker serving the request.
  std::function<bool(std::string_view head, std::string& body)> plain_answer;

  const HttpEngineStats& stats() const { return stats_; }

 private:
  struct Connection;
  void accept_all();
  // Answers 503 (body) at once and closes fd.
  void refuse(int fd, const std::string& body);
  // A worker: waits on the connections' epoll set and serves what it is
  // woken for, until the stop's grace is over.
  void worker();
  // Serves requests on connection until it is idle (parked) or closed.
  void serve(std::unique_ptr<Connection> connection);
  // Watches connection in epoll until its next request's head has arrived
  // (or, when it is closing, until the client has closed too).
  void park(std::unique_ptr<Connection> connection);
  // A worker's turn on a parked connection that is readable: reads what has
  // arrived; a whole head is served on the calling worker, a refused one is
  // answered and the connection closed, a partial one parked again.
  void wake(std::uint64_t id);
  // Which parked connections close_idle closes besides those past their time.
  enum class Sweep {
    timed,     // none
    stopping,  // all but those whose answer is being taken by their client
    all,       // every one
  };
  // Closes parked connections idle past the keep-alive timeout (not one whose
  // client's bytes wait unread for a busy worker), trickling a head past the
  // request timeout, lingering past their time, or whose client took none
  // of its answer's bytes for the I/O timeout; and those sweep says.
  void close_idle(Sweep sweep);
  // Closes the parked connection that has waited longest for a head; false
  // when none has waited for one a second or more.
  bool drop_oldest_waiting();
  // What follows an answer written whole (or taken whole by its client):
  // true when the connection's next request has arrived and is to be
  // served; otherwise the connection was closed or parked (and is null).
  bool after_answer(std::unique_ptr<Connection>& connection, bool keep_open);
  // Takes connection id out of the parked ones (null when it is not there).
  std::unique_ptr<Connection> unpark(std::uint64_t id);
  // Answers a head refused for its framing, then closes (lingering).
  void refuse_head(std::unique_ptr<Connection> connection);
  // Stops writing to the client and reads what it still sends, for a moment,
  // before closing: closing with unread bytes would reset the connection
  // and could lose the answer just written.
  void close_lingering(std::unique_ptr<Connection> connection);
  void close_connection(std::unique_ptr<Connection> connection);
  // The calling worker's buffer for a plain answer's body.
  static std::string& plain_body();
  // Sends a 200 answer of body (plain_answer's); false when the connection failed.
  bool answer_plainly(Connection& connection, const std::string& body);
  static thread_local Connection* serving_;  // the connection the calling worker serves

  std::unique_ptr<RequestProcessor> processor_;
  HttpEngineOptions options_;
  HttpEngineStats stats_;
  int listen_fd_ = -1;
  int epoll_fd_ = -1;              // the engine's thread: the listening socket, signals, stop()
  int connections_epoll_fd_ = -1;  // parked connections, waited on by every worker
  int signal_fd_ = -1;
  int wake_fd_ = -1;   // eventfd: stop()
  int spare_fd_ = -1;  // kept open to accept-and-close when out of descriptors
  int port_ = 0;
  std::string keep_alive_line_;  // "Keep-Alive: timeout=…, max=…\r\n"
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> next_id_{1};

  // Set when the stop's grace is over: workers end after their request in flight.
  std::atomic<bool> workers_finish_{false};
  std::atomic<std::size_t> busy_workers_{0};  // serving a request (or part of an answer)
  std::atomic<std::size_t> waiting_{0};       // parked connections waiting for a head
  std::atomic<std::uint64_t> unsent_{0};      // answers' bytes kept for their clients
  // The parked connections by id, in shards (by id) each under its own lock:
  // a worker parks and wakes a connection at every request, and one lock for
  // all made the workers wait for each other.
  struct ParkedShard {
    std::mutex mutex;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections;
  };
  static constexpr std::size_t kParkedShards = 64;
  ParkedShard& parked_shard(std::uint64_t id) { return parked_[id % kParkedShards]; }
  std::array<ParkedShard, kParkedShards> parked_;
  std::mutex mutex_;  // guards per_address_
  // Open connections by client address (address_key), for the per-address cap.
  std::unordered_map<std::string, std::size_t> per_address_;
  std::vector<std::thread> workers_;
};

// The per-address cap's key of a client's address: an IPv4 address's 4
// bytes (an IPv4-mapped IPv6 address's too), an IPv6 address's first 8
// bytes (its /64 prefix: a client given a /64 may use any address in it).
std::string address_key(const sockaddr_storage& address);

// The workers the engine starts for --threads requested (0: 2 per core, at least 4).
int worker_count(int requested);

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (and the threads
// it starts afterwards), so that the engine's signalfd receives them, and
// ignores SIGPIPE. Call before any thread is started.
void block_stop_signals();

}  // namespace gifkit::tools::serve
