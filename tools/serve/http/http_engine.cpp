// http_engine.cpp — see http_engine.hpp.
#include "tools/serve/http/http_engine.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <variant>

#include "tools/serve/http/error_text.hpp"
#include "tools/serve/http/httplib_adapter.hpp"
#include "tools/serve/http/request_framing.hpp"

namespace gifkit::tools::serve {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kListenId = 0;
constexpr std::uint64_t kSignalId = ~std::uint64_t{0};
constexpr std::uint64_t kWakeId = ~std::uint64_t{0} - 1;

std::string system_error(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Waits until fd is ready for events (POLLIN or POLLOUT) or the time is up.
bool wait_for(int fd, short events, Clock::time_point until) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{fd, events, 0};
    int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

}  // namespace

RequestMeter& current_request() {
  thread_local RequestMeter meter;
  return meter;
}

// How long a connection closed by the server still reads what its client
// sends (close_lingering).
constexpr std::chrono::milliseconds kLinger{2000};
// The Keep-Alive header's max (httplib's, and a plain answer's): no cap.
constexpr int kKeepAliveMax = 1000000;
// A connection waiting for a head is closed for a newer one only once it
// has waited this long (HttpEngine::drop_oldest_waiting).
constexpr std::chrono::milliseconds kLeastWait{1000};
// How often an idle worker looks whether the stop's grace is over.
constexpr std::chrono::milliseconds kWorkerPoll{100};
// An answer's writes are gathered up to this many bytes before a send.
constexpr std::size_t kCoalesceBytes = 16 * 1024;

// A client connection and the stream httplib reads its requests from. The
// event loop reads the bytes of a request's head into input and checks it
// (take_head); httplib then reads that head as checked (head_for_parser),
// and the body as framed: its Content-Length's bytes, or its chunks
// decoded, then an end — never the bytes of the next request. Reads wait at
// most the I/O timeout and never past the request's arrival deadline.
// Writes do not wait: what the client has not taken is kept (unsent) for
// the engine to send as the client reads, within the budget of every
// connection's unsent bytes; beyond the budget a write waits for the
// client, at most the I/O timeout for each wait.
struct HttpEngine::Connection final : public httplib::Stream {
  Connection(int socket, std::uint64_t connection_id, std::string client_address,
             const HttpEngineOptions& engine_options, std::atomic<std::uint64_t>& all_unsent)
      : fd(socket),
        id(connection_id),
        address(std::move(client_address)),
        options(engine_options),
        unsent_total(all_unsent),
        request_started(Clock::now()) {}
  ~Connection() override {
    unsent_total -= unsent.size() - unsent_at;
    ::close(fd);
  }

  enum class Sent { all, more, failed };

  enum class Head { waiting, ready, refused };

