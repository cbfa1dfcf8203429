// The provisioning state machine on its own: no access point, no setup server, only the
// radio's station side, the store and a cloud session, with the events it reports.
#include "onboard/device/provisioning.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "onboard/device/testing/fake_basics.hpp"
#include "onboard/device/testing/fake_cloud.hpp"
#include "onboard/device/testing/fake_net.hpp"
#include "onboard/device/testing/fake_storage.hpp"
#include "onboard/device/testing/fake_wifi.hpp"

namespace onboard::device {
namespace {

using setup::ConnectState;
using setup::Reason;
using testing::FakeClock;
using testing::FakeCloud;
using testing::FakeGpio;
using testing::FakeNet;
using testing::FakeStorage;
using testing::FakeSystem;
using testing::FakeTls;
using testing::FakeWifi;

struct Recorder final : ProvisioningEvents, CloudListener {
  std::vector<std::string> events;
  void on_state(State next) override { events.push_back(std::string(to_string(next))); }
  void on_online(bool committed) override { events.push_back(committed ? "online committed" : "online"); }
  void on_offline() override { events.push_back("offline"); }
  void on_setup_needed() override { events.push_back("setup needed"); }
  void on_pin_write(const PinWrite&) override {}
  void on_pin_read(std::uint8_t) override {}
  void on_pin_command(const blynk::Fields&) override {}
  void on_debug_command(std::string_view) override {}
  void on_internal(std::string_view) override {}
  bool saw(const std::string& event) const {
    for (const auto& e : events) {
      if (e == event) return true;
    }
    return false;
  }
};

class ProvisioningTest : public ::testing::Test {
 protected:
  ProvisioningTest() {
    settings.template_id = "TMPL12345678";
    settings.template_name = "Smart Lamp";
    settings.cloud_host = "cloud.test";
    wifi.add("Home", "correct horse");
    cloud.tokens.insert(token('A'));
  }

  static std::string token(char c) { return std::string(32, c); }
  static setup::ConfigRequest request(const std::string& query) {
    setup::ConfigRequest r;
    EXPECT_TRUE(setup::parse_config_query(query, r));
    return r;
  }
  static std::string query(const std::string& ssid, const std::string& pass, char tok) {
    return "ssid=" + ssid + "&pass=" + pass + "&blynk=" + token(tok) + "&port=8080";
  }
  // Saves a configuration as a previous boot would have.
  void save(const std::string& ssid, const std::string& pass, char tok) {
    NetworkConfig c;
    std::memcpy(c.ssid, ssid.data(), ssid.size());
    c.ssid_len = static_cast<std::uint8_t>(ssid.size());
    std::memcpy(c.password, pass.data(), pass.size());
    c.password_len = static_cast<std::uint8_t>(pass.size());
    std::memset(c.token, tok, 32);
    c.token_len = 32;
    std::memcpy(c.host, "cloud.test", 10);
    c.host_len = 10;
    c.port = 8080;
    c.tls = false;
    ASSERT_TRUE(store.save(c));
  }
  template <typename Pred>
  bool run_until(Pred pred, std::uint64_t limit_ms = 300000) {
    const std::uint64_t end = clock.now + limit_ms;
    while (!pred() && clock.now < end) {
      provisioning.poll(clock.now);
      cloud.pump();
      clock.now += 10;
    }
    return pred();
  }
  NetworkConfig stored() {
    NetworkConfig c;
    EXPECT_EQ(store.load(c), ConfigStore::Load::Found);
    return c;
  }

