// `onboard firmware upload` and `onboard ship` against a real onboard-cloud: a
// device (the Blynk protocol over a socket) takes the `ota` command, downloads the
// image in two ranges as a cut download would, and logs in with the new version,
// while `onboard ship` follows the shipment until it is done.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli_app.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"
#include "support/cloud_fixture.hpp"

namespace onboard::cli {
namespace {

using namespace std::chrono_literals;
using cloud::test::BlynkClient;
using cloud::test::HttpClient;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "onboard");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in;
  std::ostringstream out, err;
  int code = run(static_cast<int>(argv.size()), argv.data(), Streams{in, -1, out, err});
  return {code, out.str(), err.str()};
}

class OtaCli : public cloud::test::CloudTest {
 protected:
  void SetUp() override {
    CloudTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() / ("onboard-ota-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
    auto login = run_cli({"login", "--server", "http://" + server.plain(), "--email", "admin@example.com",
                          "--password", "admin-password"});
    ASSERT_EQ(login.code, 0) << login.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write_image(const std::string& version, const std::string& for_template, bool tamper = false) {
    static const auto key = ota::generate_signing_key();
    std::vector<std::uint8_t> payload(20000, 0x5a);
    auto image = ota::make_signed_image(ota::ImageFields{for_template, version, "42", false}, payload, *key);
    if (tamper) image.bytes[300] ^= 1;
    const auto path = (dir_ / ("fw-" + version + (tamper ? "-bad" : "") + ".obfw")).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(image.bytes.data()),
               static_cast<std::streamsize>(image.bytes.size()));
    return path;
  }

  std::filesystem::path dir_;
};

TEST_P(OtaCli, UploadAndShipFollowTheDeviceToTheNewVersion) {
  const auto p = provision();
  auto device = activated_device(p.token);  // runs 1.0.0
  const long device_id = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];

  auto up =
      run_cli({"firmware", "upload", write_image("1.1.0", template_id), "--template", template_id, "--json"});
  ASSERT_EQ(up.code, 0) << up.err;
  const auto fw = nlohmann::json::parse(up.out)["id"].get<std::string>();

  // The device's side: the command, the image in two ranges, then a login with 1.1.0.
  std::thread board([&] {
    std::string url;
    for (int i = 0; i < 20 && url.empty(); ++i) {
      auto f = device->read(1s);
      if (f && f->command == blynk::Command::Internal && f->fields().size() == 2 && f->fields()[0] == "ota")
        url = f->fields()[1];
    }
    ASSERT_FALSE(url.empty());
    const auto path = url.substr(url.find('/', url.find("//") + 2));
    HttpClient http{server.plain(), false, {}};
    auto first = http.request("GET", path, {}, {{"Range", "bytes=0-9999"}});
    auto rest = http.request("GET", path, {}, {{"Range", "bytes=10000-"}});
    EXPECT_EQ(first.status, 206);
    EXPECT_EQ(rest.status, 206);
    device.reset();
    BlynkClient again;
    ASSERT_TRUE(again.connect(server.plain(), false));
    ASSERT_EQ(again.login(p.token), 200);
    EXPECT_EQ(again.wait_response(again.send_info({{"tmpl", template_id}, {"fw", "1.1.0"}, {"build", "42"}})),
              200);
  });
  auto ship = run_cli({"ship", "--firmware", fw, "--device", std::to_string(device_id), "--timeout", "60"});
  board.join();
  EXPECT_EQ(ship.code, 0) << ship.out << ship.err;
  const std::string id = std::to_string(device_id);
  // The steps in between pass faster than the CLI polls; the start and the outcome are always printed.
  for (const auto& line : {std::string("Shipment "), "device " + id + ": success",
                           std::string("1 of 1 devices run version 1.1.0")}) {
    EXPECT_NE(ship.out.find(line), std::string::npos) << line << " not in:\n" << ship.out;
  }
}

TEST_P(OtaCli, RefusedImagesAndBadArgumentsSayWhy) {
  auto bad =
      run_cli({"firmware", "upload", write_image("1.1.0", template_id, true), "--template", template_id});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("SHA-256"), std::string::npos) << bad.err;
  auto other =
      run_cli({"firmware", "upload", write_image("1.2.0", "TMPLother000"), "--template", template_id});
  EXPECT_EQ(other.code, 1);
  EXPECT_NE(other.err.find("for template TMPLother000"), std::string::npos) << other.err;
  auto missing = run_cli({"firmware", "upload", (dir_ / "nothing.obfw").string(), "--template", template_id});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("cannot read the image file"), std::string::npos) << missing.err;
  auto unknown = run_cli({"ship", "--firmware", "999", "--no-wait"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no firmware 999"), std::string::npos) << unknown.err;
  EXPECT_EQ(run_cli({"ship"}).code, 2);
  EXPECT_EQ(run_cli({"ship", "--firmware", "3", "--condition", "newest"}).code, 2);
  auto help = run_cli({"ship", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("download_limit_reached"), std::string::npos) << help.out;
}

INSTANTIATE_TEST_SUITE_P(Plain, OtaCli, ::testing::Values(false), cloud::test::transport_name);

}  // namespace
}  // namespace onboard::cli
