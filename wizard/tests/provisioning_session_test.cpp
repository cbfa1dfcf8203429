// The session's step logic against a fake phone radio and real HTTP servers playing the
// device setup API and the cloud REST API.
#include "onboard/wizard/provisioning_session.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "onboard/protocol/setup/config_request.hpp"
#include "support/fake_world.hpp"

namespace onboard::wizard::testing {
namespace {

struct SessionRun {
  Outcome outcome;
  std::vector<Event> events;
};

SessionRun run_session(FakeWorld& world, FakeWifi& wifi, ScriptedChoices& choices, SessionOptions opt) {
  CloudClient cloud = world.cloud_client();
  SessionRun run;
  ProvisioningSession session(cloud, wifi, choices, std::move(opt),
                              [&](const Event& e) { run.events.push_back(e); });
  run.outcome = session.run();
  return run;
}

SessionOptions scripted(const FakeWorld& world, const std::string& ssid = "Home",
                        const std::string& password = "correct-horse") {
  SessionOptions opt = world.options();
  opt.template_id = kTemplateId;
  opt.network = NetworkChoice{ssid, false};
  opt.password = password;
  return opt;
}

bool has_step_done(const SessionRun& run, Step step) {
  for (const auto& e : run.events) {
    if (e.kind == Event::Kind::done && e.step == step) return true;
  }
  return false;
}

TEST(ProvisioningSession, HappyPathActivatesNamesAndReturnsHome) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.name = "Kitchen lamp";
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok) << to_string(run.outcome.failure.reason) << ": " << run.outcome.failure.message;
  EXPECT_EQ(run.outcome.device_id, "D1");
  EXPECT_EQ(world.renamed_to(), "Kitchen lamp");
  EXPECT_EQ(wifi.current_ssid, "Home");
  EXPECT_EQ(wifi.joins, (std::vector<std::string>{"Onboard Lamp-ABCD", "Home"}));
  ASSERT_EQ(world.configs().size(), 1u);
  EXPECT_NE(world.configs()[0].find(std::string("blynk=") + kDeviceToken), std::string::npos);
  EXPECT_NE(world.configs()[0].find("host=127.0.0.1"), std::string::npos);
  for (Step s : {Step::sign_in, Step::get_token, Step::join_device, Step::board_info, Step::send_config,
                 Step::device_connect, Step::rejoin_home, Step::activation, Step::name_device}) {
    EXPECT_TRUE(has_step_done(run, s)) << to_string(s);
  }
  EXPECT_EQ(run.outcome.timings.size(), 13u);
}

TEST(ProvisioningSession, TemplateMismatchStopsBeforeAnythingIsSent) {
  DeviceScript script;
  script.tmpl_id = "TMPL0002";
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(to_string(run.outcome.failure.reason), "template_mismatch");
  EXPECT_EQ(run.outcome.step, Step::board_info);
  EXPECT_TRUE(world.configs().empty());
  EXPECT_EQ(wifi.current_ssid, "Home");  // went back home
  EXPECT_EQ(run.outcome.failure.hint.action, Action::choose_firmware_template);
  EXPECT_EQ(run.outcome.failure.hint.subject, "TMPL0002");
}

TEST(ProvisioningSession, FiveGigahertzOnlyNetworkIsRefused) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world, "Home5G"));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(to_string(run.outcome.failure.reason), "band_unsupported");
  EXPECT_EQ(run.outcome.step, Step::choose_network);
  EXPECT_NE(run.outcome.failure.message.find("the device can only use 2.4 GHz networks"), std::string::npos);
  EXPECT_TRUE(world.configs().empty());
}

TEST(ProvisioningSession, UnknownNetworkIsRefusedButAHiddenOneIsSentWithAWarning) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun refused = run_session(world, wifi, choices, scripted(world, "Attic"));
  EXPECT_EQ(to_string(refused.outcome.failure.reason), "network_not_found");
  EXPECT_TRUE(world.configs().empty());

  SessionOptions opt = scripted(world, "Attic");
  opt.network->hidden = true;
  SessionRun hidden = run_session(world, wifi, choices, opt);
  // The fake device's setup is open, which is warned about too.
  ASSERT_EQ(hidden.outcome.warnings.size(), 2u);
  EXPECT_NE(hidden.outcome.warnings[0].find("clear text"), std::string::npos);
  EXPECT_NE(hidden.outcome.warnings[1].find("hidden"), std::string::npos);
  EXPECT_EQ(world.configs().size(), 1u);  // sent; the fake device then fails to join it
  EXPECT_EQ(to_string(hidden.outcome.failure.reason), "wrong_password");
}

