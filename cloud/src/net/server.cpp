// Listeners, the io worker pool, the once-a-second sweep, the pin flusher and
// the orderly stop (SIGTERM/SIGINT).
#include "onboard/cloud/net/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "net.hpp"
#include "onboard/cloud/crypto/certificate.hpp"
#include "onboard/cloud/domain/housekeeping.hpp"
#include "onboard/cloud/net/heap_trim.hpp"
#include "tls_context.hpp"

namespace onboard::cloud {

using namespace net;

namespace {
constexpr auto kSweepInterval = std::chrono::seconds(1);
using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

std::string ticket_keys_path(const std::string& data_dir) {
  const auto dir = std::filesystem::path(data_dir) / "tls";
  std::filesystem::create_directories(dir);
  return (dir / "ticket-keys").string();
}
}  // namespace

struct Server::Impl {
  Impl(Context& c, const std::string& cert, const std::string& key)
      : ctx(c),
        blocking(static_cast<std::size_t>(store_threads_for(c.config))),
        shared{c, blocking},
        tickets(ticket_keys_path(c.config.data_dir), std::chrono::seconds(c.config.tls_ticket_rotation)),
        tls(cert, key, tickets) {
    // OpenSSL writes TLS records to the socket itself with write(2), not
    // send(MSG_NOSIGNAL) as Asio does: a peer that is gone must fail the write
    // with EPIPE, not kill the server.
    ::signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < c.config.threads; ++i) {
      workers.push_back(std::make_unique<Worker>());
      guards.emplace_back(workers.back()->ioc.get_executor());
    }
    rotation = std::make_unique<asio::steady_timer>(workers[0]->ioc);
  }

  Worker& next_worker() { return *workers[next++ % workers.size()]; }

  void accept(tcp::acceptor& acceptor, bool is_tls) {
    Worker& worker = next_worker();
    acceptor.async_accept(worker.ioc, [this, &acceptor, &worker, is_tls](const boost::system::error_code& ec,
                                                                         tcp::socket socket) {
      if (ec == asio::error::operation_aborted || shared.stopping) return;
      if (ec) {
        // Out of file descriptors and the like: back off a little instead of spinning.
        spdlog::warn("accept failed: {}", ec.message());
        auto timer = std::make_shared<asio::steady_timer>(workers[0]->ioc, std::chrono::milliseconds(100));
        timer->async_wait([this, &acceptor, is_tls, timer](const boost::system::error_code&) {
          if (!shared.stopping) accept(acceptor, is_tls);
        });
        return;
      }
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      asio::post(worker.ioc, [this, &worker, is_tls, socket = std::move(socket)]() mutable {
        if (ctx.config.proxy_protocol) {
          read_proxy_header(shared, worker, std::move(socket), is_tls ? tls.current() : nullptr);
        } else if (is_tls) {
          start_tls(shared, worker, std::move(socket), tls.current().get());
        } else {
          start_plain(shared, worker, std::move(socket));
        }
      });
      accept(acceptor, is_tls);
    });
  }

