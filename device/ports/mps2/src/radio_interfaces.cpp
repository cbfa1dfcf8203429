#include "onboard/device/ports/mps2/radio_interfaces.hpp"

#include <cstring>

#include "lwip/dns.h"
#include "lwip/etharp.h"
#include "lwip/ip4_addr.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

namespace onboard::mps2 {

namespace {

ip4_addr_t to_lwip(hal::Ip4 ip) {
  ip4_addr_t address;
  ip4_addr_set_u32(&address, lwip_htonl(ip.value));
  return address;
}

constexpr std::size_t kEtherHeader = 14;
constexpr std::uint16_t kEtherTypeIp4 = 0x0800, kEtherTypeArp = 0x0806;

bool same_mac(const std::uint8_t* frame_mac, const struct netif& netif) {
  return std::memcmp(frame_mac, netif.hwaddr, 6) == 0;
}

// The frame's IPv4 source address (host order), or 0.
std::uint32_t ip4_source(const std::uint8_t* frame, std::size_t length) {
  if (length < kEtherHeader + 20) return 0;
  const std::uint8_t* s = frame + kEtherHeader + 12;
  return static_cast<std::uint32_t>(s[0]) << 24 | static_cast<std::uint32_t>(s[1]) << 16 |
         static_cast<std::uint32_t>(s[2]) << 8 | s[3];
}

bool on_subnet(const struct netif& netif, std::uint32_t host_order_ip) {
  if (!netif_is_up(&netif) || ip4_addr_isany_val(*netif_ip4_addr(&netif))) return false;
  const std::uint32_t mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(&netif)));
  const std::uint32_t own = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(&netif)));
  return (own & mask) == (host_order_ip & mask);
}

}  // namespace

err_t RadioInterfaces::init_netif(struct netif* netif) {
  netif->mtu = 1500;
  netif->hwaddr_len = 6;
  netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
  netif->output = etharp_output;
  netif->linkoutput = link_output;
  return ERR_OK;
}

err_t RadioInterfaces::link_output(struct netif* netif, struct pbuf* p) {
  auto* self = static_cast<RadioInterfaces*>(netif->state);
  static std::uint8_t frame[Lan9118::kMaxFrame];
  if (p->tot_len > sizeof frame) return ERR_BUF;
  const u16_t length = pbuf_copy_partial(p, frame, p->tot_len, 0);
  if (!self->wire_.send(frame, length)) return ERR_MEM;
  ++self->frames_out_;
  return ERR_OK;
}

void RadioInterfaces::begin(const hal::MacAddress& station_mac, const hal::MacAddress& ap_mac) {
  const ip4_addr_t any = to_lwip({});
  netif_add(&station_, &any, &any, &any, this, init_netif, ethernet_input);
  netif_add(&ap_, &any, &any, &any, this, init_netif, ethernet_input);
  std::memcpy(station_.hwaddr, station_mac.bytes, 6);
  std::memcpy(ap_.hwaddr, ap_mac.bytes, 6);
  station_.name[0] = 's';
  station_.name[1] = 't';
  ap_.name[0] = 'a';
  ap_.name[1] = 'p';
}

void RadioInterfaces::set_station_mac(const hal::MacAddress& mac) {
  std::memcpy(station_.hwaddr, mac.bytes, 6);
}

void RadioInterfaces::ap_up(hal::Ip4 ip, hal::Ip4 mask) {
  const ip4_addr_t address = to_lwip(ip), netmask = to_lwip(mask), gateway = to_lwip({});
  netif_set_addr(&ap_, &address, &netmask, &gateway);
  netif_set_up(&ap_);
}

void RadioInterfaces::ap_down() {
  netif_set_down(&ap_);
  const ip4_addr_t any = to_lwip({});
  netif_set_addr(&ap_, &any, &any, &any);
}

void RadioInterfaces::station_up(hal::Ip4 ip, hal::Ip4 mask, hal::Ip4 gateway, hal::Ip4 dns) {
  const ip4_addr_t address = to_lwip(ip), netmask = to_lwip(mask), router = to_lwip(gateway);
  netif_set_addr(&station_, &address, &netmask, &router);
  netif_set_up(&station_);
  netif_set_default(&station_);
  const ip_addr_t resolver = IPADDR4_INIT(lwip_htonl(dns.value));
  dns_setserver(0, &resolver);
}

void RadioInterfaces::station_down() {
  netif_set_down(&station_);
  const ip4_addr_t any = to_lwip({});
  netif_set_addr(&station_, &any, &any, &any);
  netif_set_default(nullptr);
}

void RadioInterfaces::deliver(struct netif& netif, const std::uint8_t* frame, std::size_t length) {
  if (!netif_is_up(&netif)) return;
  struct pbuf* p = pbuf_alloc(PBUF_RAW, static_cast<u16_t>(length), PBUF_POOL);
  if (p == nullptr) return;
  pbuf_take(p, frame, static_cast<u16_t>(length));
  if (netif.input(p, &netif) != ERR_OK) pbuf_free(p);
}

std::size_t RadioInterfaces::poll() {
  static std::uint8_t frame[Lan9118::kMaxFrame];
  std::size_t count = 0;
  for (std::size_t length; (length = wire_.receive(frame, sizeof frame)) != 0; ++count) {
    ++frames_in_;
    if (length < kEtherHeader) continue;
    const std::uint16_t type = static_cast<std::uint16_t>(frame[12] << 8 | frame[13]);
    if (same_mac(frame, ap_)) {
      deliver(ap_, frame, length);
    } else if (same_mac(frame, station_)) {
      deliver(station_, frame, length);
    } else if ((frame[0] & 1u) != 0) {
      // Broadcast or multicast: ARP to both (each answers only for its own
      // address), IPv4 to the interface on the sender's subnet.
      if (type == kEtherTypeArp) {
        deliver(ap_, frame, length);
        deliver(station_, frame, length);
      } else if (type == kEtherTypeIp4) {
        const std::uint32_t source = ip4_source(frame, length);
        if (on_subnet(ap_, source)) {
          deliver(ap_, frame, length);
        } else if (on_subnet(station_, source)) {
          deliver(station_, frame, length);
        }
      }
    }
  }
  return count;
}

}  // namespace onboard::mps2