  // Reads what has arrived without waiting (at most a head's worth more):
  // false when the client has closed its side or the connection failed. A
  // recv that fills less than its buffer took all there was: no second recv
  // to hear EAGAIN (an end or more bytes wake the connection again).
  bool receive_available() {
    input.erase(0, input_at);
    input_at = 0;
    while (buffered() < kMaxHeadBytes + kChunk) {
      const ssize_t n = receive_more();
      if (n > 0) {
        if (static_cast<std::size_t>(n) < kChunk) return true;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
    return true;
  }
  // Looks for the next request's whole head in what has arrived; checks it
  // when there is one (ready: a worker may serve it; refused: refusal says
  // why).
  Head take_head() {
    const std::string_view bytes(input.data() + input_at, buffered());
    auto end = find_head_end(bytes, head_scan);
    if (auto* error = std::get_if<FramingError>(&end)) {
      refusal = std::move(*error);
      return Head::refused;
    }
    const std::size_t length = std::get<std::size_t>(end);
    if (length == 0) return Head::waiting;
    auto checked = check_request_head(bytes.substr(0, length), options.max_body);
    input_at += length;
    head_scan = {};
    if (auto* error = std::get_if<FramingError>(&checked)) {
      refusal = std::move(*error);
      return Head::refused;
    }
    auto& head = std::get<RequestHead>(checked);
    head_for_parser = std::move(head.for_parser);
    head_at = 0;
    framing = head.framing;
    body_left = head.content_length;
    chunks.emplace(options.max_body);
    body_error.reset();
    return Head::ready;
  }
  // The request taken is being served: its meter starts.
  void start_request() { current_request() = RequestMeter{Clock::now(), 0, {}}; }
  // The request answered; the next one's arrival time runs from now.
  void finish_request() {
    request_started = Clock::now();
    head_for_parser.clear();
    head_at = 0;
  }
  bool has_buffered() const { return buffered() > 0; }
  // The request's head as checked (its request line and header lines).
  std::string_view head() const { return head_for_parser; }
  bool has_body() const { return framing != BodyFraming::none; }
  // True when bytes have arrived that have not been read yet.
  bool kernel_has_input() const {
    int bytes = 0;
    return ::ioctl(fd, FIONREAD, &bytes) == 0 && bytes > 0;
  }
  void drop_input() {
    input.clear();
    input_at = 0;
  }
  // True when httplib read the whole body of the request.
  bool body_read() const {
    switch (framing) {
      case BodyFraming::none:
        return true;
      case BodyFraming::counted:
        return body_left == 0;
      case BodyFraming::chunked:
        return chunks->finished();
    }
    return false;
  }
  Clock::time_point arrival_deadline() const {
    return request_started + options.request_arrival_limit;
  }

  bool is_readable() const override {
    return head_at < head_for_parser.size() || has_buffered() || wait_for(fd, POLLIN, read_until());
  }
  // Writes never wait while unsent bytes may be kept.
  bool is_writable() const override {
    return unsent_total < options.unsent_budget ||
           wait_for(fd, POLLOUT, Clock::now() + options.io_timeout);
  }
  ssize_t read(char* data, size_t size) override {
    if (head_at < head_for_parser.size()) {
      const std::size_t n = std::min(size, head_for_parser.size() - head_at);
      std::memcpy(data, head_for_parser.data() + head_at, n);
      head_at += n;
      return static_cast<ssize_t>(n);
    }
    switch (framing) {
      case BodyFraming::none:
        return 0;
      case BodyFraming::counted: {
        if (body_left == 0) return 0;
        const ssize_t got =
            read_raw(data, static_cast<std::size_t>(std::min<std::uint64_t>(size, body_left)));
        if (got > 0) body_left -= static_cast<std::uint64_t>(got);
        return got;
      }
      case BodyFraming::chunked:
        return read_chunked(data, size);
    }
    return -1;
  }
  // httplib writes an answer's head and its body in separate calls: they are
  // gathered here (up to kCoalesceBytes) and leave in one send, one TCP
  // segment for a small answer instead of two (TCP_NODELAY sends each
  // write at once). Bytes count as written when they are taken. The caller
  // of process_request must flush() after it.
  ssize_t write(const char* data, size_t size) override {
    current_request().bytes_written += size;
    if (outgoing.size() + size <= kCoalesceBytes) {
      outgoing.append(data, size);
      return static_cast<ssize_t>(size);
    }
    if (!flush()) return -1;
    if (size <= kCoalesceBytes) {
      outgoing.append(data, size);
      return static_cast<ssize_t>(size);
    }
    return send_all(data, size) ? static_cast<ssize_t>(size) : -1;
  }
  // Sends what write() gathered; false when the connection failed.
  bool flush() {
    const bool sent = send_all(outgoing.data(), outgoing.size());
    outgoing.clear();
    return sent;
  }
  // Sends size bytes of data after what is unsent: what the client does not
  // take at once is kept unsent, within the budget; beyond it, waits for the
  // client (send_waiting). False when the connection failed.
  bool send_all(const char* data, std::size_t size) {
    std::size_t sent = 0;
    if (!has_unsent()) {
      const ssize_t n = send_now(data, size);
      if (n < 0) return false;
      sent = static_cast<std::size_t>(n);
      if (sent == size) return true;
      write_progress = Clock::now();
    }
    const std::size_t rest = size - sent;
    if (unsent_total.fetch_add(rest) + rest <= options.unsent_budget) {
      unsent.append(data + sent, rest);
      return true;
    }
    unsent_total -= rest;
    // Over the budget: this worker waits for its client, as writes did.
    const std::string kept = unsent.substr(unsent_at);
    unsent_total -= kept.size();
    unsent.clear();
    unsent_at = 0;
    return send_waiting(kept.data(), kept.size()) && send_waiting(data + sent, rest);
  }
  bool has_unsent() const { return unsent_at < unsent.size(); }
  // Sends of the unsent bytes what the client takes now.
  Sent send_unsent() {
    const ssize_t n = send_now(unsent.data() + unsent_at, unsent.size() - unsent_at);
    if (n < 0) return Sent::failed;
    if (n > 0) write_progress = Clock::now();
    unsent_at += static_cast<std::size_t>(n);
    unsent_total -= static_cast<std::uint64_t>(n);
    if (has_unsent()) return Sent::more;
    unsent.clear();
    unsent_at = 0;
    return Sent::all;
  }
  // The write deadline: the client has taken none of the unsent bytes for
  // the I/O timeout.
  bool unsent_stalled(Clock::time_point now) const {
    return has_unsent() && now - write_progress >= options.io_timeout;
  }
  // httplib asks for both ends' addresses at every request; a connection's
  // do not change, so each is asked of the kernel once.
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!remote.known) remote = address_of(&getpeername);
    ip = remote.ip;
    port = remote.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!local.known) local = address_of(&getsockname);
    ip = local.ip;
    port = local.port;
  }
  socket_t socket() const override { return fd; }

