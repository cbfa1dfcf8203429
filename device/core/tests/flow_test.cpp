// Whole provisioning flows on the fake world, in fake time.
#include <gtest/gtest.h>

#include "onboard/device/testing/world.hpp"

namespace onboard::device {
namespace {

using testing::World;

class Flow : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home", "correct horse");
    w.cloud.tokens.insert(w.token('A'));
  }
  // Fresh device -> AP -> /config -> activated; returns the /config reply status.
  int provision(const std::string& ssid = "Home", const std::string& pass = "correct%20horse") {
    const auto reply = w.get(w.config_query(ssid, pass, w.token('A')));
    w.run_until(
        [&] { return w.device->connect_state() == "activated" || w.device->connect_state() == "failed"; });
    return reply.status;
  }
  World w;
};

TEST_F(Flow, FreshDeviceOpensItsApWithServerAndDns) {
  Device& d = w.boot();
  EXPECT_EQ(d.state(), State::WaitConfig);
  EXPECT_TRUE(w.wifi.ap);
  EXPECT_EQ(w.wifi.ap_ssid, "Onboard Smart Lamp-" + w.wifi.ap_ssid.substr(w.wifi.ap_ssid.size() - 4));
  EXPECT_TRUE(w.net.listening(80));
  EXPECT_TRUE(w.net.udp_bound(53));
  EXPECT_TRUE(w.system.logged("state: ") || w.system.logged("ap: open"));
}

TEST_F(Flow, FreshToRunningCommitsOnlyAfterTheCloudLogin) {
  Device& d = w.boot();
  const auto info = w.get("/board_info.json");
  EXPECT_EQ(info.status, 200);
  EXPECT_NE(info.body.find("\"tmpl_id\":\"TMPL12345678\""), std::string::npos);
  EXPECT_EQ(d.state(), State::Configuring);

  const auto reply = w.get(w.config_query("Home", "correct%20horse", w.token('A')));
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("Trying to connect"), std::string::npos);
  // Nothing is committed while trying, and the AP stays up.
  EXPECT_EQ(d.connect_state(), "joining");
  EXPECT_TRUE(w.wifi.ap);
  device::NetworkConfig stored;
  EXPECT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Empty);

  ASSERT_TRUE(w.run_until([&] { return d.connect_state() == "activated"; }));
  EXPECT_EQ(d.state(), State::Running);
  EXPECT_TRUE(d.connected());
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.ssid_view(), "Home");
  EXPECT_EQ(stored.password_view(), "correct horse");
  EXPECT_EQ(w.get("/connect_status.json").body,
            "{\"state\":\"activated\",\"reason\":\"none\",\"last_error\":0}");
  // The AP lingers for the wizard, then closes.
  w.run_for(w.settings.ap_linger_ms + 100);
  EXPECT_FALSE(w.wifi.ap);
  EXPECT_FALSE(w.net.listening(80));
  // Info carried the template and the hotspot name went out.
  bool meta = false;
  for (const auto& m : w.cloud.received)
    meta = meta || m.body.rfind(std::string("meta\0set\0Hotspot Name", 21), 0) == 0;
  EXPECT_TRUE(meta);
  // Secrets never reach the log.
  EXPECT_EQ(w.system.all_lines().find("correct horse"), std::string::npos);
  EXPECT_EQ(w.system.all_lines().find(w.token('A')), std::string::npos);
}

TEST_F(Flow, WrongPasswordIsReportedAndTheDeviceStaysInApMode) {
  Device& d = w.boot();
  EXPECT_EQ(provision("Home", "wrongpassword"), 200);
  EXPECT_EQ(d.connect_state(), "failed");
  EXPECT_EQ(d.reason(), "wrong_password");
  EXPECT_EQ(d.last_error(), 701);
  EXPECT_TRUE(w.wifi.ap);
  EXPECT_EQ(w.system.restarts, 0);
  EXPECT_NE(w.get("/connect_status.json").body.find("wrong_password"), std::string::npos);
  // The phone can retry at once with the right password.
  EXPECT_EQ(provision(), 200);
  EXPECT_EQ(d.connect_state(), "activated");
}

TEST_F(Flow, NetworkNotFound) {
  Device& d = w.boot();
  provision("Elsewhere", "whatever1");
  EXPECT_EQ(d.reason(), "network_not_found");
  EXPECT_EQ(d.last_error(), 701);
}

