// onboard-fleet: provisions N simulated devices through the REST API, then
// forks device processes (each under the 20,000 open-file cap) that log in,
// send info, ping and write vw; this process coordinates them, samples the
// server's /proc and /metrics, and prints the figures (see bench/README.md).
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "devices.hpp"
#include "http.hpp"
#include "server_probe.hpp"
#include "stats.hpp"

namespace onboard::fleet {
namespace {

using json = nlohmann::json;

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::uint16_t tls_port = 9443;
  std::uint16_t http_port = 0;  // REST; default: --port
  bool tls = false;
  bool tls_resume = false;
  bool tls12 = false;
  std::string email = "admin@example.com";
  std::string password;
  std::string template_name = "Fleet";
  std::size_t devices = 100;
  int processes = 0;
  std::string tokens_in;
  std::string tokens_out;
  bool provision_only = false;
  int rest_connections = 4;
  int sources = 16;
  int connect_concurrency = 200;
  int heartbeat = 60;
  double ping_interval = 20;
  long vw_devices = 0;
  double vw_rate = 0;
  double duration = 10;
  double settle = 2;
  double ready_timeout = 180;
  pid_t server_pid = 0;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::uint64_t now_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Value of one sample line of the Prometheus text ("name{labels} value").
double metric(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return 0;
  return std::strtod(text.c_str() + at + series.size() + 2, nullptr);
}

struct ServerMetrics {
  double messages_in = 0, logins_ok = 0, activations = 0, connections = 0;
};

ServerMetrics read_metrics(Http& http) {
  ServerMetrics m;
  auto r = http.request("GET", "/metrics");
  if (r.status != 200) return m;
  const std::string text = "\n" + r.body;
  m.messages_in = metric(text, "onboard_device_messages_total{direction=\"in\"}");
  m.logins_ok = metric(text, "onboard_device_logins_total{result=\"ok\"}");
  m.activations = metric(text, "onboard_activations_total{result=\"ok\"}");
  m.connections = metric(text, "onboard_connections{transport=\"plain\"}") +
                  metric(text, "onboard_connections{transport=\"tls\"}");
  return m;
}

struct Tokens {
  std::string template_id;
  std::vector<std::string> tokens;
  double provision_seconds = 0;
};

bool provision(const Options& o, Tokens& out) {
  Http http(o.host, o.http_port);
  auto login =
      http.request("POST", "/api/v1/login", json{{"email", o.email}, {"password", o.password}}.dump());
  if (login.status != 200) {
    std::cerr << "onboard-fleet: sign-in as " << o.email << " failed: " << login.status << " " << login.body
              << "\n";
    return false;
  }
  const auto bearer = json::parse(login.body)["token"].get<std::string>();
  const auto name = o.template_name + " " + std::to_string(::time(nullptr));
  auto tmpl = http.request("POST", "/api/v1/templates", json{{"name", name}}.dump(), bearer);
  if (tmpl.status != 201) {
    std::cerr << "onboard-fleet: creating a template failed: " << tmpl.status << " " << tmpl.body << "\n";
    return false;
  }
  out.template_id = json::parse(tmpl.body)["id"].get<std::string>();
  out.tokens.assign(o.devices, {});
  const std::string body = json{{"templateId", out.template_id}}.dump();
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.rest_connections; ++t) {
    threads.emplace_back([&] {
      Http conn(o.host, o.http_port);
      for (std::size_t i = next++; i < o.devices && !failed; i = next++) {
        auto r = conn.request("POST", "/api/v1/provisioning", body, bearer);
        if (r.status != 201) {
          std::cerr << "onboard-fleet: provisioning failed: " << r.status << " " << r.body << "\n";
          failed = true;
          return;
        }
        out.tokens[i] = json::parse(r.body)["token"].get<std::string>();
      }
    });
  }
  for (auto& t : threads) t.join();
  out.provision_seconds = seconds_since(start);
  return !failed;
}

bool read_tokens(const std::string& path, std::size_t limit, Tokens& out) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line) || line.rfind("template ", 0) != 0) return false;
  out.template_id = line.substr(9);
  while (out.tokens.size() < limit && std::getline(in, line)) {
    if (!line.empty()) out.tokens.push_back(line);
  }
  return true;
}