  int fd;
  std::uint64_t id;
  std::string address;  // the client's address (its bytes), for the per-address cap
  bool in_epoll = false;
  bool waiting = false;             // parked waiting for a head (counted in HttpEngine::waiting_)
  bool draining = false;            // parked until its client has taken the unsent bytes
  bool keep_open = false;           // draining: the connection stays open after
  bool lingering = false;           // closing: the answer written, reading what still comes
  bool must_close = false;          // the answer said Connection: close
  FramingError refusal{0, "", ""};  // why take_head refused
  // A failure of the body's framing found while httplib read it.
  std::optional<FramingError> body_error;

 private:
  static constexpr std::size_t kChunk = 16384;

  std::size_t buffered() const { return input.size() - input_at; }
  // One send without waiting: the bytes taken (0 when the client's buffer is
  // full), -1 when the connection failed.
  ssize_t send_now(const char* data, std::size_t size) {
    std::size_t sent = 0;
    while (sent < size) {
      const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        break;
      } else {
        return -1;
      }
    }
    return static_cast<ssize_t>(sent);
  }
  // Sends size bytes, waiting for the client at most the I/O timeout for
  // each wait: false when the connection failed or the client took nothing.
  bool send_waiting(const char* data, std::size_t size) {
    std::size_t sent = 0;
    while (sent < size) {
      const ssize_t n = send_now(data + sent, size - sent);
      if (n < 0) return false;
      sent += static_cast<std::size_t>(n);
      if (sent < size && !wait_for(fd, POLLOUT, Clock::now() + options.io_timeout)) return false;
    }
    return true;
  }
  // One recv without waiting, appended to input: what recv returned. It
  // receives into the calling thread's buffer, so that input is not grown
  // (and zero-filled) by a whole chunk for the hundred bytes of a request.
  ssize_t receive_more() {
    thread_local std::array<char, kChunk> landing;
    const ssize_t n = ::recv(fd, landing.data(), kChunk, MSG_DONTWAIT);
    const int error = errno;  // recv's, for the caller
    if (n > 0) input.append(landing.data(), static_cast<std::size_t>(n));
    errno = error;
    return n;
  }
  Clock::time_point read_until() const {
    return std::min(Clock::now() + options.io_timeout, arrival_deadline());
  }
  // Reads into input (after dropping what was used), waiting for the
  // client as read_until says: false at its end, on a failure or time up.
  bool fill() {
    if (input_at == input.size()) {
      input.clear();
      input_at = 0;
    }
    for (;;) {
      const ssize_t n = receive_more();
      if (n > 0) return true;
      if (n == 0) return false;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
      if (!wait_for(fd, POLLIN, read_until())) return false;
    }
  }
  // Up to size bytes of what the client sent (the buffer first).
  ssize_t read_raw(char* data, std::size_t size) {
    if (!has_buffered() && !fill()) return -1;
    const std::size_t n = std::min(size, buffered());
    std::memcpy(data, input.data() + input_at, n);
    input_at += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t read_chunked(char* data, std::size_t size) {
    for (;;) {
      if (chunks->finished()) return 0;
      if (!has_buffered() && !fill()) return -1;
      const char* from = input.data() + input_at;
      const std::size_t n = chunks->decode(from, input.data() + input.size(), data, size);
      input_at = static_cast<std::size_t>(from - input.data());
      if (chunks->error()) {
        body_error = *chunks->error();
        return -1;
      }
      if (n > 0) return static_cast<ssize_t>(n);
    }
  }
  struct Endpoint {
    bool known = false;
    std::string ip;  // "" and port -1 when the kernel could not say
    int port = -1;
  };
  Endpoint address_of(int (*get)(int, sockaddr*, socklen_t*)) const {
    Endpoint endpoint;
    endpoint.known = true;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (get(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return endpoint;
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      endpoint.ip = host;
      endpoint.port = std::atoi(service);
    }
    return endpoint;
  }
  mutable Endpoint remote;  // read by one worker at a time, like the rest
  mutable Endpoint local;

  const HttpEngineOptions& options;
  std::atomic<std::uint64_t>& unsent_total;  // every connection's unsent bytes

 public:
  // When the request's arrival time started: the connection accepted, or
  // the last answer written.
  Clock::time_point request_started;
  Clock::time_point linger_until;    // lingering: closed then at the latest
  Clock::time_point write_progress;  // when the client last took unsent bytes

 private:
  // Bytes received and not yet used: [input_at, input.size()).
  std::string input;
  std::size_t input_at = 0;
  HeadScan head_scan;           // of the next head, in [input_at, input.size())
  std::string head_for_parser;  // the request's head as httplib reads it
  std::string outgoing;         // what write() gathered, not yet sent
  std::string unsent;           // sent bytes the client has not taken: [unsent_at, size)
  std::size_t unsent_at = 0;
  std::size_t head_at = 0;
  BodyFraming framing = BodyFraming::none;
  std::uint64_t body_left = 0;  // counted: bytes still to read
  std::optional<ChunkedDecoder> chunks;
};

thread_local HttpEngine::Connection* HttpEngine::serving_ = nullptr;

std::string address_key(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address).sin6_addr;
    const char* bytes = reinterpret_cast<const char*>(&in6);
    // An IPv4 client of a dual-stack socket (::ffff:a.b.c.d): its IPv4 address.
    if (IN6_IS_ADDR_V4MAPPED(&in6)) return std::string(bytes + 12, 4);
    // Any other IPv6 client: its /64, the prefix one subscriber gets (the
    // interface part of an address is the client's to choose).
    return std::string(bytes, 8);
  }
  const auto& in4 = reinterpret_cast<const sockaddr_in&>(address).sin_addr;
  return std::string(reinterpret_cast<const char*>(&in4), sizeof in4);
}