TEST_F(Flow, FiveGhzOnlyNetworkIsNamedAsSuch) {
  w.wifi.add("Fast5G", "password5", hal::Band::Ghz5);
  w.wifi.radio_5ghz = true;  // the scan sees it (dual-band port) ...
  Device& d = w.boot();
  w.run_for(500);
  w.wifi.radio_5ghz = false;  // ... but the radio joins only 2.4 GHz
  provision("Fast5G", "password5");
  EXPECT_EQ(d.reason(), "band_unsupported");
  EXPECT_EQ(d.last_error(), 701);
}

TEST_F(Flow, InvalidTokenDuringATry) {
  Device& d = w.boot();
  w.get(w.config_query("Home", "correct%20horse", w.token('X')));
  w.run_until([&] { return d.connect_state() == "failed"; });
  EXPECT_EQ(d.reason(), "token_invalid");
  EXPECT_EQ(d.last_error(), 703);
  EXPECT_TRUE(w.wifi.ap);
}

TEST_F(Flow, TemplateMismatchReportedByTheCloud) {
  w.cloud.template_id = "TMPLother000";
  Device& d = w.boot();
  provision();
  EXPECT_EQ(d.reason(), "template_mismatch");
  EXPECT_EQ(d.last_error(), 703);  // protocol/setup files it with the token errors
}

TEST_F(Flow, CloudUnreachableAndTlsFailure) {
  w.cloud.reachable = false;
  Device& d = w.boot();
  provision();
  EXPECT_EQ(d.reason(), "cloud_unreachable");
  w.cloud.reachable = true;
  w.cloud.tls_broken = true;
  provision();
  EXPECT_EQ(d.reason(), "tls_failed") << w.system.all_lines();
}

TEST_F(Flow, SilentCloudTimesOutTheLogin) {
  w.cloud.silent = true;
  Device& d = w.boot();
  provision();
  EXPECT_EQ(d.reason(), "cloud_timeout");
}

TEST_F(Flow, AFailedTryRollsBackToTheWorkingConfiguration) {
  Device& d = w.boot();
  provision();
  w.run_for(20000);
  d.start_config_mode();
  EXPECT_TRUE(w.wifi.ap);
  provision("Home", "wrongpassword");
  EXPECT_EQ(d.reason(), "wrong_password");
  // The saved configuration was never touched and the device goes back to it.
  device::NetworkConfig stored;
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.password_view(), "correct horse");
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }));
  EXPECT_EQ(w.system.restarts, 0);
}

TEST_F(Flow, ProvisionedDeviceBootsStraightToRunning) {
  w.boot();
  provision();
  Device& d = w.boot();
  EXPECT_EQ(d.state(), State::ConnectingNet);
  EXPECT_FALSE(w.wifi.ap);
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  EXPECT_TRUE(w.system.logged("CONNECTING_CLOUD -> RUNNING"));
}

TEST_F(Flow, RebootInTheMiddleOfATryKeepsTheOldState) {
  w.boot();
  w.get(w.config_query("Home", "correct%20horse", w.token('A')));
  // Power goes before the login: nothing was committed, so the device is fresh again.
  Device& d = w.boot();
  EXPECT_EQ(d.state(), State::WaitConfig);
  EXPECT_TRUE(w.wifi.ap);
}

TEST_F(Flow, RebootInTheMiddleOfATryReturnsToTheSavedNetwork) {
  w.wifi.add("Office", "office-pass");
  w.boot();
  provision();
  Device& d = w.boot();
  d.start_config_mode();
  w.get(w.config_query("Office", "office-pass", w.token('A')));
  EXPECT_EQ(d.connect_state(), "joining");
  Device& after = w.boot();
  ASSERT_TRUE(w.run_until([&] { return after.state() == State::Running; }, 10000));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(w.wifi.last_join.ssid), w.wifi.last_join.ssid_len),
            "Home");
}

TEST_F(Flow, ConsoleDebugCommandReboots) {
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.connected(); }, 10000));
  w.cloud.send(blynk::Command::Internal, std::string("dbg\0reboot", 10));
  w.run_for(50);
  EXPECT_EQ(w.system.restarts, 1);
}

TEST_F(Flow, ConsoleDebugCommandErases) {
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.connected(); }, 10000));
  w.cloud.send(blynk::Command::Internal, std::string("dbg\0config erase", 16));
  w.run_for(50);
  EXPECT_EQ(d.state(), State::WaitConfig);
  EXPECT_TRUE(w.wifi.ap);
  device::NetworkConfig stored;
  EXPECT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Empty);
}

