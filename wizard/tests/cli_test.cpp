// The onboard CLI run in-process: argument errors, login (session file mode 0600), lists.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli_app.hpp"
#include "session_file.hpp"
#include "support/fake_world.hpp"

namespace onboard::cli {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), "onboard");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = run(static_cast<int>(argv.size()), argv.data(), Streams{in, -1, out, err});
  return {code, out.str(), err.str()};
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("onboard-cli-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(Cli, BadArgumentsPrintUsageAndAnExample) {
  for (auto args : std::vector<std::vector<std::string>>{{},
                                                         {"frobnicate"},
                                                         {"add-device", "--wifi", "bluetooth"},
                                                         {"login", "--email", "a@b"},
                                                         {"add-device", "--cloud-port", "70000"},
                                                         {"add-device", "--plain", "--tls"},
                                                         {"reconfigure"}}) {
    CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("usage: onboard"), std::string::npos);
    EXPECT_NE(r.err.find("example: onboard add-device"), std::string::npos);
  }
}

TEST_F(Cli, HelpIsNotAnError) {
  CliRun r = run_cli({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("add-device"), std::string::npos);
}

TEST_F(Cli, AddDeviceHelpSaysHowTheTransportIsChosen) {
  CliRun r = run_cli({"add-device", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("--plain"), std::string::npos);
  EXPECT_NE(r.out.find("--tls"), std::string::npos);
  EXPECT_NE(r.out.find("`port`"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`port_ssl`"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("default: TLS with --cloud-port, else plain for an http:// server and TLS for https://"),
      std::string::npos)
      << r.out;
}

TEST_F(Cli, CommandsNeedASignIn) {
  CliRun r = run_cli({"add-device", "--yes", "--json", "--wifi", "nm"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(R"("ok":false)"), std::string::npos);
  EXPECT_NE(r.out.find(R"("reason":"not_signed_in")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("step":"sign_in")"), std::string::npos);
}

TEST_F(Cli, LoginSavesTheSessionPrivatelyAndListsWork) {
  wizard::testing::FakeWorld world;
  std::string server = "http://127.0.0.1:" + std::to_string(world.cloud_port());
  CliRun wrong = run_cli({"login", "--server", server, "--email", "a@b.c", "--password", "nope"});
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.err.find("unauthorized"), std::string::npos);

  CliRun ok = run_cli({"login", "--server", server, "--email", "a@b.c"}, "admin-pass\n");  // typed password
  ASSERT_EQ(ok.code, 0) << ok.err;
  struct stat st {};
  ASSERT_EQ(stat(session_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(load_session()->token, wizard::testing::kSessionToken);

  CliRun templates = run_cli({"templates", "--json"});
  EXPECT_EQ(templates.code, 0);
  EXPECT_NE(templates.out.find(R"("id":"TMPL0001")"), std::string::npos);
  CliRun devices = run_cli({"devices"});
  EXPECT_EQ(devices.code, 0);
  EXPECT_NE(devices.out.find("D1  online"), std::string::npos);
}

TEST_F(Cli, AirBackendOutsideTheWorldSaysHowToRunIt) {
  wizard::testing::FakeWorld world;
  ASSERT_TRUE(
      save_session({"http://127.0.0.1:" + std::to_string(world.cloud_port()), "session-token", "a@b.c", ""}));
  unsetenv("ONBOARD_AIR_SOCKET");
  CliRun r = run_cli({"add-device", "--wifi", "air", "--yes"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("onboard-air exec"), std::string::npos);
}

}  // namespace
}  // namespace onboard::cli
