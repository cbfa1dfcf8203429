#include "support/haproxy_process.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/connection.hpp"

namespace onboard::cloud::test {

namespace fs = std::filesystem;

namespace {
constexpr const char* kHaproxyBin = "/usr/sbin/haproxy";
}

HaproxyProcess::HaproxyProcess() {
  auto home = daemon_home(kHaproxyBin, "/tmp/onboard-haproxy-XXXXXX");
  error_ = home.error;
  account_ = home.account;
  dir_ = home.dir;
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
  const Readiness ready{"haproxy", "accept connections",
                        [this] {
                          Connection c;
                          return c.open(endpoint(), false);
                        },
                        std::chrono::seconds(10), std::chrono::milliseconds(50)};
  error_ = process_.start_ready({kHaproxyBin, "-db", "-f", dir_ + "/haproxy.cfg"}, dir_ + "/haproxy.log",
                                account_, ready);
  return error_.empty();
}

void HaproxyProcess::stop() {
  if (process_.running()) process_.stop(SIGTERM);
}

std::string HaproxyProcess::log() const {
  return read_text(dir_ + "/haproxy.log");
}

}  // namespace onboard::cloud::test
