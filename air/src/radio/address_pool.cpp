#include "radio/address_pool.hpp"

#include <cstdio>
#include <set>

namespace onboard::air {

std::optional<std::string> AddressPool::lease(const std::string& host) {
  auto it = leases_.find(host);
  if (it == leases_.end()) {
    std::set<int> used;
    for (const auto& [name, octet] : leases_) used.insert(octet);
    int octet = first_;
    while (octet <= last_ && used.count(octet) != 0) ++octet;
    if (octet > last_) return std::nullopt;
    it = leases_.emplace(host, octet).first;
  }
  return prefix_ + std::to_string(it->second);
}

std::size_t AddressPool::reclaim(const std::function<bool(const std::string& host)>& idle) {
  std::size_t freed = 0;
  for (auto it = leases_.begin(); it != leases_.end();) {
    if (idle(it->first)) {
      it = leases_.erase(it);
      ++freed;
    } else {
      ++it;
    }
  }
  return freed;
}

std::string make_mac(unsigned long long seed) {
  char text[18];
  std::snprintf(text, sizeof text, "02:%02x:%02x:%02x:%02x:%02x", static_cast<unsigned>((seed >> 32) & 0xFF),
                static_cast<unsigned>((seed >> 24) & 0xFF), static_cast<unsigned>((seed >> 16) & 0xFF),
                static_cast<unsigned>((seed >> 8) & 0xFF), static_cast<unsigned>(seed & 0xFF));
  return text;
}

}  // namespace onboard::air
