// The cloud session of a running device: pin writes both ways, sync, events,
// heartbeat, rate limit, redirect, internal dbg commands.
#include <gtest/gtest.h>

#include "onboard/device/testing/world.hpp"

namespace onboard::device {
namespace {

using blynk::Command;
using testing::World;

std::string body(std::initializer_list<std::string_view> fields) {
  std::string out;
  for (auto f : fields) {
    if (!out.empty()) out += '\0';
    out += f;
  }
  return out;
}

class Session : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home", "password1");
    w.cloud.tokens.insert(w.token('A'));
    w.boot();
    w.get(w.config_query("Home", "password1", w.token('A')));
    ASSERT_TRUE(w.run_until([&] { return w.device->connected(); }));
  }
  World w;
};

TEST_F(Session, InfoCarriesTheIdentity) {
  ASSERT_FALSE(w.cloud.received.empty());
  const std::string& info = w.cloud.received.front().body;
  for (const char* key : {"tmpl", "fw", "fw-type", "h-beat", "buff-in", "dev", "build"}) {
    EXPECT_NE(info.find(std::string(key) + '\0'), std::string::npos) << key;
  }
  EXPECT_NE(info.find("TMPL12345678"), std::string::npos);
}

TEST_F(Session, VirtualWritesReachTheSketchAndGoOut) {
  struct Seen {
    int pin = -1;
    std::string value;
  } seen;
  w.device->on_virtual_write(
      [](void* user, const PinWrite& write) {
        auto* s = static_cast<Seen*>(user);
        s->pin = write.pin;
        s->value = std::string(write.value());
      },
      &seen);
  w.cloud.send(Command::Hardware, body({"vw", "5", "23.7"}));
  w.run_for(50);
  EXPECT_EQ(seen.pin, 5);
  EXPECT_EQ(seen.value, "23.7");

  EXPECT_TRUE(w.device->virtual_write(3, 1.5, "on", 7));
  EXPECT_TRUE(w.device->sync_virtual(1, 2));
  EXPECT_TRUE(w.device->log_event("overheat", "too hot"));
  w.run_for(50);
  EXPECT_EQ(w.cloud.received.back().body, body({"overheat", "too hot"}));
  bool vw = false;
  for (const auto& m : w.cloud.received) vw = vw || m.body == body({"vw", "3", "1.5", "on", "7"});
  EXPECT_TRUE(vw);
  EXPECT_EQ(w.cloud.count(Command::HardwareSync), 1u);
}

TEST_F(Session, OutgoingRateLimit) {
  int sent = 0;
  for (int i = 0; i < 100; ++i) sent += w.device->virtual_write(1, i) ? 1 : 0;
  EXPECT_EQ(sent, 15);
  w.run_for(1000);
  EXPECT_TRUE(w.device->virtual_write(1, 0));
}

TEST_F(Session, HeartbeatKeepsTheSessionAndItsLossReconnects) {
  const int logins = w.cloud.logins;
  w.run_for(5 * 60 * 1000);
  EXPECT_TRUE(w.device->connected());
  EXPECT_EQ(w.cloud.logins, logins);
  // The cloud goes silent: after heartbeat + margin the device reconnects.
  w.cloud.silent = true;
  w.run_until([&] { return !w.device->connected(); }, 120000);
  EXPECT_FALSE(w.device->connected());
  w.cloud.silent = false;
  ASSERT_TRUE(w.run_until([&] { return w.device->connected(); }, 120000));
}

TEST_F(Session, RedirectReconnectsToTheNewHost) {
  w.cloud.send(Command::Redirect, body({"other.test", "9443"}));
  w.run_for(200);
  EXPECT_EQ(w.net.outgoing.back()->host, "other.test");
  EXPECT_EQ(w.net.outgoing.back()->port, 9443);
  EXPECT_TRUE(w.device->connected());
}

TEST_F(Session, DebugCommandsAnswerOnTheLog) {
  w.cloud.send(Command::Internal, body({"dbg", "devinfo"}));
  w.cloud.send(Command::Internal, body({"dbg", "status"}));
  w.run_for(50);
  EXPECT_TRUE(w.system.logged("devinfo: template TMPL12345678"));
  EXPECT_TRUE(w.system.logged("status: RUNNING"));
  w.cloud.send(Command::Internal, body({"dbg", "config start"}));
  w.run_for(50);
  EXPECT_TRUE(w.wifi.ap);
  EXPECT_EQ(w.device->state(), State::WaitConfig);
}

TEST_F(Session, PinCommandsDriveTheBoardButNeverTheButtonOrLed) {
  w.cloud.send(Command::Hardware, body({"pm", "12", "out"}));
  w.cloud.send(Command::Hardware, body({"dw", "12", "1"}));
  w.cloud.send(Command::Hardware, body({"dw", "4", "1"}));  // the custom board's LED
  w.run_for(50);
  EXPECT_EQ(w.gpio.modes[12], hal::PinMode::Output);
  EXPECT_TRUE(w.gpio.digital[12]);
  EXPECT_EQ(w.gpio.digital.count(4), 0u);
}

TEST_F(Session, PingFromTheCloudIsAnswered) {
  w.cloud.send(Command::Ping, "");
  const std::size_t before = w.cloud.live()->to_device.size();
  (void)before;
  w.run_for(50);
  EXPECT_TRUE(w.device->connected());
}

}  // namespace
}  // namespace onboard::device