TEST_F(Flow, RouterDownForAnHourThenBack) {
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  w.wifi.find("Home")->up = false;
  w.run_for(5000);
  EXPECT_NE(d.state(), State::Running);
  EXPECT_FALSE(w.wifi.ap);
  // After 10 minutes offline the AP opens alongside the retries.
  w.run_for(w.settings.offline_ap_delay_ms);
  EXPECT_TRUE(w.wifi.ap);
  const int joins_before = w.wifi.joins;
  w.run_for(3600 * 1000ull - w.settings.offline_ap_delay_ms);
  // Backoff is capped at 60 s: about one attempt a minute, never more than every 2 s.
  const int attempts = w.wifi.joins - joins_before;
  EXPECT_GE(attempts, 45);
  EXPECT_LE(attempts, 70);
  w.wifi.find("Home")->up = true;
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 70000));
  EXPECT_FALSE(w.wifi.ap);  // closed when back online
  EXPECT_FALSE(w.net.listening(80));
}

TEST_F(Flow, CloudDropReconnectsWithBackoff) {
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  const int logins = w.cloud.logins;
  w.cloud.drop_all();
  w.run_for(100);
  EXPECT_NE(d.state(), State::Running);
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  EXPECT_EQ(w.cloud.logins, logins + 1);
}

TEST_F(Flow, TokenRevokedWhileProvisionedKeepsWifiAndOpensTheAp) {
  w.boot();
  provision();
  w.cloud.tokens.clear();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::WaitConfig; }, 20000));
  EXPECT_EQ(d.reason(), "token_invalid");
  EXPECT_TRUE(w.wifi.ap);
  device::NetworkConfig stored;
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.ssid_view(), "Home");
  EXPECT_TRUE(stored.token_invalid);
  // After a reboot it still waits for a new token instead of hammering the cloud.
  Device& again = w.boot();
  EXPECT_EQ(again.state(), State::WaitConfig);
}

TEST_F(Flow, ResetEndpointErasesAndStaysInApMode) {
  w.boot();
  provision();
  Device& d = w.boot();
  d.start_config_mode();
  const auto reply = w.get("/reset");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("Configuration reset"), std::string::npos);
  w.run_for(100);
  device::NetworkConfig stored;
  EXPECT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Empty);
  EXPECT_EQ(d.state(), State::WaitConfig);
  EXPECT_TRUE(w.wifi.ap);
}

TEST_F(Flow, RebootEndpointRestartsAfterAnswering) {
  w.boot();
  const auto reply = w.get("/reboot");
  EXPECT_EQ(reply.status, 200);
  w.run_for(50);
  EXPECT_EQ(w.system.restarts, 1);
}

TEST_F(Flow, ButtonHeldTenSecondsResets) {
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  w.gpio.levels[0] = false;  // active-low button on GPIO0 pressed
  w.run_for(10500);
  EXPECT_EQ(d.state(), State::Running);  // nothing until release
  w.gpio.levels[0] = true;
  w.run_for(200);
  EXPECT_EQ(d.state(), State::WaitConfig);
  device::NetworkConfig stored;
  EXPECT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Empty);
}

TEST_F(Flow, ButtonShortPressWarningAndInterruptMode) {
  w.settings.board.button_interrupt = true;
  w.use_led = true;
  Device& d = w.boot();
  int presses = 0;
  d.on_button_press([](void* user) { ++*static_cast<int*>(user); }, &presses);
  w.run_for(100);
  const int reads = w.gpio.reads;
  w.run_for(1000);
  EXPECT_EQ(w.gpio.reads, reads);  // no edge, no reads
  w.gpio.levels[0] = false;
  d.button_interrupt();
  w.run_for(200);
  w.gpio.levels[0] = true;
  d.button_interrupt();
  w.run_for(200);
  EXPECT_EQ(presses, 1);
  // Held past 3 s: the LED warns; released before 10 s: nothing happens.
  w.gpio.levels[0] = false;
  d.button_interrupt();
  w.run_for(4000);
  EXPECT_EQ(w.led.pattern, "wave 1000");
  w.gpio.levels[0] = true;
  d.button_interrupt();
  w.run_for(200);
  EXPECT_EQ(presses, 1);
  EXPECT_EQ(w.led.pattern, "blink 50/500");
  EXPECT_EQ(w.led.state, "WAIT_CONFIG");
}

