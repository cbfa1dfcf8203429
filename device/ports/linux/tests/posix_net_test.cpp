#include "onboard/device/ports/linux/posix_net.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "onboard/device/ports/testing/wait_for.hpp"

namespace onboard::port {
namespace {

using hal::StreamFailure;
using hal::StreamState;
using testing::wait_for;

constexpr hal::Ip4 kLoopback{0x7F000001};

std::string receive_all(PosixNet& net, hal::Handle stream, std::size_t want) {
  std::string got;
  wait_for(
      [&] {
        std::uint8_t buffer[256];
        const hal::IoResult n = net.receive(stream, buffer, sizeof buffer);
        if (n > 0) got.append(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(n));
        return got.size() >= want || n < 0;
      },
      {&net});
  return got;
}

void send_text(PosixNet& net, hal::Handle stream, const std::string& text) {
  ASSERT_EQ(net.send(stream, reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
            static_cast<hal::IoResult>(text.size()));
}

// A port nobody listens on: bind one, read its number, close it.
std::uint16_t unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(PosixNet, ListenAcceptConnectSendReceiveClose) {
  PosixNet net;
  const hal::Handle listener = net.listen(0);
  ASSERT_NE(listener, hal::kNoHandle);
  const std::uint16_t port = net.local_port(listener);
  ASSERT_NE(port, 0);
  EXPECT_EQ(net.accept(listener), hal::kNoHandle) << "nobody is waiting yet";

  const hal::Handle client = net.connect("127.0.0.1", port);
  ASSERT_NE(client, hal::kNoHandle);
  hal::Handle server = hal::kNoHandle;
  ASSERT_TRUE(wait_for([&] { return (server = net.accept(listener)) != hal::kNoHandle; }, {&net}));
  ASSERT_TRUE(wait_for([&] { return net.state(client) == StreamState::Connected; }, {&net}));
  EXPECT_EQ(net.state(server), StreamState::Connected);

  std::uint8_t buffer[16];
  EXPECT_EQ(net.receive(server, buffer, sizeof buffer), 0) << "nothing sent yet: would block";
  send_text(net, client, "GET / HTTP/1.1\r\n");
  EXPECT_EQ(receive_all(net, server, 16), "GET / HTTP/1.1\r\n");
  send_text(net, server, "HTTP/1.1 200 OK\r\n");
  EXPECT_EQ(receive_all(net, client, 17), "HTTP/1.1 200 OK\r\n");

  net.close(server);
  hal::IoResult last = 0;
  ASSERT_TRUE(wait_for([&] { return (last = net.receive(client, buffer, sizeof buffer)) != 0; }, {&net}));
  EXPECT_EQ(last, hal::kIoClosed);
  EXPECT_EQ(net.state(client), StreamState::Closed);
  net.close(client);
  net.close(listener);
  EXPECT_EQ(net.open_count(), 0u);
}

TEST(PosixNet, ConnectByNameUsesTheResolver) {
  PosixNet net;
  const hal::Handle listener = net.listen(0);
  const hal::Handle client = net.connect("localhost", net.local_port(listener));
  ASSERT_TRUE(wait_for([&] { return net.state(client) != StreamState::Connecting; }, {&net}));
  EXPECT_EQ(net.state(client), StreamState::Connected);
}

TEST(PosixNet, RefusedConnectFailsWithRefused) {
  PosixNet net;
  const hal::Handle client = net.connect("127.0.0.1", unused_port());
  ASSERT_NE(client, hal::kNoHandle);
  ASSERT_TRUE(wait_for([&] { return net.state(client) != StreamState::Connecting; }, {&net}));
  EXPECT_EQ(net.state(client), StreamState::Failed);
  EXPECT_EQ(net.failure(client), StreamFailure::Refused);
  std::uint8_t byte = 0;
  EXPECT_EQ(net.send(client, &byte, 1), hal::kIoError);
  EXPECT_EQ(net.receive(client, &byte, 1), hal::kIoError);
}

TEST(PosixNet, UdpRoundTrip) {
  PosixNet net;
  const hal::Handle a = net.udp_bind(0);
  const hal::Handle b = net.udp_bind(0);
  ASSERT_NE(a, hal::kNoHandle);
  ASSERT_NE(b, hal::kNoHandle);
  const std::uint8_t query[] = {0x12, 0x34, 0x01, 0x00};
  ASSERT_EQ(net.udp_send(a, query, sizeof query, {kLoopback, net.local_port(b)}), 4);

  std::uint8_t buffer[64];
  hal::Endpoint from;
  hal::IoResult got = 0;
  ASSERT_TRUE(
      wait_for([&] { return (got = net.udp_receive(b, buffer, sizeof buffer, &from)) != 0; }, {&net}));
  ASSERT_EQ(got, 4);
  EXPECT_EQ(std::memcmp(buffer, query, 4), 0);
  EXPECT_EQ(from.ip, kLoopback);
  EXPECT_EQ(from.port, net.local_port(a));

  // The reply goes back to where the query came from, as the captive DNS does.
  ASSERT_EQ(net.udp_send(b, buffer, 4, from), 4);
  ASSERT_TRUE(
      wait_for([&] { return (got = net.udp_receive(a, buffer, sizeof buffer, &from)) != 0; }, {&net}));
  EXPECT_EQ(got, 4);
  EXPECT_EQ(net.udp_receive(a, buffer, sizeof buffer, &from), 0) << "nothing more: would block";
}

TEST(PosixNet, ListenTwiceOnOnePortFailsButRebindAfterCloseWorks) {
  PosixNet net;
  const hal::Handle first = net.listen(0);
  const std::uint16_t port = net.local_port(first);
  EXPECT_EQ(net.listen(port), hal::kNoHandle);
  // A restarted device gets its port back at once (SO_REUSEADDR), even with a
  // connection of the old listener still in TIME_WAIT.
  const hal::Handle client = net.connect("127.0.0.1", port);
  hal::Handle server = hal::kNoHandle;
  ASSERT_TRUE(wait_for([&] { return (server = net.accept(first)) != hal::kNoHandle; }, {&net}));
  net.close(server);
  net.close(client);
  net.close(first);
  EXPECT_NE(net.listen(port), hal::kNoHandle);
}

TEST(PosixNet, FullTableRefusesNewSocketsAndUnknownHandlesAreHarmless) {
  PosixNet net;
  for (std::size_t i = 0; i < PosixNet::kMaxSockets; ++i) ASSERT_NE(net.udp_bind(0), hal::kNoHandle);
  EXPECT_EQ(net.udp_bind(0), hal::kNoHandle);
  EXPECT_EQ(net.listen(0), hal::kNoHandle);
  std::uint8_t byte = 0;
  EXPECT_EQ(net.send(hal::kNoHandle, &byte, 1), hal::kIoError);
  EXPECT_EQ(net.state(999), StreamState::Closed);
  net.close(-5);
}

}  // namespace
}  // namespace onboard::port