int worker_count(int requested) {
  if (requested > 0) return requested;
  return std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

HttpEngine::HttpEngine(const Routes& routes, HttpEngineOptions options)
    : processor_(std::make_unique<RequestProcessor>(routes)), options_(std::move(options)) {
  options_.threads = worker_count(options_.threads);
  assert(options_.max_connections > 0);
  if (options_.max_idle_connections == 0) {
    options_.max_idle_connections = std::max<std::size_t>(1, options_.max_connections / 2);
  }
  processor_->set_payload_max_length(options_.max_body);
  // After a request's handler: when its body's framing failed, the answer
  // says so instead; when the body was not read to its end, the answer
  // closes the connection (the rest would be read as a request).
  processor_->set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
    Connection* connection = serving_;
    if (connection == nullptr) return;
    if (connection->body_error && !response.content_provider_) {
      const FramingError& error = *connection->body_error;
      response.status = error.status;
      response.body = error_json(error.code, error.message);
      for (const char* name : {"Content-Type", "Content-Length", "Content-Encoding"}) {
        response.headers.erase(name);
      }
      response.set_header("Content-Type", kJsonType);
      response.set_header("Content-Length", std::to_string(response.body.size()));
    }
    if (connection->body_error || !connection->body_read()) {
      connection->must_close = true;
      response.headers.erase("Keep-Alive");
      response.headers.erase("Connection");
      response.set_header("Connection", "close");
    }
  });
}

