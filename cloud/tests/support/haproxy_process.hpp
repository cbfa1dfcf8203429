// A real HAProxy for a test, in front of onboard-cloud nodes the way deploy/haproxy.cfg puts
// it (TCP mode, leastconn, PROXY v2 to the nodes, /healthz checks), on a free port.
#pragma once

#include <string>
#include <vector>

#include "support/daemon_process.hpp"

namespace onboard::cloud::test {

class HaproxyProcess {
 public:
  HaproxyProcess();
  ~HaproxyProcess();
  HaproxyProcess(const HaproxyProcess&) = delete;
  HaproxyProcess& operator=(const HaproxyProcess&) = delete;

  // The nodes' plain endpoints ("127.0.0.1:PORT"); true once it accepts connections (10 s).
  bool start(const std::vector<std::string>& nodes);
  void stop();
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::string& error() const { return error_; }
  std::string log() const;

 private:
  std::string dir_;
  std::string error_;
  int port_ = 0;
  Account account_;
  DaemonProcess process_;
};

}  // namespace onboard::cloud::test
