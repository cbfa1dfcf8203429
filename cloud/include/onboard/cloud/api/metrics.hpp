// Counters for /metrics (Prometheus text). Lock-free increments from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace onboard::cloud {

struct Metrics {
  std::atomic<std::int64_t> connections_plain{0};  // open now
  std::atomic<std::int64_t> connections_tls{0};
  std::atomic<std::uint64_t> connections_accepted_plain{0};
  std::atomic<std::uint64_t> connections_accepted_tls{0};
  std::atomic<std::uint64_t> connections_refused{0};  // by the per-address limits
  std::atomic<std::uint64_t> logins_ok{0};
  std::atomic<std::uint64_t> logins_failed{0};
  std::atomic<std::uint64_t> activations{0};
  std::atomic<std::uint64_t> activations_failed{0};
  std::atomic<std::uint64_t> messages_in{0};
  std::atomic<std::uint64_t> messages_out{0};
  std::atomic<std::int64_t> devices_online{0};
  std::array<std::atomic<std::uint64_t>, 600> http_by_status{};

  void count_http(int status) {
    if (status >= 100 && status < 600) http_by_status[static_cast<std::size_t>(status)].fetch_add(1);
  }
  // provisioning: sessions by state, read from the store at scrape time.
  std::string render(const std::map<std::string, long>& provisioning) const;
};

}  // namespace onboard::cloud