void write_tokens(const std::string& path, const Tokens& t) {
  std::ofstream f(path);
  f << "template " << t.template_id << "\n";
  for (const auto& token : t.tokens) f << token << "\n";
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
  Report last;
  bool done = false;
};

class Coordinator {
 public:
  explicit Coordinator(std::vector<Child>& children) : children_(children) {}

  // Reads whatever reports arrived within timeout_ms.
  void pump(int timeout_ms) {
    std::vector<pollfd> fds;
    for (auto& c : children_) {
      if (!c.done) fds.push_back(pollfd{c.fd, POLLIN, 0});
    }
    if (fds.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
      return;
    }
    if (::poll(fds.data(), fds.size(), timeout_ms) <= 0) return;
    for (auto& p : fds) {
      if ((p.revents & (POLLIN | POLLHUP)) == 0) continue;
      for (auto& c : children_) {
        if (c.fd != p.fd) continue;
        Report r;
        const auto n = ::read(c.fd, &r, sizeof r);
        if (n == static_cast<ssize_t>(sizeof r)) {
          c.last = r;
          if (r.final != 0U) c.done = true;
        } else {
          c.done = true;
        }
      }
    }
  }

  void wait(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) pump(50);
  }

  Counters total() const {
    Counters t;
    for (const auto& c : children_) {
      const auto& x = c.last.c;
      t.connect_started += x.connect_started;
      t.connect_failed += x.connect_failed;
      t.logins_ok += x.logins_ok;
      t.logins_refused += x.logins_refused;
      t.ready += x.ready;
      t.info_refused += x.info_refused;
      t.closed += x.closed;
      t.held += x.held;
      t.vw_sent += x.vw_sent;
      t.pings_sent += x.pings_sent;
      t.pongs += x.pongs;
      t.quota += x.quota;
      t.tls_resumed += x.tls_resumed;
      t.last_ready_ns = std::max(t.last_ready_ns, x.last_ready_ns);
      t.last_login_ns = std::max(t.last_login_ns, x.last_login_ns);
    }
    return t;
  }

  Histogram rtt() const {
    Histogram h;
    for (const auto& c : children_) h += c.last.rtt;
    return h;
  }

  void signal_all(int sig) {
    for (auto& c : children_) {
      if (c.pid > 0) ::kill(c.pid, sig);
    }
  }

 private:
  std::vector<Child>& children_;
};

std::string fmt_rate(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.0f", v);
  return b;
}