TEST(ProvisioningSession, WrongPasswordIsReportedAndRetriedWithoutLeavingTheAp) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  choices.passwords = {"correct-horse"};
  SessionRun run = run_session(world, wifi, choices, scripted(world, "Home", "wrong-pass"));
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  ASSERT_EQ(world.configs().size(), 2u);
  EXPECT_NE(world.configs()[0].find("pass=wrong-pass"), std::string::npos);
  EXPECT_NE(world.configs()[1].find("pass=correct-horse"), std::string::npos);
  EXPECT_EQ(wifi.joins, (std::vector<std::string>{"Onboard Lamp-ABCD", "Home"}));  // never left the AP
  bool reported = false;
  for (const auto& e : run.events)
    reported = reported || (e.kind == Event::Kind::failed && e.reason == Reason::wrong_password);
  EXPECT_TRUE(reported);
}

TEST(ProvisioningSession, WrongPasswordWithoutRetryFailsWithItsReason) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;  // no second password
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world, "Home", "wrong-pass"));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(to_string(run.outcome.failure.reason), "wrong_password");
  EXPECT_EQ(run.outcome.step, Step::device_connect);
  EXPECT_EQ(wifi.current_ssid, "Home");
  // A password the device proved wrong is never used to rejoin home.
  for (const auto& p : wifi.rejoin_passwords) EXPECT_NE(p, "wrong-pass");
}

TEST(ProvisioningSession, ApDropWhileJoiningIsNormalAndTheCloudTellsTheTruth) {
  DeviceScript script;
  script.drop_ap_after_config = true;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_EQ(run.outcome.device_id, "D1");
}

TEST(ProvisioningSession, DeviceThatRestartedWithoutTheConfigurationIsReportedAtOnce) {
  DeviceScript script;
  script.restart_after_config = true;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_FALSE(run.outcome.ok);
  // Known from the device itself during device_connect, not at the activation's deadline.
  EXPECT_EQ(run.outcome.step, Step::device_connect);
  EXPECT_EQ(run.outcome.failure.reason, Reason::device_restarted) << run.outcome.failure.message;
  EXPECT_EQ(run.outcome.failure.hint.action, Action::start_again);
  EXPECT_EQ(wifi.current_ssid, "Home");
}

TEST(ProvisioningSession, DeviceScanOlderThanTheNetworkIsAskedAgain) {
  DeviceScript script;
  script.scans_without_home = 3;  // the router came up after the device's scan
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  ASSERT_TRUE(run.outcome.ok) << to_string(run.outcome.failure.reason) << ": " << run.outcome.failure.message;
  ASSERT_EQ(world.configs().size(), 1u);
}

TEST(ProvisioningSession, NetworkNobodyHearsIsRefusedWithoutWaiting) {
  DeviceScript script;
  script.scans_without_home = 1000;
  FakeWorld world(script);
  FakeWifi wifi;
  wifi.networks.erase(wifi.networks.begin());  // the phone does not hear Home either
  wifi.current_ssid = "Home5G";
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(run.outcome.failure.reason, Reason::network_not_found);
  EXPECT_TRUE(world.configs().empty());
}

TEST(ProvisioningSession, DroppedConfigAnswerIsTreatedAsMaybeAccepted) {
  DeviceScript script;
  script.drop_config = true;
  script.drop_ap_after_config = true;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
}

// What the fake device parsed from the wizard's /config, by protocol/setup's own rules.
setup::ConfigRequest parsed_config(const FakeWorld& world) {
  setup::ConfigRequest req;
  EXPECT_EQ(world.configs().size(), 1u);
  if (!world.configs().empty()) {
    EXPECT_TRUE(setup::parse_config_query(world.configs()[0], req).ok);
  }
  return req;
}

