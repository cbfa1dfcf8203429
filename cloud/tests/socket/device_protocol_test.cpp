// The Blynk device protocol over real sockets, plain and TLS.
#include <gtest/gtest.h>

#include "onboard/protocol/blynk/frame.hpp"
#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

class DeviceProtocol : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override {
    return {"--login-timeout", "1", "--flood-limit", "20"};
  }
  long device_id_of(long session) const {
    return api.get("/api/v1/provisioning/" + std::to_string(session)).json().value("deviceId", 0L);
  }
  nlohmann::json timeline(long device) const {
    return api.get("/api/v1/devices/" + std::to_string(device) + "/timeline").json();
  }
};

TEST_P(DeviceProtocol, UnknownTokenGetsStatus9AndIsClosed) {
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  EXPECT_EQ(d.login("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 9);
  EXPECT_TRUE(d.wait_closed());
}

TEST_P(DeviceProtocol, SilentConnectionIsClosedBeforeLogin) {
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  EXPECT_FALSE(d.wait_closed(500ms));  // --login-timeout 1
  EXPECT_TRUE(d.wait_closed(4000ms));
}

TEST_P(DeviceProtocol, PingIsAnswered200) {
  auto p = provision();
  auto d = activated_device(p.token);
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
}

TEST_P(DeviceProtocol, VirtualWritesAreStoredAndSyncedBack) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Hardware, vw(5, "23.7"));
  d->send(Command::Hardware, vw(6, "on"));
  d->send(Command::Hardware, vw(5, "24.1"));
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  const auto sync = d->send(Command::HardwareSync, {"vr", "5", "6", "7"});
  std::map<std::string, std::string> got;
  for (int i = 0; i < 2; ++i) {
    auto f = d->read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->command, Command::Hardware);
    EXPECT_EQ(f->id, sync);
    auto fields = f->fields();
    ASSERT_EQ(fields.size(), 3u);
    got[fields[1]] = fields[2];
  }
  EXPECT_EQ(got["5"], "24.1");
  EXPECT_EQ(got["6"], "on");
  // Stored: the device HTTP API reads the same value.
  auto r = client().get("/external/api/get?token=" + p.token + "&V5");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "24.1");
}

TEST_P(DeviceProtocol, EventLogAndOnlineReachTheTimeline) {
  auto p = provision();
  auto d = activated_device(p.token);
  EXPECT_EQ(d->wait_response(d->send(Command::EventLog, {"overheat", "Temperature 91 C"})), 200);
  auto t = timeline(device_id_of(p.id));
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0]["type"], "event");
  EXPECT_EQ(t[0]["code"], "overheat");
  EXPECT_EQ(t[0]["description"], "Temperature 91 C");
  bool online = false;
  bool activated = false;
  for (auto& e : t) {
    online = online || e["type"] == "online";
    activated = activated || e["type"] == "activated";
  }
  EXPECT_TRUE(online);
  EXPECT_TRUE(activated);
}

TEST_P(DeviceProtocol, PropertyIsAccepted) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Property, {"5", "label", "Kitchen"});
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
}

TEST_P(DeviceProtocol, SilentDeviceGoesOfflineAfterOneAndAHalfHeartbeats) {
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  ASSERT_EQ(d.wait_response(d.send_info({{"h-beat", "1"}, {"buff-in", "1024"}, {"tmpl", template_id}})), 200);
  const auto device = device_id_of(p.id);
  EXPECT_TRUE(api.get("/api/v1/devices/" + std::to_string(device)).json()["online"].get<bool>());
  EXPECT_TRUE(d.wait_closed(4000ms));
  EXPECT_FALSE(api.get("/api/v1/devices/" + std::to_string(device)).json()["online"].get<bool>());
  EXPECT_EQ(timeline(device)[0]["type"], "offline");
}

TEST_P(DeviceProtocol, SecondLoginReplacesTheFirst) {
  auto p = provision();
  auto first = activated_device(p.token);
  BlynkClient second;
  ASSERT_TRUE(second.connect(endpoint(), tls()));
  ASSERT_EQ(second.login(p.token), 200);
  EXPECT_TRUE(first->wait_closed());
  EXPECT_EQ(second.wait_response(second.send(Command::Ping, {})), 200);
  const auto device = device_id_of(p.id);
  EXPECT_TRUE(api.get("/api/v1/devices/" + std::to_string(device)).json()["online"].get<bool>());
}

TEST_P(DeviceProtocol, NeverSendsMoreThanTheDeviceBuffer) {
  auto p = provision();
  auto d = activated_device(p.token, "64");
  const std::string big(100, 'x');
  // Too large for the device: refused (413), not stored and dropped.
  EXPECT_EQ(client().get("/external/api/update?token=" + p.token + "&V1=" + big).status, 413);
  EXPECT_EQ(client().get("/external/api/update?token=" + p.token + "&V2=small").status, 200);
  auto f = d->read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->command, Command::Hardware);
  EXPECT_EQ(f->fields(), (std::vector<std::string>{"vw", "2", "small"}));
  EXPECT_LE(blynk::kHeaderSize + f->body.size(), 64u);
}

TEST_P(DeviceProtocol, FloodGetsQuotaLimitThenDisconnect) {
  auto p = provision();
  auto d = activated_device(p.token);
  bool quota = false;
  const auto until = std::chrono::steady_clock::now() + 6s;
  while (!d->closed() && std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 40; ++i) d->send(Command::Hardware, vw(1, std::to_string(i)));
    while (auto f = d->read(20ms)) {
      if (f->command == Command::Response &&
          f->length == static_cast<std::uint16_t>(blynk::Status::QuotaLimit)) {
        quota = true;
      }
    }
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_TRUE(quota);
  EXPECT_TRUE(d->closed());
}

TEST_P(DeviceProtocol, MalformedFrameClosesWithALogLine) {
  auto p = provision();
  auto d = activated_device(p.token);
  const std::uint8_t zero_id[] = {static_cast<std::uint8_t>(Command::Ping), 0, 0, 0, 0};
  d->send_raw(std::string_view(reinterpret_cast<const char*>(zero_id), sizeof zero_id));
  EXPECT_TRUE(d->wait_closed());
  EXPECT_TRUE(eventually([&] { return server.log().find("malformed frame") != std::string::npos; }));
}

TEST_P(DeviceProtocol, OverlongLoginIsMalformed) {
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  d.send(Command::HwLogin, {std::string(200, 'A')});
  EXPECT_TRUE(d.wait_closed());
}

TEST_P(DeviceProtocol, FrameOtherThanLoginFirstIsClosedUnanswered) {
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  d.send(Command::Ping, {});
  EXPECT_TRUE(d.wait_closed());
  EXPECT_TRUE(d.other.empty());
}

TEST_P(DeviceProtocol, CommandAfterRefusedLoginIsNotServed) {
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  d.send(Command::HwLogin, {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
  d.send(Command::Ping, {});
  EXPECT_EQ(d.wait_response(1), 9);
  EXPECT_TRUE(d.wait_closed());
  for (auto& f : d.other) EXPECT_NE(f.id, 2);
}

INSTANTIATE_TEST_SUITE_P(Transports, DeviceProtocol, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