int run(Options o) {
  if (o.http_port == 0) o.http_port = o.port;
  Tokens tokens;
  if (!o.tokens_in.empty()) {
    if (!read_tokens(o.tokens_in, o.devices, tokens)) {
      std::cerr << "onboard-fleet: cannot read tokens from " << o.tokens_in << "\n";
      return 2;
    }
    if (tokens.tokens.size() < o.devices) {
      std::cerr << "onboard-fleet: " << o.tokens_in << " holds only " << tokens.tokens.size() << " tokens\n";
      return 2;
    }
  } else if (!provision(o, tokens)) {
    return 1;
  }
  const std::size_t n = tokens.tokens.size();
  if (o.tokens_in.empty()) {
    std::printf(
        "provisioned         %zu devices in %.2f s: %.0f provisioning sessions/s over %d REST connections\n",
        n, tokens.provision_seconds, static_cast<double>(n) / tokens.provision_seconds, o.rest_connections);
  }
  if (!o.tokens_out.empty()) write_tokens(o.tokens_out, tokens);
  if (o.provision_only) return 0;

  Http http(o.host, o.http_port);
  auto sample = [&]() -> ProcSample {
    if (o.server_pid <= 0) return {};
    return sample_process(o.server_pid).value_or(ProcSample{});
  };
  const auto base_proc = sample();
  const auto base_metrics = read_metrics(http);
  const auto load_start = load_average();

  int k = o.processes > 0 ? o.processes : static_cast<int>((n + 9'999) / 10'000);
  k = std::max(1, std::min<int>(k, static_cast<int>(std::max<std::size_t>(n, 1))));
  const std::size_t vw_total =
      o.vw_devices < 0 ? n : std::min<std::size_t>(n, static_cast<std::size_t>(o.vw_devices));
  std::vector<Child> children(static_cast<std::size_t>(k));
  const auto t0 = now_ns();
  const auto t0_clock = std::chrono::steady_clock::now();
  std::fflush(stdout);
  for (int i = 0; i < k; ++i) {
    const std::size_t from = n * static_cast<std::size_t>(i) / static_cast<std::size_t>(k);
    const std::size_t to = n * static_cast<std::size_t>(i + 1) / static_cast<std::size_t>(k);
    const std::size_t vw_from = vw_total * static_cast<std::size_t>(i) / static_cast<std::size_t>(k);
    const std::size_t vw_to = vw_total * static_cast<std::size_t>(i + 1) / static_cast<std::size_t>(k);
    int p[2];
    if (::pipe(p) != 0) return 1;
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::close(p[0]);
      for (int j = 0; j < i; ++j) ::close(children[static_cast<std::size_t>(j)].fd);
      DeviceOptions d;
      d.host = o.host;
      d.port = o.tls ? o.tls_port : o.port;
      d.tls = o.tls;
      d.tls_resume = o.tls_resume;
      d.tls12 = o.tls12;
      d.template_id = tokens.template_id;
      d.tokens.assign(tokens.tokens.begin() + static_cast<long>(from),
                      tokens.tokens.begin() + static_cast<long>(to));
      d.first_index = from;
      d.sources = o.sources;
      d.connect_concurrency = o.connect_concurrency;
      d.heartbeat = o.heartbeat;
      d.ping_interval = o.ping_interval;
      d.vw_devices = vw_to - vw_from;
      d.vw_rate = o.vw_rate;
      d.report_fd = p[1];
      d.shard = static_cast<std::uint32_t>(i);
      ::_exit(run_devices(d));
    }
    ::close(p[1]);
    children[static_cast<std::size_t>(i)] = Child{pid, p[0], {}, false};
  }
  Coordinator co(children);

  // Connect, log in, send info: until every device is settled (ready, refused or failed).
  auto last_progress = std::chrono::steady_clock::now();
  std::uint64_t last_seen = 0;
  double next_print = 2;
  while (true) {
    co.pump(100);
    const auto t = co.total();
    const auto settled = t.ready + t.connect_failed + t.logins_refused + t.info_refused;
    if (settled != last_seen) {
      last_seen = settled;
      last_progress = std::chrono::steady_clock::now();
    }
    if (seconds_since(t0_clock) >= next_print) {
      next_print += 5;
      std::printf("  %6.1f s: %lu logged in, %lu ready, %lu failed\n", seconds_since(t0_clock),
                  static_cast<unsigned long>(t.logins_ok), static_cast<unsigned long>(t.ready),
                  static_cast<unsigned long>(t.connect_failed + t.logins_refused + t.info_refused));
      std::fflush(stdout);
    }
    if (settled >= n) break;
    if (seconds_since(last_progress) > 30 || seconds_since(t0_clock) > o.ready_timeout) {
      std::printf("  giving up waiting: no progress\n");
      break;
    }
  }
  const auto after_connect = co.total();
  // The server's CPU for the logins (and activations): a figure the machine's load barely changes.
  const auto ready_proc = sample();
  const auto metrics_ready = read_metrics(http);
  const double connect_s = static_cast<double>(after_connect.last_ready_ns - t0) / 1e9;
  const double login_s = static_cast<double>(after_connect.last_login_ns - t0) / 1e9;
  const double activations = metrics_ready.activations - base_metrics.activations;

  co.wait(o.settle);
  const auto held_proc = sample();
  const auto held = co.total().held;
  const auto load_held = load_average();

  // The measurement window: idle (pings only) or with vw.
  if (vw_total > 0) {
    co.signal_all(SIGUSR1);
    co.wait(1.0);  // let the vw streams reach full speed
  }
  const auto w_proc = sample();
  const auto w_metrics = read_metrics(http);
  const auto w_counters = co.total();
  const auto w_rtt = co.rtt();
  const auto w_start = std::chrono::steady_clock::now();
  co.wait(o.duration);
  const auto e_proc = sample();
  const auto e_metrics = read_metrics(http);
  const auto e_counters = co.total();
  const auto e_rtt = co.rtt();
  const double window = seconds_since(w_start);
  const auto load_end = load_average();

  co.signal_all(SIGTERM);
  for (auto& c : children) {
    int status = 0;
    ::waitpid(c.pid, &status, 0);
    ::close(c.fd);
  }

  const auto rtt = e_rtt.since(w_rtt);
  const double server_msgs = e_metrics.messages_in - w_metrics.messages_in;
  const double vw_sent = static_cast<double>(e_counters.vw_sent - w_counters.vw_sent);
  const double cpu = e_proc.cpu_seconds - w_proc.cpu_seconds;
  const double rss_delta_kb = static_cast<double>(held_proc.rss_kb) - static_cast<double>(base_proc.rss_kb);
  const double per_conn_kb = held > 0 ? rss_delta_kb / static_cast<double>(held) : 0;
  const double logins_per_s = login_s > 0 ? static_cast<double>(after_connect.logins_ok) / login_s : 0;
  const double ready_per_s = connect_s > 0 ? static_cast<double>(after_connect.ready) / connect_s : 0;
  const double activations_per_s = connect_s > 0 ? activations / connect_s : 0;
  const double connect_cpu = ready_proc.cpu_seconds - base_proc.cpu_seconds;
  const double cpu_ms_per_ready =
      after_connect.ready > 0 ? 1000.0 * connect_cpu / static_cast<double>(after_connect.ready) : 0;

  std::printf("devices             %zu over %s, %d generator process(es), %d source addresses\n", n,
              o.tls ? "TLS" : "plain", k, o.sources);
  std::printf("connections held    %lu (failed %lu, refused %lu, dropped later %lu)\n",
              static_cast<unsigned long>(held), static_cast<unsigned long>(after_connect.connect_failed),
              static_cast<unsigned long>(after_connect.logins_refused + after_connect.info_refused),
              static_cast<unsigned long>(e_counters.closed));
  std::printf("logins/s            %s (%lu logins in %.2f s)\n", fmt_rate(logins_per_s).c_str(),
              static_cast<unsigned long>(after_connect.logins_ok), login_s);
  if (o.tls) {
    std::printf("TLS resumed         %lu of %lu handshakes\n",
                static_cast<unsigned long>(after_connect.tls_resumed),
                static_cast<unsigned long>(after_connect.connect_started));
  }
  std::printf("ready/s             %s (connect + login + info answered; %lu in %.2f s)\n",
              fmt_rate(ready_per_s).c_str(), static_cast<unsigned long>(after_connect.ready), connect_s);
  std::printf("activations/s       %s (%.0f activations counted by the server)\n",
              fmt_rate(activations_per_s).c_str(), activations);
  std::printf("window              %.2f s%s\n", window, vw_total > 0 ? " of vw" : " idle (pings only)");
  std::printf("messages/s          %s received by the server (%s vw/s sent by %zu devices%s)\n",
              fmt_rate(server_msgs / window).c_str(), fmt_rate(vw_sent / window).c_str(), vw_total,
              o.vw_rate > 0 ? "" : ", as fast as TCP takes them");
  std::printf("quota limits        %lu\n", static_cast<unsigned long>(e_counters.quota - w_counters.quota));
  std::printf("ping rtt            p50 %.3f ms, p99 %.3f ms (%lu pongs in the window)\n",
              static_cast<double>(rtt.quantile(0.5)) / 1000.0,
              static_cast<double>(rtt.quantile(0.99)) / 1000.0, static_cast<unsigned long>(rtt.total()));
  if (o.server_pid > 0) {
    std::printf("server rss          %.1f MB before, %.1f MB holding %lu: %.2f KB per connection\n",
                static_cast<double>(base_proc.rss_kb) / 1024.0,
                static_cast<double>(held_proc.rss_kb) / 1024.0, static_cast<unsigned long>(held),
                per_conn_kb);
    std::printf(
        "server cpu (logins) %.2f s from the first connect to the last ready: %.3f ms per device ready\n",
        connect_cpu, cpu_ms_per_ready);
    std::printf("server cpu          %.2f s in the window (%.0f%% of one core)", cpu, 100.0 * cpu / window);
    if (server_msgs > 0) std::printf(", %.2f s per million messages", cpu / (server_msgs / 1e6));
    std::printf("\n");
  }
  std::printf("load average        %s at start, %s holding, %s at end\n", load_start.c_str(),
              load_held.c_str(), load_end.c_str());
  std::printf(
      "RESULT transport=%s devices=%zu held=%lu failed=%lu logins_per_s=%.0f ready_per_s=%.0f "
      "activations_per_s=%.0f msgs_per_s=%.0f vw_sent_per_s=%.0f rtt_p50_ms=%.3f rtt_p99_ms=%.3f "
      "rss_base_kb=%lu rss_held_kb=%lu rss_per_conn_kb=%.2f cpu_ms_per_ready=%.3f cpu_s=%.2f "
      "cpu_s_per_million=%.2f load=\"%s\"\n",
      o.tls ? "tls" : "plain", n, static_cast<unsigned long>(held),
      static_cast<unsigned long>(after_connect.connect_failed + after_connect.logins_refused +
                                 after_connect.info_refused),
      logins_per_s, ready_per_s, activations_per_s, server_msgs / window, vw_sent / window,
      static_cast<double>(rtt.quantile(0.5)) / 1000.0, static_cast<double>(rtt.quantile(0.99)) / 1000.0,
      static_cast<unsigned long>(base_proc.rss_kb), static_cast<unsigned long>(held_proc.rss_kb), per_conn_kb,
      cpu_ms_per_ready, cpu, server_msgs > 0 ? cpu / (server_msgs / 1e6) : 0.0, load_end.c_str());
  std::fflush(stdout);
  return held == n ? 0 : 1;
}

}  // namespace
}  // namespace onboard::fleet

