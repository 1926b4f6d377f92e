// http_engine.cpp — see http_engine.hpp.
#include "tools/serve/http_engine.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <stdexcept>

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

// A client connection and the stream httplib reads its requests from:
// buffered reads, each bounded by the I/O timeout and by the request's
// arrival deadline; writes bounded by the I/O timeout.
struct HttpEngine::Connection final : public httplib::Stream {
  Connection(int socket, std::uint64_t connection_id, const HttpEngineOptions& engine_options)
      : fd(socket), id(connection_id), options(engine_options) {}
  ~Connection() override { ::close(fd); }

  // A new request may start: its arrival deadline runs from now.
  void start_request() {
    arrival_deadline = Clock::now() + options.request_arrival_limit;
    current_request() = RequestMeter{Clock::now(), 0, {}};
  }
  bool has_buffered() const { return begin < end; }

  bool is_readable() const override { return has_buffered() || wait_for(fd, POLLIN, read_until()); }
  bool is_writable() const override {
    return wait_for(fd, POLLOUT, Clock::now() + options.io_timeout);
  }
  ssize_t read(char* data, size_t size) override {
    if (!has_buffered()) {
      if (!wait_for(fd, POLLIN, read_until())) return -1;
      if (size >= sizeof buffer) return receive(data, size);
      ssize_t got = receive(buffer, sizeof buffer);
      if (got <= 0) return got;
      begin = 0;
      end = static_cast<std::size_t>(got);
    }
    std::size_t n = std::min(size, end - begin);
    std::memcpy(data, buffer + begin, n);
    begin += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* data, size_t size) override {
    std::size_t sent = 0;
    while (sent < size) {
      ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
        current_request().bytes_written += static_cast<std::uint64_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!is_writable()) return -1;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        return -1;
      }
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(&getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(&getsockname, ip, port);
  }
  socket_t socket() const override { return fd; }

  int fd;
  std::uint64_t id;
  bool in_epoll = false;

 private:
  Clock::time_point read_until() const {
    return std::min(Clock::now() + options.io_timeout, arrival_deadline);
  }
  ssize_t receive(char* data, std::size_t size) {
    for (;;) {
      ssize_t n = ::recv(fd, data, size, MSG_DONTWAIT);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!wait_for(fd, POLLIN, read_until())) return -1;
        continue;
      }
      return -1;
    }
  }
  void address_of(int (*get)(int, sockaddr*, socklen_t*), std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    ip.clear();
    port = -1;
    if (get(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host;
      port = std::atoi(service);
    }
  }

  const HttpEngineOptions& options;
  Clock::time_point arrival_deadline = Clock::now();
  char buffer[16384];
  std::size_t begin = 0;
  std::size_t end = 0;
};

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

HttpEngine::HttpEngine(RequestProcessor& processor, HttpEngineOptions options)
    : processor_(processor), options_(std::move(options)) {
  options_.threads = worker_count(options_.threads);
  assert(options_.max_connections > 0);
}

HttpEngine::~HttpEngine() {
  for (int fd : {listen_fd_, epoll_fd_, signal_fd_, wake_fd_, spare_fd_}) {
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
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  signal_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0 || signal_fd_ < 0) {
    throw std::runtime_error(system_error("cannot set up the server's event loop"));
  }
  auto watch = [&](int fd, std::uint64_t id) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = id;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
  };
  watch(listen_fd_, kListenId);
  processor_.lend_listening_socket(listen_fd_);
  // The Keep-Alive header httplib writes: the engine's timeout, no request cap.
  processor_.set_keep_alive_timeout(std::max<time_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(options_.keep_alive_timeout).count()));
  processor_.set_keep_alive_max_count(1000000);
  watch(signal_fd_, kSignalId);
  watch(wake_fd_, kWakeId);
}

