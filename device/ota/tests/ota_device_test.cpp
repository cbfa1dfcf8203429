// The updater attached to a whole Device in the fake world: the cloud's "ota\0<url>" reaches
// it through the core, the device restarts into the image, the trial is confirmed by the
// next login, and a refusal reaches the cloud as "ota\0failed\0<reason>".
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "onboard/device/ota/ota_updater.hpp"
#include "onboard/device/testing/world.hpp"
#include "ota_fakes.hpp"

namespace onboard::device {
namespace {

using namespace ota_testing;
using testing::World;

class OtaDevice : public ::testing::Test {
 protected:
  void SetUp() override {
    key = *ota::generate_signing_key();
    ota_settings.public_key = key.public_key.data();
    w.wifi.add("Home", "password1");
    w.cloud.tokens.insert(w.token('A'));
    w.cloud.other_hosts.insert("files.test");
    boot();
    w.get(w.config_query("Home", "password1", w.token('A')));
    ASSERT_TRUE(w.run_until([&] { return w.device->connected(); }));
  }

  // World::boot() with the updater attached before begin().
  void boot() {
    w.device.reset();
    updater.reset();
    w.net.power_cycle();
    w.wifi.stop_ap();
    w.wifi.leave();
    w.device = std::make_unique<Device>(w.settings, w.hal);
    updater = std::make_unique<OtaUpdater>(w.settings, ota_settings, w.hal, slots, check);
    w.device->attach(*updater);
    w.device->begin();
  }

  bool run_until(const std::function<bool()>& pred) {
    const std::uint64_t end = w.clock.now + 600000;
    while (!pred() && w.clock.now < end) {
      w.run_for(10);
      files.pump();
    }
    return pred();
  }

  std::string image(const std::string& version, const std::string& template_id = "TMPL12345678") {
    const auto made = ota::make_signed_image({template_id, version, "b2", false},
                                             std::vector<std::uint8_t>(3000, 0x5A), key);
    return std::string(made.bytes.begin(), made.bytes.end());
  }

  bool cloud_got(const std::string& body) const {
    for (const auto& m : w.cloud.received) {
      if (m.command == blynk::Command::Internal && m.body == body) return true;
    }
    return false;
  }

  World w;
  ota::SigningKey key;
  OtaSettings ota_settings;
  FakeSlots slots{64 * 1024};
  SodiumCheck check;
  FakeFileServer files{w.net};
  std::unique_ptr<OtaUpdater> updater;
};

TEST_F(OtaDevice, TheCloudsStartUpdatesTheDeviceAndTheNextLoginConfirmsIt) {
  files.image = image("1.3.0");
  ASSERT_TRUE(w.cloud.send(blynk::Command::Internal, std::string("ota\0http://files.test/ota/7?t=x", 31)));
  ASSERT_TRUE(run_until([&] { return w.system.restarts == 1; })) << w.system.all_lines();
  EXPECT_EQ(slots.pendings, 1);
  EXPECT_TRUE(w.system.logged("system: restarting"));
  // The restart boots the new image on trial; the configuration is untouched.
  slots.state = hal::BootState::trial;
  w.settings.firmware_version = "1.3.0";
  const int logins = w.cloud.logins;
  boot();
  ASSERT_TRUE(w.run_until([&] { return w.device->connected(); }));
  EXPECT_GT(w.cloud.logins, logins);
  EXPECT_EQ(slots.valids, 1);
  EXPECT_TRUE(w.system.logged("ota: firmware 1.3.0 reached the cloud: confirmed"));
}

TEST_F(OtaDevice, ARefusalReachesTheCloud) {
  files.image = image("1.3.0", "TMPLother");
  ASSERT_TRUE(w.cloud.send(blynk::Command::Internal, std::string("ota\0http://files.test/ota/8", 26)));
  ASSERT_TRUE(run_until([&] { return cloud_got(std::string("ota\0failed\0template", 19)); }))
      << w.system.all_lines();
  EXPECT_EQ(w.system.restarts, 0);
  EXPECT_TRUE(w.device->connected());
}

TEST_F(OtaDevice, OtherInternalCommandsStillReachTheCore) {
  ASSERT_TRUE(w.cloud.send(blynk::Command::Internal, std::string("dbg\0reboot", 10)));
  ASSERT_TRUE(run_until([&] { return w.system.restarts == 1; }));
}

}  // namespace
}  // namespace onboard::device