TEST_F(Flow, NextWakeupLetsAPortSleep) {
  w.boot();
  provision();
  w.run_for(w.settings.ap_linger_ms + 100);
  w.settings.board.button_pin = kNoPin;  // only timers left to wait for
  Device& d = *w.device;
  EXPECT_GE(d.next_wakeup_ms(), w.clock.now);
  EXPECT_LE(d.next_wakeup_ms(), w.clock.now + 1000);
}

TEST_F(Flow, ApEnteredAndLeftAThousandTimesLeaksNothing) {
  w.settings.ap_linger_ms = 50;
  w.boot();
  provision();
  Device& d = w.boot();
  ASSERT_TRUE(w.run_until([&] { return d.state() == State::Running; }, 10000));
  const std::size_t handles = w.net.open_handles();
  for (int i = 0; i < 1000; ++i) {
    d.start_config_mode();
    ASSERT_TRUE(w.wifi.ap);
    ASSERT_TRUE(w.net.listening(80));
    ASSERT_EQ(w.get("/board_info.json").status, 200);
    provision();
    ASSERT_EQ(d.connect_state(), "activated") << i;
    w.run_for(w.settings.ap_linger_ms + 10);
    ASSERT_FALSE(w.wifi.ap) << i;
  }
  EXPECT_EQ(w.net.open_handles(), handles);
  EXPECT_EQ(w.net.bad_closes, 0);
  EXPECT_EQ(w.system.restarts, 0);
}

TEST_F(Flow, InvalidConfigAnswers500WithTheField) {
  w.boot();
  // 64 characters are a raw PSK to the radio: they must be hex.
  const auto reply = w.get("/config?ssid=Home&pass=" + std::string(64, 'z') + "&blynk=" + w.token('A'));
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("Configuration invalid"), std::string::npos);
  EXPECT_NE(reply.body.find("\"field\":\"pass\""), std::string::npos);
}

// Edgent's /config as its firmware reads it: fields from the query and a POST form (the
// query's first), any password the radio takes, save as toInt(), mask/gw/dns ignored without ip.
TEST_F(Flow, EdgentConfigRulesAsTheOfficialFirmware) {
  w.wifi.add("Cafe", "abcde").security = hal::Security::Wep;  // a WEP-40 key as text
  w.boot();
  const auto reply = w.get("/config?ssid=Cafe&pass=abcde&blynk=" + w.token('A') +
                           "&host=cloud.test&port_ssl=443&mask=255.255.255.0&gw=10.0.0.1&save=true");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("Trying to connect"), std::string::npos);  // save=true is toInt() 0
  ASSERT_TRUE(w.run_until([&] { return w.device->connect_state() == "activated"; }));
  EXPECT_FALSE(w.wifi.last_join.static_ip);  // no ip: DHCP, the rest ignored
  device::NetworkConfig stored;
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.password_view(), "abcde");

  // A POST form and the query together, as Edgent's server.arg() reads them: the query wins.
  const std::string form = "ssid=Ignored&pass=password1&blynk=" + w.token('A') + "&save=1";
  const auto posted = w.http_raw(
      "POST /config?ssid=Home HTTP/1.1\r\nHost: 192.168.4.1\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nContent-Length: " +
      std::to_string(form.size()) + "\r\nConnection: close\r\n\r\n" + form);
  EXPECT_EQ(posted.status, 200);
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.ssid_view(), "Home");
  EXPECT_EQ(stored.password_view(), "password1");

  // save=2 commits before any attempt, like Edgent's forceSave.
  const auto saved = w.get("/config?ssid=Away&pass=password1&blynk=" + w.token('A') + "&save=2");
  EXPECT_EQ(saved.status, 200);
  EXPECT_NE(saved.body.find("Configuration saved"), std::string::npos);
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(stored.ssid_view(), "Away");
}

TEST_F(Flow, EdgentOnlyModeHidesTheExtensions) {
  w.settings.onboard_extensions = false;
  w.boot();
  EXPECT_EQ(w.get("/connect_status.json").status, 404);
  const auto info = w.get("/board_info.json");
  EXPECT_EQ(info.status, 200);
  EXPECT_EQ(info.body.find("onboard"), std::string::npos);
  EXPECT_EQ(info.body.back(), '}');
}

}  // namespace
}  // namespace onboard::device
