#include "onboard/device/captive_dns.hpp"

namespace onboard::device {
namespace {

constexpr std::size_t kHeader = 12;
constexpr std::uint16_t kTypeA = 1;
constexpr std::uint16_t kClassIn = 1;
constexpr std::uint32_t kTtlSeconds = 10;  // short: phones must not keep it after setup

std::uint16_t get16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

char lower(std::uint8_t c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// True when the wire-format name at p (already validated) spells text.
bool name_is(const std::uint8_t* p, const char* text) {
  std::size_t t = 0;
  while (*p != 0) {
    const std::uint8_t label = *p++;
    if (t != 0) {
      if (text[t] != '.') return false;
      ++t;
    }
    for (std::uint8_t i = 0; i < label; ++i, ++p, ++t) {
      if (text[t] == '\0' || lower(*p) != text[t]) return false;
    }
  }
  return text[t] == '\0';
}

}  // namespace

std::size_t answer_dns_query(std::uint8_t* packet, std::size_t length, std::uint32_t ap_ip, bool all_names) {
  if (length < kHeader || length > kDnsPacketMax) return 0;
  const std::uint8_t flags_hi = packet[2];
  if ((flags_hi & 0x80) != 0) return 0;         // a response, not a query
  if (((flags_hi >> 3) & 0x0F) != 0) return 0;  // only standard queries
  if (get16(packet + 4) != 1 || get16(packet + 6) != 0 || get16(packet + 8) != 0) return 0;
  // The question name: labels of 1..63 bytes, at most 255 bytes in all, no
  // compression (a query has nothing to point back to).
  std::size_t pos = kHeader;
  std::size_t name_length = 0;
  for (;;) {
    if (pos >= length) return 0;
    const std::uint8_t label = packet[pos];
    if (label == 0) {
      ++pos;
      ++name_length;
      break;
    }
    if (label > 63) return 0;
    name_length += 1u + label;
    if (name_length > 254) return 0;
    pos += 1u + label;
  }
  if (length - pos < 4) return 0;
  const std::uint16_t type = get16(packet + pos);
  const std::uint16_t klass = get16(packet + pos + 2);
  pos += 4;  // the answer replaces whatever followed the question (EDNS etc.)

  const bool known_name =
      all_names || name_is(packet + kHeader, "blynk.setup") || name_is(packet + kHeader, "onboard.setup");
  packet[2] = static_cast<std::uint8_t>(0x80 | 0x04 | (flags_hi & 0x01));  // QR, AA, RD copied
  packet[3] = known_name ? 0x80 : 0x83;                                    // RA; NXDOMAIN if unknown
  packet[10] = packet[11] = 0;                                             // no additional records
  packet[6] = packet[7] = 0;
  if (!known_name || type != kTypeA || klass != kClassIn) return pos;  // empty answer
  packet[7] = 1;
  const std::uint8_t answer[16] = {0xC0,
                                   kHeader,  // pointer to the question's name
                                   0,
                                   kTypeA,
                                   0,
                                   kClassIn,
                                   0,
                                   0,
                                   0,
                                   kTtlSeconds,
                                   0,
                                   4,
                                   static_cast<std::uint8_t>(ap_ip >> 24),
                                   static_cast<std::uint8_t>(ap_ip >> 16),
                                   static_cast<std::uint8_t>(ap_ip >> 8),
                                   static_cast<std::uint8_t>(ap_ip)};
  for (std::size_t i = 0; i < sizeof answer; ++i) packet[pos + i] = answer[i];
  return pos + sizeof answer;
}

bool CaptiveDns::start(hal::Net& net) {
  if (socket_ == hal::kNoHandle) socket_ = net.udp_bind(53);
  return socket_ != hal::kNoHandle;
}

void CaptiveDns::stop(hal::Net& net) {
  if (socket_ != hal::kNoHandle) net.close(socket_);
  socket_ = hal::kNoHandle;
}

void CaptiveDns::poll(hal::Net& net, std::uint32_t ap_ip, bool all_names) {
  if (socket_ == hal::kNoHandle) return;
  for (int i = 0; i < 4; ++i) {
    hal::Endpoint from;
    // One byte more than a valid query may have, to tell "too long" from "fits".
    const hal::IoResult n = net.udp_receive(socket_, packet_, kDnsPacketMax + 1, &from);
    if (n <= 0) return;
    const std::size_t answer = answer_dns_query(packet_, static_cast<std::size_t>(n), ap_ip, all_names);
    if (answer == 0) {
      ++dropped_;
      continue;
    }
    net.udp_send(socket_, packet_, answer, from);
    ++answered_;
  }
}

}  // namespace onboard::device