HttpEngine::~HttpEngine() {
  for (int fd : {listen_fd_, epoll_fd_, connections_epoll_fd_, signal_fd_, wake_fd_, spare_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

void HttpEngine::bind() {
  // Many connections need many descriptors: raise the soft limit to the hard one.
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string where = options_.bind + ":" + std::to_string(options_.port);
  int rc =
      getaddrinfo(options_.bind.c_str(), std::to_string(options_.port).c_str(), &hints, &found);
  if (rc != 0) {
    throw std::runtime_error("cannot listen on " + where + ": --bind takes a numeric address (" +
                             gai_strerror(rc) + ")");
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, freeaddrinfo);
  listen_fd_ = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error(system_error("cannot listen on " + where));
  int yes = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (::bind(listen_fd_, found->ai_addr, found->ai_addrlen) != 0 ||
      ::listen(listen_fd_, 1024) != 0) {
    throw std::runtime_error(system_error("cannot listen on " + where));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                            : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);

  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  connections_epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  signal_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (epoll_fd_ < 0 || connections_epoll_fd_ < 0 || wake_fd_ < 0 || signal_fd_ < 0) {
    throw std::runtime_error(system_error("cannot set up the server's event loop"));
  }
  auto watch = [&](int fd, std::uint64_t id) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = id;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
  };
  watch(listen_fd_, kListenId);
  processor_->lend_listening_socket(listen_fd_);
  // The Keep-Alive header httplib writes: the engine's timeout, no request cap.
  const time_t keep_alive_seconds = std::max<time_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(options_.keep_alive_timeout).count());
  processor_->set_keep_alive_timeout(keep_alive_seconds);
  processor_->set_keep_alive_max_count(kKeepAliveMax);
  // The same header as httplib writes, for a plain answer (plain_answer).
  keep_alive_line_ = "Keep-Alive: timeout=" + std::to_string(keep_alive_seconds) +
                     ", max=" + std::to_string(kKeepAliveMax) + "\r\n";
  watch(signal_fd_, kSignalId);
  watch(wake_fd_, kWakeId);
}

void HttpEngine::stop() {
  stopping_ = true;
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

std::size_t HttpEngine::run() {
  assert(listen_fd_ >= 0);
  for (int i = 0; i < options_.threads; ++i) workers_.emplace_back([this] { worker(); });
  auto last_tick = Clock::now();
  epoll_event events[256];
  while (!stopping_) {
    int count = epoll_wait(epoll_fd_, events, 256, 250);
    for (int i = 0; i < count && !stopping_; ++i) {
      std::uint64_t id = events[i].data.u64;
      if (id == kListenId) {
        accept_all();
      } else if (id == kSignalId) {
        signalfd_siginfo info{};
        while (::read(signal_fd_, &info, sizeof info) == sizeof info) {
          if (info.ssi_signo == SIGHUP) {
            if (on_hangup) on_hangup();
          } else {
            stopping_ = true;
          }
        }
      } else if (id == kWakeId) {
        std::uint64_t value = 0;
        [[maybe_unused]] auto got = ::read(wake_fd_, &value, sizeof value);
      }
    }
    close_idle(Sweep::timed);
    if (Clock::now() - last_tick >= std::chrono::seconds(1)) {
      last_tick = Clock::now();
      if (on_tick) on_tick();
    }
  }
  // Graceful stop: no new connections, idle ones closed, the rest answered
  // (workers close each connection after its request in flight, and an
  // answer's unsent bytes are sent as its client takes them).
  ::close(listen_fd_);
  listen_fd_ = -1;
  const auto give_up = Clock::now() + options_.shutdown_grace;
  close_idle(Sweep::stopping);
  while (stats_.open > 0 && Clock::now() < give_up) {
    close_idle(Sweep::stopping);  // a connection parked while stopping
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // The grace is over: what is parked is closed, idle workers end (within
  // kWorkerPoll); a worker still serving a request (a long validation, a
  // body still arriving) is not waited for: the caller ends the process.
  close_idle(Sweep::all);
  workers_finish_ = true;
  const auto end_of_idle = Clock::now() + 2 * kWorkerPoll;
  while (busy_workers_ > 0 && Clock::now() < end_of_idle) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::size_t busy = busy_workers_;
  for (auto& thread : workers_) {
    if (busy == 0) {
      thread.join();
    } else {
      thread.detach();
    }
  }
  workers_.clear();
  return busy;
}

namespace {

// The reason phrase of a status the engine answers by itself.
const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Error";
  }
}

// A whole answer that closes the connection: status, a JSON body.
std::string closing_answer(int status, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
         "\r\nContent-Type: " + kJsonType +
         "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

}  // namespace

void HttpEngine::accept_all() {
  for (;;) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      if ((errno == EMFILE || errno == ENFILE) && spare_fd_ >= 0) {
        // Out of descriptors: free the spare one to take the connection and close it.
        ::close(spare_fd_);
        int taken = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (taken >= 0) {
          ++stats_.refused;
          ::close(taken);
        }
        spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        continue;
      }
      return;  // EAGAIN: all taken
    }
    std::string key = address_key(address);
    {
      std::lock_guard lock(mutex_);
      auto from_address = per_address_.find(key);
      if (from_address != per_address_.end() &&
          from_address->second >= options_.max_connections_per_address) {
        refuse(fd, error_json("too-many-connections",
                              "more than " + std::to_string(options_.max_connections_per_address) +
                                  " connections from one address, an IPv6 client's /64 "
                                  "(--max-connections-per-address)"));
        continue;
      }
    }
    // Room for the new connection: the connections waiting for a head are
    // kept under their cap, and under the total, by closing the one that
    // has waited longest (a client trickling its head, or idle).
    while ((waiting_ >= options_.max_idle_connections || stats_.open >= options_.max_connections) &&
           drop_oldest_waiting()) {
    }
    if (stats_.open >= options_.max_connections) {
      refuse(fd, options_.overload_body);
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      ++per_address_[key];  // only this thread adds: the check above holds
    }
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    ++stats_.accepted;
    ++stats_.open;
    // Its head is read by the event loop (wake) as it arrives.
    park(std::make_unique<Connection>(fd, next_id_++, std::move(key), options_, unsent_));
  }
}