  FakeClock clock;
  FakeStorage storage{1024};
  FakeWifi wifi{clock};
  FakeGpio gpio;
  FakeNet net;
  FakeTls tls{net};
  FakeSystem system;
  FakeCloud cloud{net};
  Settings settings;
  hal::Hal hal{wifi, storage, gpio, clock, net, &tls, system, nullptr};
  Log log{system, clock};
  ConfigStore store{storage};
  CloudClient session{settings, log};
  ScanList scan;
  Recorder recorder;
  Provisioning provisioning{settings, hal, log, store, session, scan, recorder, recorder};
};

TEST_F(ProvisioningTest, ANewConfigurationIsSavedOnlyOnceTheCloudAcceptedIt) {
  EXPECT_EQ(provisioning.begin(clock.now), Provisioning::Boot::needs_setup);
  EXPECT_EQ(provisioning.accept(request(query("Home", "correct%20horse", 'A')), clock.now),
            Provisioning::Accepted::trying);
  EXPECT_TRUE(provisioning.trying());
  EXPECT_EQ(provisioning.connect_status().state, ConnectState::joining);
  NetworkConfig nothing;
  EXPECT_EQ(store.load(nothing), ConfigStore::Load::Empty);

  ASSERT_TRUE(run_until([&] { return provisioning.online(); }));
  EXPECT_EQ(provisioning.connect_status().state, ConnectState::activated);
  EXPECT_EQ((std::vector<std::string>{"CONNECTING_NET", "CONNECTING_CLOUD", "RUNNING", "online committed"}),
            recorder.events);
  EXPECT_EQ(stored().ssid_view(), "Home");
  EXPECT_TRUE(provisioning.has_saved());
  EXPECT_FALSE(provisioning.trying());
}

TEST_F(ProvisioningTest, AFailedTryRollsBackToTheSavedNetworkUntouched) {
  save("Home", "correct horse", 'A');
  ASSERT_EQ(provisioning.begin(clock.now), Provisioning::Boot::connecting);
  ASSERT_TRUE(run_until([&] { return provisioning.online(); }));
  recorder.events.clear();

  wifi.add("Office", "secret office");
  provisioning.accept(request(query("Office", "wrongpassword", 'A')), clock.now);
  ASSERT_TRUE(run_until([&] { return provisioning.connect_status().state == ConnectState::failed; }));
  EXPECT_EQ(provisioning.connect_status().reason, Reason::wrong_password);
  EXPECT_EQ(provisioning.last_reason(), Reason::wrong_password);
  // The retry on the saved network is scheduled with the first backoff step.
  EXPECT_EQ(provisioning.next_deadline(), clock.now - 10 + settings.backoff_start_ms);
  ASSERT_TRUE(run_until([&] { return provisioning.online(); }));
  EXPECT_EQ(recorder.events.back(), "online");  // nothing new committed
  EXPECT_EQ(stored().ssid_view(), "Home");
  EXPECT_EQ(provisioning.connect_status().state, ConnectState::failed);  // the wizard still reads why
}

TEST_F(ProvisioningTest, RetriesBackOffByDoublingUpToTheCap) {
  save("Home", "correct horse", 'A');
  cloud.reachable = false;
  settings.backoff_start_ms = 1000;
  settings.backoff_cap_ms = 5000;
  provisioning.begin(clock.now);
  // The retry times, read where the deadline jumps forward while nothing is joining.
  std::vector<std::uint64_t> delays;
  std::uint64_t last = 0;
  ASSERT_TRUE(run_until([&] {
    const std::uint64_t next = provisioning.next_deadline();
    if (!provisioning.busy() && next != UINT64_MAX && next != last) {
      delays.push_back((next - clock.now + 500) / 1000);
      last = next;
    }
    return delays.size() == 5;
  }));
  EXPECT_EQ(delays, (std::vector<std::uint64_t>{1, 2, 4, 5, 5}));
  EXPECT_FALSE(recorder.saw("setup needed"));
}

TEST_F(ProvisioningTest, ARefusedSavedTokenKeepsTheNetworkAndAsksForSetup) {
  save("Home", "correct horse", 'B');  // the cloud knows only token A
  provisioning.begin(clock.now);
  ASSERT_TRUE(run_until([&] { return recorder.saw("setup needed"); }));
  EXPECT_EQ(recorder.events.back(), "WAIT_CONFIG");
  EXPECT_EQ(provisioning.last_reason(), Reason::token_invalid);
  const NetworkConfig c = stored();
  EXPECT_TRUE(c.token_invalid);
  EXPECT_EQ(c.ssid_view(), "Home");
  // The next boot does not retry a token that cannot work.
  Recorder after;
  Provisioning rebooted{settings, hal, log, store, session, scan, after, after};
  EXPECT_EQ(rebooted.begin(clock.now), Provisioning::Boot::needs_setup);
  EXPECT_EQ(rebooted.last_reason(), Reason::token_invalid);
}

TEST_F(ProvisioningTest, ANetworkSeenOnlyOn5GhzIsReportedAsSuch) {
  // The scan saw it; this 2.4 GHz radio cannot join it.
  wifi.add("Fast", "password5", hal::Band::Ghz5);
  scan.count = 1;
  std::memcpy(scan.entries[0].ssid, "Fast", 4);
  scan.entries[0].ssid_len = 4;
  scan.entries[0].band = hal::Band::Ghz5;
  provisioning.accept(request(query("Fast", "password5", 'A')), clock.now);
  ASSERT_TRUE(run_until([&] { return provisioning.connect_status().state == ConnectState::failed; }));
  EXPECT_EQ(provisioning.connect_status().reason, Reason::band_unsupported);
  EXPECT_EQ(recorder.events.back(), "WAIT_CONFIG");  // nothing saved to fall back on
}

TEST_F(ProvisioningTest, SaveCommitsAtOnceAndEraseForgetsEverything) {
  const auto accepted = provisioning.accept(request(query("Away", "not%20here", 'A') + "&save=1"), clock.now);
  EXPECT_EQ(accepted, Provisioning::Accepted::saved);
  EXPECT_EQ(stored().ssid_view(), "Away");  // out of range today, kept anyway
  EXPECT_FALSE(provisioning.trying());
  provisioning.erase();
  NetworkConfig nothing;
  EXPECT_EQ(store.load(nothing), ConfigStore::Load::Empty);
  EXPECT_FALSE(provisioning.has_saved());
  EXPECT_EQ(provisioning.next_deadline(), UINT64_MAX);
}

}  // namespace
}  // namespace onboard::device
