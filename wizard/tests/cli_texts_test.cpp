// The CLI's languages and white label: --lang and the locale choose the catalog, and the
// maker's product.json names the product and the device's AP prefix.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_app.hpp"
#include "product_file.hpp"

namespace onboard::cli {
namespace {

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

class CliTexts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("onboard-cli-texts-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
    unsetenv("ONBOARD_PRODUCT_FILE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
  }
  void TearDown() override {
    unsetenv("ONBOARD_PRODUCT_FILE");
    unsetenv("LANG");
    std::filesystem::remove_all(dir_);
  }
  void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }
  std::filesystem::path dir_;
};

TEST_F(CliTexts, LangChoosesTheLanguageBeforeOrAfterTheCommand) {
  for (auto args :
       std::vector<std::vector<std::string>>{{"--lang", "de", "add-device", "--yes", "--wifi", "nm"},
                                             {"add-device", "--lang", "de", "--yes", "--wifi", "nm"}}) {
    CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("Die Einrichtung ist bei sign_in fehlgeschlagen"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[not_signed_in]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("onboard login --server"), std::string::npos) << r.out;  // the flag, untranslated
  }
}

TEST_F(CliTexts, TheLocaleChoosesWhenLangIsNotGiven) {
  setenv("LANG", "de_DE.UTF-8", 1);
  EXPECT_NE(run_cli({"add-device", "--yes", "--wifi", "nm"}).out.find("Was du tun kannst"),
            std::string::npos);
  EXPECT_NE(run_cli({"--lang", "en", "add-device", "--yes", "--wifi", "nm"}).out.find("What to try"),
            std::string::npos);
}

TEST_F(CliTexts, TheJsonOutputKeepsStableNamesInEveryLanguage) {
  CliRun r = run_cli({"--lang", "de", "add-device", "--yes", "--json", "--wifi", "nm"});
  EXPECT_NE(r.out.find(R"("reason":"not_signed_in")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("hintAction":"sign_in")"), std::string::npos) << r.out;
}

TEST_F(CliTexts, TheProductFileNamesTheProductAndItsApPrefix) {
  write(dir_ / "acme.json", R"({"productName": "Acme Plug", "apPrefix": "Acme"})");
  setenv("ONBOARD_PRODUCT_FILE", (dir_ / "acme.json").c_str(), 1);
  auto product = load_product();
  ASSERT_TRUE(product);
  ASSERT_TRUE(product->has_value());
  EXPECT_EQ((*product)->name, "Acme Plug");
  EXPECT_EQ((*product)->ap_prefix, "Acme");
  unsetenv("ONBOARD_PRODUCT_FILE");
  write(dir_ / "onboard" / "product.json", "");  // the directory does not exist: no file
  EXPECT_FALSE(load_product()->has_value());
  std::filesystem::create_directories(dir_ / "onboard");
  write(dir_ / "onboard" / "product.json", "not json");
  auto broken = load_product();
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.failure().reason, wizard::Reason::config_error);
  EXPECT_EQ(run_cli({"devices"}).code, 1);  // a broken product file is said, not ignored
}

}  // namespace
}  // namespace onboard::cli
