// PROXY protocol v2 headers as HAProxy sends them: addresses read, prefixes wait for more,
// anything else refused at once.
#include "onboard/cloud/cluster/proxy_protocol.hpp"

#include <gtest/gtest.h>

#include <string>

namespace onboard::cloud {
namespace {

const std::string kSig("\r\n\r\n\0\r\nQUIT\n", 12);

std::string header(unsigned char command, unsigned char family, const std::string& addresses) {
  std::string h = kSig;
  h.push_back(static_cast<char>(0x20 | command));
  h.push_back(static_cast<char>(family));
  h.push_back(static_cast<char>(addresses.size() >> 8));
  h.push_back(static_cast<char>(addresses.size() & 0xff));
  return h + addresses;
}

std::string inet(const std::string& src, const std::string& dst, unsigned sport, unsigned dport) {
  std::string a = src + dst;
  a.push_back(static_cast<char>(sport >> 8));
  a.push_back(static_cast<char>(sport & 0xff));
  a.push_back(static_cast<char>(dport >> 8));
  a.push_back(static_cast<char>(dport & 0xff));
  return a;
}

TEST(ProxyProtocol, ReadsAnInetSourceAndTheHeaderLength) {
  const auto h =
      header(1, 0x11, inet(std::string("\xcb\x00\x71\x07", 4), std::string("\x7f\0\0\x01", 4), 50123, 8080));
  const auto parsed = parse_proxy_header(h + std::string("\x1d\x00", 2));  // the device's first bytes follow
  ASSERT_EQ(parsed.status, ProxyHeader::Status::Complete) << parsed.error;
  EXPECT_EQ(parsed.length, h.size());
  EXPECT_EQ(parsed.source_address, "203.0.113.7");
  EXPECT_EQ(parsed.source_port, 50123);
}

TEST(ProxyProtocol, ReadsAnInet6SourceAndSkipsTlvs) {
  std::string src(16, '\0');
  src[0] = '\x20';
  src[1] = '\x01';
  src[2] = '\x0d';
  src[3] = '\xb8';
  src[15] = '\x01';
  const std::string tlv(
      "\x05\x00\x03"
      "abc",
      6);  // PP2_TYPE_UNIQUE_ID
  const auto h = header(1, 0x21, inet(src, std::string(16, '\0'), 443, 9443) + tlv);
  const auto parsed = parse_proxy_header(h);
  ASSERT_EQ(parsed.status, ProxyHeader::Status::Complete) << parsed.error;
  EXPECT_EQ(parsed.length, h.size());
  EXPECT_EQ(parsed.source_address, "2001:db8::1");
  EXPECT_EQ(parsed.source_port, 443);
}

TEST(ProxyProtocol, LocalKeepsTheSocketsOwnPeer) {
  const auto parsed = parse_proxy_header(header(0, 0x00, ""));
  ASSERT_EQ(parsed.status, ProxyHeader::Status::Complete);
  EXPECT_EQ(parsed.length, 16u);
  EXPECT_TRUE(parsed.source_address.empty());
}

TEST(ProxyProtocol, EveryPrefixAsksForMore) {
  const auto h = header(1, 0x11, inet(std::string("\x0a\0\0\x01", 4), std::string("\x0a\0\0\x02", 4), 1, 2));
  for (std::size_t n = 0; n < h.size(); ++n)
    EXPECT_EQ(parse_proxy_header(h.substr(0, n)).status, ProxyHeader::Status::NeedMore) << n;
}

TEST(ProxyProtocol, RefusesOtherProtocolsAtTheFirstByte) {
  EXPECT_EQ(parse_proxy_header("G").status, ProxyHeader::Status::Malformed);            // HTTP
  EXPECT_EQ(parse_proxy_header("\x1d").status, ProxyHeader::Status::Malformed);         // Blynk login
  EXPECT_EQ(parse_proxy_header("PROXY TCP4 ").status, ProxyHeader::Status::Malformed);  // v1 is not taken
}

TEST(ProxyProtocol, RefusesBadVersionsCommandsLengthsAndTruncatedAddresses) {
  auto h = header(1, 0x11, inet(std::string("\x0a\0\0\x01", 4), std::string("\x0a\0\0\x02", 4), 1, 2));
  h[12] = 0x11;  // version 1 in the binary form
  EXPECT_EQ(parse_proxy_header(h).status, ProxyHeader::Status::Malformed);
  EXPECT_EQ(parse_proxy_header(header(2, 0x11, std::string(12, '\0'))).status,
            ProxyHeader::Status::Malformed);
  EXPECT_EQ(parse_proxy_header(header(1, 0x11, std::string(8, '\0'))).status, ProxyHeader::Status::Malformed);
  EXPECT_EQ(parse_proxy_header(header(1, 0x21, std::string(20, '\0'))).status,
            ProxyHeader::Status::Malformed);
  // Too long is refused from the fixed part alone, before the body arrives.
  std::string huge = kSig + std::string("\x21\x11\xff\xff", 4);
  EXPECT_EQ(parse_proxy_header(huge).status, ProxyHeader::Status::Malformed);
}

}  // namespace
}  // namespace onboard::cloud
