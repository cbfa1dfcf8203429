// What a device process reports to the coordinator: cumulative counters and a
// PING round-trip histogram, written as one fixed-size record to a pipe (well
// under PIPE_BUF, so each write arrives whole).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace onboard::fleet {

// Log-linear histogram of microseconds: exact below 16 us, then 8 buckets per
// power of two (at most 12.5 % error), up to about 2^31 us.
class Histogram {
 public:
  static constexpr int kBuckets = 240;

  void add(std::uint64_t us) { ++counts_[static_cast<std::size_t>(index(us))]; }

  std::uint64_t total() const {
    std::uint64_t n = 0;
    for (auto c : counts_) n += c;
    return n;
  }

  // The upper bound (us) of the bucket holding the p-quantile (0 < p <= 1); 0 when empty.
  std::uint64_t quantile(double p) const {
    const auto n = total();
    if (n == 0) return 0;
    auto rank = static_cast<std::uint64_t>(p * static_cast<double>(n));
    rank = std::clamp<std::uint64_t>(rank, 1, n);
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
      seen += counts_[static_cast<std::size_t>(i)];
      if (seen >= rank) return upper(i);
    }
    return upper(kBuckets - 1);
  }

  Histogram& operator+=(const Histogram& o) {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += o.counts_[i];
    return *this;
  }
  // Counts added since `earlier` (a snapshot of the same histogram).
  Histogram since(const Histogram& earlier) const {
    Histogram d;
    for (std::size_t i = 0; i < counts_.size(); ++i) d.counts_[i] = counts_[i] - earlier.counts_[i];
    return d;
  }

 private:
  static int index(std::uint64_t us) {
    if (us < 16) return static_cast<int>(us);
    const int e = static_cast<int>(std::bit_width(us)) - 1;  // 2^e <= us < 2^(e+1), e >= 4
    const int sub = static_cast<int>((us >> (e - 3)) & 7);
    return std::min(16 + (e - 4) * 8 + sub, kBuckets - 1);
  }
  static std::uint64_t upper(int i) {
    if (i < 16) return static_cast<std::uint64_t>(i);
    const int e = (i - 16) / 8 + 4;
    const auto sub = static_cast<std::uint64_t>((i - 16) % 8);
    return ((8 + sub + 1) << (e - 3)) - 1;
  }

  std::array<std::uint32_t, kBuckets> counts_{};
};

struct Counters {
  std::uint64_t connect_started = 0;
  std::uint64_t connect_failed = 0;  // TCP connect or TLS handshake
  std::uint64_t logins_ok = 0;       // HW_LOGIN answered 200
  std::uint64_t logins_refused = 0;
  std::uint64_t ready = 0;  // info answered 200 (activated, for a fresh token)
  std::uint64_t info_refused = 0;
  std::uint64_t closed = 0;   // dropped by the server after connect
  std::uint64_t held = 0;     // connections open and ready right now
  std::uint64_t vw_sent = 0;  // vw frames handed to the socket
  std::uint64_t pings_sent = 0;
  std::uint64_t pongs = 0;
  std::uint64_t quota = 0;          // QUOTA_LIMIT responses
  std::uint64_t tls_resumed = 0;    // TLS handshakes that resumed a session (no full handshake)
  std::uint64_t last_ready_ns = 0;  // CLOCK_MONOTONIC when the last device became ready
  std::uint64_t last_login_ns = 0;  // CLOCK_MONOTONIC of the last login answer
  std::uint64_t reconnects = 0;     // with --reconnect: lost connections ready again
  std::uint64_t first_lost_ns = 0;  // CLOCK_MONOTONIC when the first ready connection was lost
};

struct Report {
  std::uint32_t shard = 0;
  std::uint32_t final = 0;  // 1 on the last report before the process exits
  Counters c;
  Histogram rtt;
};

static_assert(sizeof(Report) < 4096, "a report must be written to a pipe atomically");

}  // namespace onboard::fleet