void HttpEngine::stop() {
  stopping_ = true;
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

void HttpEngine::run() {
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
      } else {
        wake(id);
      }
    }
    close_idle(false);
    if (Clock::now() - last_tick >= std::chrono::seconds(1)) {
      last_tick = Clock::now();
      if (on_tick) on_tick();
    }
  }
  // Graceful stop: no new connections, idle ones closed, the rest answered
  // (workers close each connection after its request in flight).
  ::close(listen_fd_);
  listen_fd_ = -1;
  close_idle(true);
  auto give_up = Clock::now() + options_.shutdown_grace;
  while (stats_.open > 0 && Clock::now() < give_up) {
    close_idle(true);  // a connection parked while stopping
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    // Idle workers end now; one still answering ends when its request does
    // (every read and write is bounded, and so is a batch: --time-limit).
    std::lock_guard lock(mutex_);
    workers_finish_ = true;
    queue_ready_.notify_all();
  }
  for (auto& thread : workers_) thread.join();
  workers_.clear();
}

void HttpEngine::accept_all() {
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
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
    if (stats_.open >= options_.max_connections) {
      refuse(fd);
      continue;
    }
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    ++stats_.accepted;
    ++stats_.open;
    auto connection = std::make_unique<Connection>(fd, next_id_++, options_);
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(connection));
    queue_ready_.notify_one();
  }
}

void HttpEngine::refuse(int fd) {
  ++stats_.refused;
  std::string answer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
      "Connection: close\r\nContent-Length: " +
      std::to_string(options_.overload_body.size()) + "\r\n\r\n" + options_.overload_body;
  [[maybe_unused]] auto sent =
      ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

std::unique_ptr<HttpEngine::Connection> HttpEngine::next_connection() {
  std::unique_lock lock(mutex_);
  queue_ready_.wait(lock, [&] { return !queue_.empty() || workers_finish_; });
  if (queue_.empty()) return nullptr;
  auto connection = std::move(queue_.front());
  queue_.pop_front();
  return connection;
}

void HttpEngine::worker() {
  while (auto connection = next_connection()) serve(std::move(connection));
}

void HttpEngine::serve(std::unique_ptr<Connection> connection) {
  for (;;) {
    connection->start_request();
    const bool close_after = stopping_.load();
    bool client_closes = false;
    bool answered = processor_.process_request(*connection, close_after, client_closes, nullptr);
    ++stats_.requests;
    if (!answered || client_closes || close_after || stopping_) {
      close_connection(std::move(connection));
      return;
    }
    if (!connection->has_buffered()) break;  // else a pipelined request is waiting
  }
  park(std::move(connection));
}

void HttpEngine::park(std::unique_ptr<Connection> connection) {
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  event.data.u64 = connection->id;
  {
    // Under the lock: wake() (the event may fire at once) and close_idle()
    // wait until the connection is in parked_.
    std::lock_guard lock(mutex_);
    const int operation = connection->in_epoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(epoll_fd_, operation, connection->fd, &event) == 0) {
      connection->in_epoll = true;
      const std::uint64_t id = connection->id;
      parked_[id] = Parked{std::move(connection), Clock::now()};
      return;
    }
  }
  close_connection(std::move(connection));  // cannot be watched
}

void HttpEngine::wake(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = parked_.find(id);
  if (it == parked_.end()) return;  // closed as idle in the meantime
  queue_.push_back(std::move(it->second.connection));
  parked_.erase(it);
  queue_ready_.notify_one();
}

void HttpEngine::close_idle(bool all) {
  std::vector<std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mutex_);
    auto now = Clock::now();
    for (auto it = parked_.begin(); it != parked_.end();) {
      if (all || now - it->second.since >= options_.keep_alive_timeout) {
        closing.push_back(std::move(it->second.connection));
        it = parked_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : closing) close_connection(std::move(connection));
}

void HttpEngine::close_connection(std::unique_ptr<Connection> connection) {
  ::shutdown(connection->fd, SHUT_RDWR);
  connection.reset();  // closes the descriptor (and so leaves epoll)
  --stats_.open;
}

}  // namespace gifkit::tools::serve
