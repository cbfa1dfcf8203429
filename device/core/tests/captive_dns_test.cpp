#include "onboard/device/captive_dns.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "onboard/device/testing/fake_net.hpp"

namespace onboard::device {
namespace {

std::vector<std::uint8_t> query(const std::string& name, std::uint16_t type, std::uint16_t ar = 0) {
  std::vector<std::uint8_t> q = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(ar)};
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    q.push_back(static_cast<std::uint8_t>(dot - start));
    for (std::size_t i = start; i < dot; ++i) q.push_back(static_cast<std::uint8_t>(name[i]));
    start = dot + 1;
  }
  q.push_back(0);
  q.push_back(static_cast<std::uint8_t>(type >> 8));
  q.push_back(static_cast<std::uint8_t>(type));
  q.push_back(0);
  q.push_back(1);
  return q;
}

std::size_t answer(std::vector<std::uint8_t>& q, bool all = true) {
  const std::size_t length = q.size();
  q.resize(length + 16);
  return answer_dns_query(q.data(), length, 0xC0A80401u, all);
}

TEST(CaptiveDns, AnswersEveryAQueryWithTheApAddress) {
  auto q = query("connectivitycheck.gstatic.com", 1);
  const std::size_t question_end = q.size();
  const std::size_t n = answer(q);
  ASSERT_EQ(n, question_end + 16);
  EXPECT_EQ(q[0], 0x12);
  EXPECT_EQ(q[2] & 0x80, 0x80);
  EXPECT_EQ(q[3] & 0x0F, 0);
  EXPECT_EQ(q[7], 1);
  EXPECT_EQ(std::vector<std::uint8_t>(q.begin() + static_cast<long>(n) - 4, q.begin() + static_cast<long>(n)),
            (std::vector<std::uint8_t>{192, 168, 4, 1}));
}

TEST(CaptiveDns, AaaaAndOtherTypesGetAnEmptyAnswer) {
  auto q = query("example.com", 28);
  const std::size_t question_end = q.size();
  EXPECT_EQ(answer(q), question_end);
  EXPECT_EQ(q[7], 0);
  EXPECT_EQ(q[3] & 0x0F, 0);
}

TEST(CaptiveDns, EdnsQueriesAreAnsweredWithoutTheOptRecord) {
  auto q = query("example.com", 1, 1);
  const std::size_t question_end = q.size();
  for (int i = 0; i < 11; ++i) q.push_back(0);
  EXPECT_EQ(answer(q), question_end + 16);
  EXPECT_EQ(q[11], 0);
}

TEST(CaptiveDns, WithoutCaptivePortalOnlyTheSetupNamesResolve) {
  auto q = query("Blynk.Setup", 1);
  EXPECT_GT(answer(q, false), 0u);
  EXPECT_EQ(q[7], 1);
  auto other = query("example.com", 1);
  EXPECT_GT(answer(other, false), 0u);
  EXPECT_EQ(other[3] & 0x0F, 3);  // NXDOMAIN
}

TEST(CaptiveDns, MalformedPacketsAreDropped) {
  std::vector<std::vector<std::uint8_t>> bad;
  bad.push_back({1, 2, 3});  // short header
  auto response = query("a.b", 1);
  response[2] |= 0x80;
  bad.push_back(response);  // a response
  auto two = query("a.b", 1);
  two[5] = 2;
  bad.push_back(two);  // two questions
  auto opcode = query("a.b", 1);
  opcode[2] |= 0x10;
  bad.push_back(opcode);  // not a standard query
  auto truncated = query("example.com", 1);
  truncated.resize(truncated.size() - 3);
  bad.push_back(truncated);  // no type/class
  auto pointer = query("a.b", 1);
  pointer[12] = 0xC0;
  bad.push_back(pointer);  // compression in a question
  auto long_label = query(std::string(64, 'a'), 1);
  bad.push_back(long_label);  // label over 63
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(60, 'x') + ".";
  bad.push_back(query(long_name + "com", 1));                      // name over 255
  bad.push_back(std::vector<std::uint8_t>(kDnsPacketMax + 1, 0));  // too long
  for (auto& q : bad) EXPECT_EQ(answer(q), 0u);
}

TEST(CaptiveDns, ResponderAnswersOverUdpAndCountsDrops) {
  testing::FakeNet net;
  CaptiveDns dns;
  ASSERT_TRUE(dns.start(net));
  EXPECT_TRUE(net.udp_bound(53));
  const auto q = query("example.com", 1);
  net.send_datagram(std::string(q.begin(), q.end()));
  net.send_datagram("junk");
  dns.poll(net, 0xC0A80401u, true);
  EXPECT_EQ(net.datagrams_out.size(), 1u);
  EXPECT_EQ(dns.answered(), 1u);
  EXPECT_EQ(dns.dropped(), 1u);
  dns.stop(net);
  EXPECT_EQ(net.open_handles(), 0u);
}

}  // namespace
}  // namespace onboard::device
