// One load-generator process: a share of the simulated devices on one Asio
// thread. Connects (bound to one of several 127.x source addresses), logs in,
// sends info, pings, writes `vw`, and reports its counters to the coordinator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace onboard::fleet {

struct DeviceOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::vector<std::uint16_t> ports;  // several nodes: device i starts on ports[i % size] (else port)
  bool proxy_v2 = false;             // start each connection with a PROXY v2 header (nodes behind HAProxy)
  double reconnect_spread = -1;      // >= 0: a device whose connection is lost reconnects to another
                                     // port (at random) after a delay in [0, spread] s; < 0: it stays closed
  bool tls = false;
  bool tls_resume = false;  // offer the session of this process's first login to every later connection
  bool tls12 = false;       // TLS 1.2 at most
  std::string template_id;
  std::vector<std::string> tokens;  // this shard's devices
  std::size_t first_index = 0;      // global index of tokens[0] (picks the source address)
  int sources = 16;                 // source addresses 127.1.0.1, 127.1.0.2, ...
  int connect_concurrency = 200;    // devices between connect and ready at once
  int heartbeat = 60;               // h-beat announced in the info
  double ping_interval = 20;        // seconds between PINGs of a device
  std::size_t vw_devices = 0;       // how many of this shard's devices write vw
  double vw_rate = 0;               // vw per second per device; 0 = as fast as TCP takes them
  bool vw_now = false;              // start vw once ready (else on SIGUSR1)
  int report_fd = -1;
  std::uint32_t shard = 0;
};

// Runs until SIGTERM/SIGINT; returns the process exit code.
int run_devices(const DeviceOptions& options);

}  // namespace onboard::fleet
