// The world's DHCP: each network hands out addresses in its /24, and a host
// keeps the same address for the life of the world (as a DHCP lease would).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace onboard::air {

class AddressPool {
 public:
  // prefix: "192.168.1." ; hosts get prefix + first .. prefix + last.
  AddressPool(std::string prefix, int first, int last)
      : prefix_(std::move(prefix)), first_(first), last_(last) {}

  // The host's address (the same one every time), or nullopt when full.
  std::optional<std::string> lease(const std::string& host);
  // Forgets every lease (a router that lost power forgets its leases).
  void clear() { leases_.clear(); }
  // Forgets the leases of the hosts `idle` names (as a DHCP server whose range is full hands
  // out the addresses of expired leases); returns how many.
  std::size_t reclaim(const std::function<bool(const std::string& host)>& idle);

 private:
  std::string prefix_;
  int first_;
  int last_;
  std::map<std::string, int> leases_;
};

// A locally administered unicast MAC made from a seed: "02:xx:xx:xx:xx:xx".
std::string make_mac(unsigned long long seed);

}  // namespace onboard::air