void HttpEngine::refuse(int fd, const std::string& body) {
  ++stats_.refused;
  std::string answer = closing_answer(503, body);
  [[maybe_unused]] auto sent =
      ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

void HttpEngine::worker() {
  // Every worker waits on the one epoll set; the kernel wakes one waiter for
  // each event, and EPOLLONESHOT gives a connection to one worker at a time.
  while (!workers_finish_) {
    epoll_event event{};
    const int count =
        epoll_wait(connections_epoll_fd_, &event, 1, static_cast<int>(kWorkerPoll.count()));
    if (count == 1) {
      ++busy_workers_;
      wake(event.data.u64);
      --busy_workers_;
    } else if (count == 0 && on_worker_idle) {
      on_worker_idle();
    }
  }
}

std::string& HttpEngine::plain_body() {
  thread_local std::string body;
  return body;
}

bool HttpEngine::answer_plainly(Connection& connection, const std::string& body) {
  thread_local std::string answer;
  answer = "HTTP/1.1 200 OK\r\nContent-Length: ";
  answer += std::to_string(body.size());
  answer += "\r\nContent-Type: ";
  answer += kJsonType;
  answer += "\r\n";
  answer += keep_alive_line_;
  answer += "\r\n";
  answer += body;
  current_request().bytes_written += answer.size();
  return connection.send_all(answer.data(), answer.size());
}

bool HttpEngine::after_answer(std::unique_ptr<Connection>& connection, bool keep_open) {
  if (connection->must_close) {
    close_lingering(std::move(connection));
    return false;
  }
  if (!keep_open || stopping_) {
    close_connection(std::move(connection));
    return false;
  }
  connection->finish_request();
  switch (connection->take_head()) {  // a pipelined request already arrived?
    case Connection::Head::ready:
      return true;
    case Connection::Head::refused:
      refuse_head(std::move(connection));
      return false;
    case Connection::Head::waiting:
      park(std::move(connection));
      return false;
  }
  return false;
}

void HttpEngine::serve(std::unique_ptr<Connection> connection) {
  for (;;) {
    connection->start_request();
    const bool close_after = stopping_.load();
    bool client_closes = false;
    bool answered = false;
    std::string& body = plain_body();
    body.clear();
    if (!close_after && plain_answer && !connection->has_body() &&
        plain_answer(connection->head(), body)) {
      answered = answer_plainly(*connection, body);
    } else {
      serving_ = connection.get();
      answered = processor_->serve(*connection, close_after, client_closes);
      if (!connection->flush()) answered = false;
      serving_ = nullptr;
    }
    ++stats_.requests;
    const bool keep_open = answered && !client_closes && !close_after;
    if (answered && connection->has_unsent()) {
      // The client has not taken the whole answer: the worker is free, the
      // rest is sent as the client reads (wake), or dropped at the write
      // deadline (close_idle).
      connection->draining = true;
      connection->keep_open = keep_open;
      park(std::move(connection));
      return;
    }
    if (!after_answer(connection, keep_open)) return;
  }
}

std::unique_ptr<HttpEngine::Connection> HttpEngine::unpark(std::uint64_t id) {
  ParkedShard& shard = parked_shard(id);
  std::lock_guard lock(shard.mutex);
  auto it = shard.connections.find(id);
  if (it == shard.connections.end()) return nullptr;
  std::unique_ptr<Connection> connection = std::move(it->second);
  shard.connections.erase(it);
  if (connection->waiting) {
    connection->waiting = false;
    --waiting_;
  }
  return connection;
}

bool HttpEngine::drop_oldest_waiting() {
  std::uint64_t oldest = 0;
  // Not one that has waited less than kLeastWait: its head may have
  // arrived whole, its bytes not read yet (a burst of connections).
  Clock::time_point since = Clock::now() - kLeastWait;
  for (ParkedShard& shard : parked_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [id, connection] : shard.connections) {
      if (connection->waiting && connection->request_started < since) {
        since = connection->request_started;
        oldest = id;
      }
    }
  }
  if (oldest == 0) return false;
  // A worker may have taken it meanwhile (its head ended): then the next
  // round finds another.
  if (auto connection = unpark(oldest)) {
    ++stats_.dropped;
    close_connection(std::move(connection));
  }
  return true;
}