int main(int argc, char** argv) {
  using onboard::fleet::Options;
  Options o;
  CLI::App app{"onboard-fleet: simulated Blynk devices against onboard-cloud"};
  app.add_option("--host", o.host, "server address (IPv4)")->capture_default_str();
  app.add_option("--port", o.port, "plain port (device protocol and REST)")->capture_default_str();
  app.add_option("--tls-port", o.tls_port, "TLS port (device protocol with --tls)")->capture_default_str();
  app.add_option("--http-port", o.http_port, "REST port (plain HTTP; default: --port)");
  app.add_flag("--tls", o.tls, "devices connect over TLS");
  app.add_flag("--tls-resume", o.tls_resume,
               "with --tls: every connection after a process's first login resumes that login's session "
               "(a reconnect storm of devices that all hold a ticket)");
  app.add_flag("--tls12", o.tls12, "with --tls: TLS 1.2 at most");
  app.add_option("--email", o.email, "admin who provisions the devices")->capture_default_str();
  app.add_option("--password", o.password, "the admin's password");
  app.add_option("--template-name", o.template_name, "name of the template created")->capture_default_str();
  app.add_option("-n,--devices", o.devices, "simulated devices")->capture_default_str();
  app.add_option("--processes", o.processes, "device processes (0: one per 10,000 devices)")
      ->capture_default_str();
  app.add_option("--tokens-in", o.tokens_in, "use tokens from this file instead of provisioning");
  app.add_option("--tokens-out", o.tokens_out, "write the template and tokens here");
  app.add_flag("--provision-only", o.provision_only, "provision (and --tokens-out), connect nothing");
  app.add_option("--rest-connections", o.rest_connections, "parallel REST connections for provisioning")
      ->capture_default_str();
  app.add_option("--sources", o.sources, "source addresses 127.1.0.1... to spread connections over")
      ->check(CLI::Range(1, 60000))
      ->capture_default_str();
  app.add_option("--connect-concurrency", o.connect_concurrency,
                 "devices per process between connect and ready at once")
      ->capture_default_str();
  app.add_option("--heartbeat", o.heartbeat, "h-beat seconds announced in the info")->capture_default_str();
  app.add_option("--ping-interval", o.ping_interval, "seconds between a device's PINGs")
      ->capture_default_str();
  app.add_option("--vw-devices", o.vw_devices, "devices that write vw in the window (-1: all)")
      ->capture_default_str();
  app.add_option("--vw-rate", o.vw_rate, "vw per second per device (0: as fast as TCP takes them)")
      ->capture_default_str();
  app.add_option("--duration", o.duration, "seconds of the measurement window")->capture_default_str();
  app.add_option("--settle", o.settle, "seconds between all ready and the memory sample")
      ->capture_default_str();
  app.add_option("--ready-timeout", o.ready_timeout, "seconds to wait for every device to be ready")
      ->capture_default_str();
  app.add_option("--server-pid", o.server_pid, "server process to sample in /proc (RSS, CPU)");
  CLI11_PARSE(app, argc, argv);
  if (o.password.empty() && o.tokens_in.empty()) {
    std::cerr << "onboard-fleet: --password (of --email) is needed to provision, or give --tokens-in\n";
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  return onboard::fleet::run(o);
}