TEST(ProvisioningSession, EdgentOnlyDeviceGetsBlynkAndPortSslAndIsFollowedInTheCloud) {
  DeviceScript script;
  script.onboard = false;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.cloud_tls = true;
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  ASSERT_EQ(world.configs().size(), 1u);
  EXPECT_NE(world.configs()[0].find("blynk="), std::string::npos);
  EXPECT_NE(world.configs()[0].find("port_ssl=" + std::to_string(world.cloud_port())), std::string::npos);
  EXPECT_EQ(world.connect_status_requests(), 0);
}

TEST(ProvisioningSession, HttpServerSendsItsPortAsAPlainPort) {
  FakeWorld world;  // the fake cloud is an http:// server
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  const std::string query = world.configs().at(0);
  EXPECT_NE(query.find("&port=" + std::to_string(world.cloud_port())), std::string::npos) << query;
  EXPECT_EQ(query.find("port_ssl"), std::string::npos) << query;
  const setup::ConfigRequest req = parsed_config(world);
  EXPECT_EQ(req.cloud_port().number, world.cloud_port());
  EXPECT_FALSE(req.cloud_port().tls);
  bool told = false;
  for (const auto& e : run.events) told = told || e.message.find("over plain TCP") != std::string::npos;
  EXPECT_TRUE(told);
}

TEST(ProvisioningSession, TlsOptionSendsPortSslEvenFromAnHttpServer) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.cloud_tls = true;
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_NE(world.configs().at(0).find("&port_ssl=" + std::to_string(world.cloud_port())), std::string::npos);
  EXPECT_EQ(world.configs().at(0).find("&port="), std::string::npos);
  EXPECT_TRUE(parsed_config(world).cloud_port().tls);
}

TEST(ProvisioningSession, OwnCloudPortIsSentAsPortSslByDefault) {
  FakeWorld world;  // http:// server, but the port is not the server's
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.cloud_port = 9443;
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_NE(world.configs().at(0).find("&port_ssl=9443"), std::string::npos);
  EXPECT_EQ(world.configs().at(0).find("&port="), std::string::npos);
  const setup::ConfigRequest req = parsed_config(world);
  EXPECT_EQ(req.cloud_port().number, 9443);
  EXPECT_TRUE(req.cloud_port().tls);
}

TEST(ProvisioningSession, PlainPortToAnEdgentOnlyDeviceWarns) {
  DeviceScript script;
  script.onboard = false;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));  // http:// server: plain
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_NE(world.configs().at(0).find("&port="), std::string::npos);
  ASSERT_EQ(run.outcome.warnings.size(), 2u);  // [0]: the open setup
  EXPECT_NE(run.outcome.warnings[1].find("may ignore the plain `port`"), std::string::npos);
}

TEST(ProvisioningSession, PlainOptionSendsEdgentsPlainPortKey) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.cloud_tls = false;
  opt.cloud_port = 8080;
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok);
  EXPECT_NE(world.configs()[0].find("&port=8080"), std::string::npos);
  EXPECT_EQ(world.configs()[0].find("port_ssl"), std::string::npos);
  EXPECT_FALSE(parsed_config(world).cloud_port().tls);
}

TEST(DeviceCloudEndpoint, FollowsTheServerUrlUnlessTold) {
  const Endpoint https("cloud.example.com", 9443, true);
  const Endpoint http("10.0.0.2", 8080, false);
  SessionOptions opt;
  DeviceCloudEndpoint e = device_cloud_endpoint(opt, https);
  EXPECT_EQ(e.host, "cloud.example.com");
  EXPECT_EQ(e.port, 9443);
  EXPECT_TRUE(e.tls);
  e = device_cloud_endpoint(opt, http);
  EXPECT_EQ(e.host, "10.0.0.2");
  EXPECT_EQ(e.port, 8080);
  EXPECT_FALSE(e.tls);

  opt.cloud_host = "cloud.lan";
  opt.cloud_port = 18080;
  opt.cloud_tls = false;
  e = device_cloud_endpoint(opt, https);
  EXPECT_EQ(e.host, "cloud.lan");
  EXPECT_EQ(e.port, 18080);
  EXPECT_FALSE(e.tls);
  opt.cloud_tls = true;
  EXPECT_TRUE(device_cloud_endpoint(opt, http).tls);
  // A port of the user's own says nothing of the server URL's scheme: TLS, as Edgent apps send.
  opt.cloud_tls.reset();
  EXPECT_TRUE(device_cloud_endpoint(opt, http).tls);
  EXPECT_TRUE(device_cloud_endpoint(opt, https).tls);
  // A host alone keeps the server's port, so its scheme still decides.
  opt.cloud_port = 0;
  EXPECT_FALSE(device_cloud_endpoint(opt, http).tls);
  EXPECT_TRUE(device_cloud_endpoint(opt, https).tls);
}

