// The radio's two IP interfaces on the board's one Ethernet wire: the access
// point (192.168.4.1, its own MAC) and the station (the address the joined
// network gave, the station MAC). Frames are handed to the interface their
// destination MAC names; the air's wiring decides which network is on the wire.
#pragma once

#include <cstddef>
#include <cstdint>

#include "lwip/netif.h"
#include "onboard/device/hal/types.hpp"
#include "onboard/device/ports/mps2/lan9118.hpp"

namespace onboard::mps2 {

class RadioInterfaces {
 public:
  explicit RadioInterfaces(Lan9118& wire) : wire_(wire) {}
  RadioInterfaces(const RadioInterfaces&) = delete;
  RadioInterfaces& operator=(const RadioInterfaces&) = delete;

  // Adds both interfaces (down). Call after lwip_init().
  void begin(const hal::MacAddress& station_mac, const hal::MacAddress& ap_mac);
  // The station MAC learnt later (the air's hello reply names the real one).
  void set_station_mac(const hal::MacAddress& mac);

  void ap_up(hal::Ip4 ip, hal::Ip4 mask);
  void ap_down();
  // Up with an address, the default route and the network's resolver.
  void station_up(hal::Ip4 ip, hal::Ip4 mask, hal::Ip4 gateway, hal::Ip4 dns);
  void station_down();

  // Hands every frame waiting in the controller to lwIP; returns how many.
  std::size_t poll();

  std::uint32_t frames_in() const { return frames_in_; }
  std::uint32_t frames_out() const { return frames_out_; }

 private:
  static err_t init_netif(struct netif* netif);
  static err_t link_output(struct netif* netif, struct pbuf* p);
  void deliver(struct netif& netif, const std::uint8_t* frame, std::size_t length);

  Lan9118& wire_;
  struct netif station_ {};
  struct netif ap_ {};
  std::uint32_t frames_in_ = 0;
  std::uint32_t frames_out_ = 0;
};

}  // namespace onboard::mps2