  void sweep(Worker& worker) {
    worker.sweep.expires_after(kSweepInterval);
    worker.sweep.async_wait([this, &worker](const boost::system::error_code& ec) {
      if (ec) return;
      const auto now = SteadyClock::now();
      auto& list = worker.connections;
      std::size_t kept = 0;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (auto connection = list[i].lock()) {
          connection->tick(now);
          if (kept != i) list[kept] = std::move(list[i]);  // never self-move: it would empty the weak_ptr
          ++kept;
        }
      }
      list.resize(kept);
      if (list.capacity() > 64 && list.size() < list.capacity() / 4) list.shrink_to_fit();
      if (&worker == workers[0].get()) trim_heap(now);
      sweep(worker);
    });
  }

  void begin_stop() {
    asio::post(workers[0]->ioc, [this] {
      if (shared.stopping.exchange(true)) return;
      // From here a second SIGTERM must not cut the last flush short (a supervisor's SIGKILL still can).
      ::signal(SIGTERM, SIG_IGN);
      ::signal(SIGINT, SIG_IGN);
      spdlog::info("stopping: closing listeners and connections");
      boost::system::error_code ignored;
      if (plain) plain->close(ignored);
      if (secure) secure->close(ignored);
      signals->cancel(ignored);
      if (reload_signals) reload_signals->cancel(ignored);
      rotation->cancel();
      for (auto& w : workers) {
        asio::post(w->ioc, [w = w.get()] {
          for (auto& weak : w->connections) {
            if (auto connection = weak.lock()) connection->shut_down();
          }
          w->connections.clear();
          w->sweep.cancel();
          w->ioc.stop();
        });
      }
    });
  }

  // SIGHUP: new connections get the certificate and key as the files are now
  // (a renewed Let's Encrypt certificate); established ones keep theirs.
  void wait_for_reload() {
    reload_signals->async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      if (auto error = tls.reload(); !error.empty()) {
        spdlog::error("SIGHUP: TLS certificate not reloaded, still serving the previous one: {}", error);
      } else {
        std::string fingerprint;
        try {
          fingerprint = certificate_fingerprint(tls.cert_path());
        } catch (const std::runtime_error& e) {
          fingerprint = e.what();
        }
        spdlog::info("SIGHUP: TLS certificate {} reloaded sha256={}", tls.cert_path(), fingerprint);
      }
      wait_for_reload();
    });
  }

  void rotate_tickets() {
    rotation->expires_after(std::min<std::chrono::seconds>(tickets.rotation(), std::chrono::seconds(60)));
    rotation->async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      try {
        if (tickets.rotate_if_due(static_cast<std::int64_t>(std::time(nullptr)))) {
          spdlog::info("TLS session ticket key rotated");
        }
      } catch (const std::runtime_error& e) {
        spdlog::error("TLS session ticket key not rotated (the current one stays in use): {}", e.what());
      }
      rotate_tickets();
    });
  }

  // Pin values and events reach the store every pin-flush-ms (what failed stays
  // queued and goes with the next flush); once a second a tiny write tells
  // /healthz whether the store can write.
  void flush_loop() {
    std::unique_lock lock(flush_mutex);
    auto next_probe = SteadyClock::now();
    auto next_purge = SteadyClock::now();
    while (!flush_stop) {
      flush_cv.wait_for(lock, std::chrono::milliseconds(ctx.config.pin_flush_ms));
      lock.unlock();
      (void)ctx.hub.flush();
      if (SteadyClock::now() >= next_probe) {
        (void)ctx.health.probe(ctx.clock.now());
        next_probe = SteadyClock::now() + std::chrono::seconds(1);
      }
      if (SteadyClock::now() >= next_purge) {
        if (auto purged = purge_expired(ctx.store, ctx.clock.now());
            purged && (purged->auth_sessions > 0 || purged->provisioning_sessions > 0)) {
          spdlog::info("purged {} expired sign-in sessions and {} expired provisioning sessions",
                       purged->auth_sessions, purged->provisioning_sessions);
        }
        next_purge = SteadyClock::now() + std::chrono::minutes(1);
      }
      lock.lock();
    }
  }

  // See heap_trim.hpp: the free pages a burst of handshakes left go back to
  // the OS. Decided on the first worker's sweep (so within a second or two of
  // the burst's end, whatever the flusher is doing); the trim itself, which
  // walks every malloc arena, runs on the store executor, not an io thread.
  void trim_heap(SteadyClock::time_point now) {
    const auto& m = ctx.metrics;
    const auto activity = m.connections_accepted_plain.load(std::memory_order_relaxed) +
                          m.connections_accepted_tls.load(std::memory_order_relaxed) +
                          m.logins_ok.load(std::memory_order_relaxed) +
                          m.logins_failed.load(std::memory_order_relaxed);
    if (!heap_trim.due(activity, now)) return;
#if defined(__GLIBC__)
    asio::post(blocking, [] {
      const auto start = SteadyClock::now();
      ::malloc_trim(0);
      spdlog::debug(
          "heap trimmed in {} us",
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count());
    });
#endif
  }

  // At the stop: what is queued is written, retried for a while when the store fails.
  void final_flush() {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
    while (true) {
      auto status = ctx.hub.flush();
      if (status && !ctx.hub.pending()) return;
      if (SteadyClock::now() >= deadline) {
        spdlog::error("stopping with queued pin values and events the store would not take: {}",
                      status ? "still queued" : status.error().message);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }

  Context& ctx;
  asio::thread_pool blocking;
  Shared shared;
  TicketKeys tickets;
  TlsContexts tls;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<WorkGuard> guards;
  std::size_t next = 0;
  std::unique_ptr<tcp::acceptor> plain;
  std::unique_ptr<tcp::acceptor> secure;
  std::unique_ptr<asio::signal_set> signals;
  // Like `signals`: on workers[0]'s io_context, so declared after (destroyed before) the workers.
  std::unique_ptr<asio::signal_set> reload_signals;
  std::unique_ptr<asio::steady_timer> rotation;
  std::mutex flush_mutex;
  std::condition_variable flush_cv;
  bool flush_stop = false;
  HeapTrimPolicy heap_trim;  // the first worker's thread only
};

Server::Server(Context& ctx, const std::string& cert, const std::string& key)
    : impl_(std::make_unique<Impl>(ctx, cert, key)) {}

Server::~Server() = default;

namespace {
std::unique_ptr<tcp::acceptor> open_acceptor(asio::io_context& ioc, const std::string& text,
                                             const char* what) {
  const auto endpoint = parse_endpoint(text);
  if (!endpoint) throw std::runtime_error(fmt::format("{}: '{}' is not ADDR:PORT", what, text));
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(endpoint->host, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: '{}' is not an IP address", what, endpoint->host));
  auto acceptor = std::make_unique<tcp::acceptor>(ioc);
  const tcp::endpoint ep(address, endpoint->port);
  acceptor->open(ep.protocol());
  acceptor->set_option(asio::socket_base::reuse_address(true));
  acceptor->bind(ep, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot bind {}: {}", what, text, ec.message()));
  acceptor->listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

std::string endpoint_text(const tcp::acceptor& acceptor) {
  const auto ep = acceptor.local_endpoint();
  if (ep.address().is_v6()) return fmt::format("[{}]:{}", ep.address().to_string(), ep.port());
  return fmt::format("{}:{}", ep.address().to_string(), ep.port());
}
}  // namespace

void Server::bind() {
  impl_->plain = open_acceptor(impl_->workers[0]->ioc, impl_->ctx.config.listen, "listen");
  impl_->secure = open_acceptor(impl_->workers[0]->ioc, impl_->ctx.config.tls_listen, "tls-listen");
}

std::string Server::plain_endpoint() const {
  return endpoint_text(*impl_->plain);
}
std::string Server::tls_endpoint() const {
  return endpoint_text(*impl_->secure);
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals = std::make_unique<asio::signal_set>(impl.workers[0]->ioc, SIGTERM, SIGINT);
  impl.signals->async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received", signal);
    stop();
  });
  impl.reload_signals = std::make_unique<asio::signal_set>(impl.workers[0]->ioc, SIGHUP);
  impl.wait_for_reload();
  impl.rotate_tickets();
  impl.accept(*impl.plain, false);
  impl.accept(*impl.secure, true);
  std::thread flusher([&impl] { impl.flush_loop(); });
  for (auto& w : impl.workers) {
    impl.sweep(*w);
    w->thread = std::thread([w = w.get()] { w->ioc.run(); });
  }
  for (auto& w : impl.workers) w->thread.join();
  impl.blocking.join();
  {
    std::lock_guard lock(impl.flush_mutex);
    impl.flush_stop = true;
  }
  impl.flush_cv.notify_all();
  flusher.join();
  impl.final_flush();
  spdlog::info("stopped");
}

void Server::stop() {
  impl_->begin_stop();
}

}  // namespace onboard::cloud
