#include "support/haproxy_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/connection.hpp"

namespace onboard::cloud::test {

namespace fs = std::filesystem;

namespace {
constexpr const char* kHaproxyBin = "/usr/sbin/haproxy";
}

HaproxyProcess::HaproxyProcess() {
  std::error_code ec;
  if (!fs::exists(kHaproxyBin, ec)) {
    error_ = "no haproxy (scripts/install-deps installs it)";
    return;
  }
  auto who = unprivileged_account();
  if (!who.error.empty()) {
    error_ = who.error;
    return;
  }
  account_ = who.account;
  std::string path = "/tmp/onboard-haproxy-XXXXXX";
  if (::mkdtemp(path.data()) == nullptr || !give_to(account_, path)) {
    error_ = "cannot make a directory in /tmp for HAProxy";
    return;
  }
  dir_ = path;
}

HaproxyProcess::~HaproxyProcess() {
  stop();
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

bool HaproxyProcess::start(const std::vector<std::string>& nodes) {
  if (dir_.empty()) return false;
  port_ = free_port();
  std::ofstream cfg(dir_ + "/haproxy.cfg");
  cfg << "global\n  maxconn 9000\n  log stderr format short local0 notice\n"
      << "defaults\n  mode tcp\n  log global\n  timeout connect 3s\n  timeout client 10m\n"
      << "  timeout server 10m\n  option redispatch\n  retries 2\n"
      << "frontend devices\n  bind 127.0.0.1:" << port_ << "\n  default_backend nodes\n"
      << "backend nodes\n  balance leastconn\n  option httpchk\n  http-check send meth GET uri /healthz\n"
      << "  http-check expect status 200\n"
      << "  default-server check inter 500ms fall 1 rise 1 send-proxy-v2 check-send-proxy\n";
  for (std::size_t i = 0; i < nodes.size(); ++i) cfg << "  server node" << i << " " << nodes[i] << "\n";
  cfg.close();
  if (!process_.start({kHaproxyBin, "-db", "-f", dir_ + "/haproxy.cfg"}, dir_ + "/haproxy.log", account_)) {
    error_ = "haproxy did not start: " + log();
    return false;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool up = false;
  while (!up && std::chrono::steady_clock::now() < deadline) {
    Connection c;
    up = c.open(endpoint(), false);
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!up) error_ = "haproxy does not accept connections: " + log();
  return up;
}

void HaproxyProcess::stop() {
  if (process_.running()) process_.stop(SIGTERM);
}

std::string HaproxyProcess::log() const {
  std::ifstream in(dir_ + "/haproxy.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace onboard::cloud::test
