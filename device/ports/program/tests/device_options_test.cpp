#include "device_options.hpp"

#include <gtest/gtest.h>

#include <map>

namespace onboard::program {
namespace {

using Env = std::map<std::string, std::string>;

ParsedOptions parse(std::vector<std::string> args, Env env = {}) {
  return parse_device_options(args, [env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

const std::vector<std::string> kMinimal = {"--template-id", "TMPL4fQ9",    "--template-name",
                                           "Smart Lamp",    "--state-dir", "/tmp/state"};

std::vector<std::string> with(std::vector<std::string> extra) {
  std::vector<std::string> args = kMinimal;
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void expect_usage_error(const ParsedOptions& parsed, const std::string& mentions) {
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 2);
  EXPECT_NE(parsed.message.find(mentions), std::string::npos) << parsed.message;
  EXPECT_NE(parsed.message.find("usage: onboard-device"), std::string::npos);
  EXPECT_NE(parsed.message.find("example: onboard-device"), std::string::npos);
}

TEST(DeviceOptions, MinimalOutsideTheAirUsesNmAndTheDefaults) {
  const ParsedOptions parsed = parse(kMinimal);
  ASSERT_TRUE(parsed.options) << parsed.message;
  const DeviceOptions& o = *parsed.options;
  EXPECT_EQ(o.wifi, "nm");
  EXPECT_EQ(o.board, "custom");
  const device::Settings s = o.settings();
  EXPECT_STREQ(s.template_id, "TMPL4fQ9");
  EXPECT_STREQ(s.template_name, "Smart Lamp");
  EXPECT_STREQ(s.ssid_prefix, "Onboard");
  EXPECT_TRUE(s.cloud_tls);
  EXPECT_EQ(s.cloud_port, 443);
  EXPECT_TRUE(s.onboard_extensions);
  EXPECT_EQ(s.offline_ap_delay_ms, 600000u);
  EXPECT_EQ(s.backoff_cap_ms, 60000u);
}

TEST(DeviceOptions, EveryFlagReachesTheSettings) {
  const ParsedOptions parsed = parse(with({"--firmware-version",
                                           "1.2.3",
                                           "--wifi",
                                           "air",
                                           "--board",
                                           "NodeMCU",
                                           "--ssid-prefix",
                                           "Acme",
                                           "--cloud-host",
                                           "10.99.0.2",
                                           "--cloud-plain",
                                           "--chip-id",
                                           "0xA1B2",
                                           "--edgent-only",
                                           "--offline-ap-delay",
                                           "30",
                                           "--backoff-cap",
                                           "5",
                                           "--cloud-ca",
                                           "/etc/ca.pem"}));
  ASSERT_TRUE(parsed.options) << parsed.message;
  const DeviceOptions& o = *parsed.options;
  const device::Settings s = o.settings();
  EXPECT_STREQ(s.firmware_version, "1.2.3");
  EXPECT_STREQ(s.board.name, "nodemcu");
  EXPECT_STREQ(s.ssid_prefix, "Acme");
  EXPECT_STREQ(s.cloud_host, "10.99.0.2");
  EXPECT_FALSE(s.cloud_tls);
  EXPECT_EQ(s.cloud_port, 8080) << "plain defaults to the cloud's plain port";
  EXPECT_EQ(o.chip_id, 0xA1B2u);
  EXPECT_FALSE(s.onboard_extensions);
  EXPECT_EQ(s.offline_ap_delay_ms, 30000u);
  EXPECT_EQ(s.backoff_cap_ms, 5000u);
  EXPECT_EQ(o.cloud_ca, "/etc/ca.pem");
}

TEST(DeviceOptions, InsideTheAirTheWorldGivesRadioStorageAndChipId) {
  const ParsedOptions parsed = parse({"--template-id", "TMPL1", "--template-name", "Lamp"},
                                     {{"ONBOARD_AIR_SOCKET", "/run/air.sock"},
                                      {"ONBOARD_AIR_STORAGE", "/run/boards/b1/storage"},
                                      {"ONBOARD_AIR_CHIP_ID", "c0ffee"}});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->wifi, "air");
  EXPECT_EQ(parsed.options->state_dir, "/run/boards/b1/storage");
  EXPECT_EQ(parsed.options->chip_id, 0xC0FFEEu);
  const ParsedOptions explicit_dir =
      parse(kMinimal, {{"ONBOARD_AIR_SOCKET", "/s"}, {"ONBOARD_AIR_STORAGE", "/x"}});
  EXPECT_EQ(explicit_dir.options->state_dir, "/tmp/state") << "--state-dir wins";
}

TEST(DeviceOptions, BadValuesSayWhatIsWrongWithUsageAndAnExample) {
  expect_usage_error(parse({"--template-name", "Lamp", "--state-dir", "/s"}), "--template-id");
  expect_usage_error(parse({"--template-id", "TMPL1", "--template-name", "Lamp"}), "--state-dir");
  expect_usage_error(parse({"--template-id", "ABC", "--template-name", "Lamp", "--state-dir", "/s"}), "TMPL");
  expect_usage_error(parse(with({"--wifi", "bluetooth"})), "--wifi");
  expect_usage_error(parse(with({"--board", "arduino_uno"})), "nodemcu");
  expect_usage_error(parse(with({"--chip-id", "xyz"})), "not hex");
  expect_usage_error(parse(with({"--cloud-port", "70000"})), "--cloud-port");
  expect_usage_error(parse(with({"--backoff-cap", "1"})), "--backoff-cap");
  expect_usage_error(parse(with({"--offline-ap-delay", "soon"})), "--offline-ap-delay");
  expect_usage_error(parse(with({"--ssid-prefix", std::string(21, 'x')})), "prefix");
  expect_usage_error(parse(with({"--no-such-flag"})), "--no-such-flag");
}

TEST(DeviceOptions, FixedCloudPortStaysWithTheSlotThatWasGivenIt) {
  const ParsedOptions parsed = parse(with({"--fixed-cloud-port", "9"}));
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->fixed_cloud_port, 9);
  expect_usage_error(parse(with({"--fixed-cloud-port", "0"})), "--fixed-cloud-port");
  // What a hand-over (or a rollback) execs: the same arguments without the slot's own flag.
  const std::vector<std::string> argv = {
      "onboard-device",        "--template-id", "TMPL1", "--fixed-cloud-port", "9",
      "--fixed-cloud-port=10", "--cloud-plain"};
  EXPECT_EQ(without_slot_flags(argv),
            (std::vector<std::string>{"onboard-device", "--template-id", "TMPL1", "--cloud-plain"}));
}

TEST(DeviceOptions, HelpListsTheBoardPresets) {
  const ParsedOptions parsed = parse({"--help"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 0);
  EXPECT_NE(parsed.message.find("wemos_d1_mini"), std::string::npos) << parsed.message;
}

}  // namespace
}  // namespace onboard::program