void HttpEngine::park(std::unique_ptr<Connection> connection) {
  epoll_event event{};
  // Draining: woken when the client can take more of the answer.
  event.events =
      connection->draining ? EPOLLOUT | EPOLLONESHOT : EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  event.data.u64 = connection->id;
  {
    // Under the lock: wake() (the event may fire at once) and close_idle()
    // wait until the connection is in parked_.
    ParkedShard& shard = parked_shard(connection->id);
    std::lock_guard lock(shard.mutex);
    const int operation = connection->in_epoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(connections_epoll_fd_, operation, connection->fd, &event) == 0) {
      connection->in_epoll = true;
      if (!connection->lingering && !connection->draining) {
        connection->waiting = true;
        ++waiting_;
      }
      const std::uint64_t id = connection->id;
      shard.connections[id] = std::move(connection);
      return;
    }
  }
  close_connection(std::move(connection));  // cannot be watched
}

void HttpEngine::wake(std::uint64_t id) {
  std::unique_ptr<Connection> connection = unpark(id);
  if (!connection) return;  // closed as idle (or dropped) in the meantime
  if (connection->draining) {
    switch (connection->send_unsent()) {
      case Connection::Sent::failed:
        close_connection(std::move(connection));
        return;
      case Connection::Sent::more:
        park(std::move(connection));
        return;
      case Connection::Sent::all:
        connection->draining = false;
        if (after_answer(connection, connection->keep_open)) serve(std::move(connection));
        return;
    }
    return;
  }
  const bool open = connection->receive_available();
  if (connection->lingering) {
    connection->drop_input();  // what it still sends is not read as requests
    if (open) {
      park(std::move(connection));
    } else {
      close_connection(std::move(connection));
    }
    return;
  }
  switch (connection->take_head()) {
    case Connection::Head::ready:
      serve(std::move(connection));  // on this worker: no handoff
      return;
    case Connection::Head::refused:
      refuse_head(std::move(connection));
      return;
    case Connection::Head::waiting:
      if (open) {
        park(std::move(connection));
      } else {
        close_connection(std::move(connection));  // gone before its head ended
      }
      return;
  }
}