class CloudFailure : public ::testing::TestWithParam<std::string> {};

TEST_P(CloudFailure, IsReportedWithItsReason) {
  DeviceScript script;
  script.cloud_failure = GetParam();
  script.drop_ap_after_config = true;  // the wizard learns it from the cloud alone
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(run.outcome.step, Step::activation);
  EXPECT_EQ(to_string(run.outcome.failure.reason), GetParam());
  EXPECT_FALSE(run.outcome.failure.hint.empty());
}

TEST_P(CloudFailure, IsReportedByAnOnboardDeviceToo) {
  DeviceScript script;
  script.cloud_failure = GetParam();
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(run.outcome.step, Step::device_connect);
  EXPECT_EQ(to_string(run.outcome.failure.reason), GetParam());
}

TEST_P(CloudFailure, IsLearntFromTheDeviceAfterItsApChangedChannel) {
  DeviceScript script;
  script.cloud_failure = GetParam();
  script.ap_drops_after_config = 1;
  FakeWorld world(script);
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_EQ(run.outcome.step, Step::device_connect);
  EXPECT_EQ(to_string(run.outcome.failure.reason), GetParam());
  EXPECT_EQ(std::count(wifi.joins.begin(), wifi.joins.end(), "Onboard Lamp-ABCD"), 2);
}

INSTANTIATE_TEST_SUITE_P(Reasons, CloudFailure, ::testing::Values("token_invalid", "template_mismatch"));

TEST(ProvisioningSession, ScriptedRunWithSeveralDevicesAsksForOne) {
  FakeWorld world;
  FakeWifi wifi;
  wifi.networks.push_back({"Blynk Fan-WXYZ", "02:00:00:00:00:0B", -60, 1, Band::ghz24, "OPEN"});
  ScriptedChoices choices;  // answers nothing
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_EQ(to_string(run.outcome.failure.reason), "missing_choice");
  EXPECT_EQ(run.outcome.step, Step::find_device);
  EXPECT_EQ(run.outcome.failure.hint.action, Action::choose_device);
  EXPECT_EQ(run.outcome.failure.hint.subject.rfind("Onboard ", 0) == 0 ||
                run.outcome.failure.hint.subject.rfind("Blynk ", 0) == 0,
            true);
}

TEST(ProvisioningSession, NoDeviceInRange) {
  FakeWorld world;
  FakeWifi wifi;
  wifi.networks.pop_back();
  ScriptedChoices choices;
  SessionRun run = run_session(world, wifi, choices, scripted(world));
  EXPECT_EQ(to_string(run.outcome.failure.reason), "device_not_found");
}

TEST(ProvisioningSession, KeepsScanningUntilTheDevicesApAppears) {
  FakeWorld world;
  FakeWifi wifi;
  wifi.scans_before_device_ap = 3;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.device_search_timeout = std::chrono::seconds(5);
  SessionRun run = run_session(world, wifi, choices, opt);
  EXPECT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_GE(wifi.scans, 4);
}

TEST(ProvisioningSession, ReconfigureUsesTheDevicesTemplateAndKeepsItsId) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.template_id.reset();
  opt.reconfigure_device_id = "D1";
  SessionRun run = run_session(world, wifi, choices, opt);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_EQ(run.outcome.device_id, "D1");
}

TEST(ProvisioningSession, ExpiredSignInIsReportedAtTheFirstStep) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  CloudClient cloud = world.cloud_client();
  cloud.set_session("stale");
  ProvisioningSession session(cloud, wifi, choices, scripted(world));
  Outcome o = session.run();
  EXPECT_EQ(o.step, Step::sign_in);
  EXPECT_EQ(to_string(o.failure.reason), "unauthorized");
  EXPECT_EQ(o.failure.hint.action, Action::sign_in);
}

}  // namespace
}  // namespace onboard::wizard::testing
