// Which cloud port and transport a /config request selects: `port_ssl` is a TLS port, `port`
// a plain TCP port, port_ssl wins when both came, and with neither the build's Settings stand.
// Checked on the connection the device opens and on what it persists.
#include <gtest/gtest.h>

#include "onboard/device/testing/world.hpp"

namespace onboard::device {
namespace {

using testing::World;

struct Connection {
  std::string host;
  std::uint16_t port = 0;
  bool tls = false;
};

class CloudPort : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home", "correct horse");
    w.cloud.tokens.insert(w.token('A'));
  }

  // Provisions a fresh device with `ports` appended to the query; true once activated.
  bool provision(const std::string& ports) {
    w.boot();
    const auto reply =
        w.get("/config?ssid=Home&pass=correct%20horse&blynk=" + w.token('A') + "&host=cloud.test" + ports);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return w.run_until([&] { return w.device->connect_state() == "activated"; });
  }

  Connection last_connection() const {
    if (w.net.outgoing.empty()) return {};
    const auto& p = *w.net.outgoing.back();
    return {p.host, p.port, p.tls};
  }

  NetworkConfig stored() {
    NetworkConfig c;
    EXPECT_EQ(ConfigStore(w.storage).load(c), ConfigStore::Load::Found);
    return c;
  }

  // After a reboot the saved configuration alone decides the transport.
  Connection connection_after_reboot() {
    w.net.outgoing.clear();
    Device& d = w.boot();
    EXPECT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
    return last_connection();
  }

  World w;
};

TEST_F(CloudPort, PortSslIsTlsEvenOnAPlainBuild) {
  w.settings.cloud_tls = false;
  w.settings.cloud_port = 8080;
  ASSERT_TRUE(provision("&port_ssl=9443")) << w.system.all_lines();
  const Connection c = last_connection();
  EXPECT_EQ(c.host, "cloud.test");
  EXPECT_EQ(c.port, 9443);
  EXPECT_TRUE(c.tls);
  EXPECT_TRUE(w.system.logged("cloud: connecting to cloud.test:9443 (TLS)"));
  EXPECT_EQ(stored().port, 9443);
  EXPECT_TRUE(stored().tls);
  const Connection again = connection_after_reboot();
  EXPECT_EQ(again.port, 9443);
  EXPECT_TRUE(again.tls);
}

TEST_F(CloudPort, PortIsPlainEvenOnATlsBuild) {
  ASSERT_TRUE(w.settings.cloud_tls);
  ASSERT_TRUE(provision("&port=8080")) << w.system.all_lines();
  const Connection c = last_connection();
  EXPECT_EQ(c.port, 8080);
  EXPECT_FALSE(c.tls);
  EXPECT_TRUE(w.system.logged("cloud: connecting to cloud.test:8080 (plain)"));
  EXPECT_EQ(stored().port, 8080);
  EXPECT_FALSE(stored().tls);
  const Connection again = connection_after_reboot();
  EXPECT_EQ(again.port, 8080);
  EXPECT_FALSE(again.tls);
}

TEST_F(CloudPort, BothGivenPortSslWins) {
  w.settings.cloud_tls = false;
  ASSERT_TRUE(provision("&port=8080&port_ssl=9443")) << w.system.all_lines();
  const Connection c = last_connection();
  EXPECT_EQ(c.port, 9443);
  EXPECT_TRUE(c.tls);
  EXPECT_TRUE(stored().tls);
}

TEST_F(CloudPort, NeitherGivenKeepsTheBuildsTlsEndpoint) {
  ASSERT_TRUE(provision("")) << w.system.all_lines();
  const Connection c = last_connection();
  EXPECT_EQ(c.port, 443);
  EXPECT_TRUE(c.tls);
  EXPECT_TRUE(stored().tls);
}

TEST_F(CloudPort, NeitherGivenKeepsTheBuildsPlainEndpoint) {
  w.settings.cloud_tls = false;
  w.settings.cloud_port = 8080;
  ASSERT_TRUE(provision("&port=&port_ssl=")) << w.system.all_lines();  // empty keys are absent
  const Connection c = last_connection();
  EXPECT_EQ(c.port, 8080);
  EXPECT_FALSE(c.tls);
  EXPECT_EQ(stored().port, 8080);
  EXPECT_FALSE(stored().tls);
}

TEST_F(CloudPort, SavedAtOncePersistsThePlainTransport) {
  w.boot();
  const auto reply = w.get("/config?ssid=Home&pass=correct%20horse&blynk=" + w.token('A') +
                           "&host=cloud.test&port=8080&save=1");
  EXPECT_EQ(reply.status, 200);
  // "save" commits before any attempt, with the transport the key named.
  const NetworkConfig c = stored();
  EXPECT_EQ(c.port, 8080);
  EXPECT_FALSE(c.tls);
  ASSERT_TRUE(w.run_until([&] { return w.device->state() == State::Running; }));
  EXPECT_FALSE(last_connection().tls);
}

TEST_F(CloudPort, AMalformedLosingPortIsStillRefused) {
  w.boot();
  const auto reply =
      w.get("/config?ssid=Home&pass=correct%20horse&blynk=" + w.token('A') + "&port=80a&port_ssl=443");
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("\"field\":\"port\""), std::string::npos) << reply.body;
  EXPECT_TRUE(w.net.outgoing.empty());
}

}  // namespace
}  // namespace onboard::device