void HttpEngine::refuse_head(std::unique_ptr<Connection> connection) {
  const FramingError& refusal = connection->refusal;
  const std::string answer =
      closing_answer(refusal.status, error_json(refusal.code, refusal.message));
  [[maybe_unused]] auto sent =
      ::send(connection->fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  close_lingering(std::move(connection));
}

void HttpEngine::close_lingering(std::unique_ptr<Connection> connection) {
  ::shutdown(connection->fd, SHUT_WR);
  connection->lingering = true;
  connection->linger_until = Clock::now() + kLinger;
  connection->finish_request();
  park(std::move(connection));
}

void HttpEngine::close_idle(Sweep sweep) {
  std::vector<std::unique_ptr<Connection>> closing;
  const auto now = Clock::now();
  for (ParkedShard& shard : parked_) {
    std::lock_guard lock(shard.mutex);
    auto& parked = shard.connections;
    for (auto it = parked.begin(); it != parked.end();) {
      const Connection& connection = *it->second;
      // An idle connection whose client has sent bytes that no worker has
      // read yet (every worker busy) holds a request waiting for a worker,
      // as a queue would: it is not idle, and the worker that reads it
      // judges the request's time.
      const bool idle = !connection.lingering && !connection.has_buffered() &&
                        now - connection.request_started >= options_.keep_alive_timeout &&
                        !connection.kernel_has_input();
      const bool all = sweep == Sweep::all || (sweep == Sweep::stopping && !connection.draining);
      const bool done =
          all || (connection.lingering && now >= connection.linger_until) ||
          (connection.draining ? connection.unsent_stalled(now)
                               : idle || (!connection.lingering && connection.has_buffered() &&
                                          now >= connection.arrival_deadline()));
      if (done) {
        if (it->second->waiting) {
          it->second->waiting = false;
          --waiting_;
        }
        closing.push_back(std::move(it->second));
        it = parked.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : closing) close_connection(std::move(connection));
}

void HttpEngine::close_connection(std::unique_ptr<Connection> connection) {
  ::shutdown(connection->fd, SHUT_RDWR);
  {
    std::lock_guard lock(mutex_);
    auto it = per_address_.find(connection->address);
    if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  }
  connection.reset();  // closes the descriptor (and so leaves epoll)
  --stats_.open;
}

}  // namespace gifkit::tools::serve
