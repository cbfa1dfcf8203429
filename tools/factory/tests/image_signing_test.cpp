#include "image_signing.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

namespace onboard::factory {
namespace {

namespace fs = std::filesystem;

class ImageSigning : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/onboard-factory-ota-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static unsigned mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 0777;
  }
  static std::vector<std::uint8_t> read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

TEST_F(ImageSigning, KeygenWritesAPrivateSecretAndRefusesToOverwrite) {
  const KeyFiles files = write_key_pair(dir_ / "keys");
  ASSERT_TRUE(files.error.empty()) << files.error;
  EXPECT_EQ(mode_of(files.secret), 0600u);
  EXPECT_EQ(mode_of(files.public_key), 0644u);
  const auto before = read_all(files.secret);
  const KeyFiles again = write_key_pair(dir_ / "keys");
  EXPECT_NE(again.error.find("refusing to overwrite"), std::string::npos) << again.error;
  EXPECT_EQ(read_all(files.secret), before);
  const LoadedKey loaded = load_signing_key(files.secret);
  ASSERT_TRUE(loaded.key) << loaded.error;
  EXPECT_EQ(loaded.key->public_key, files.key);
}

TEST_F(ImageSigning, RefusesAKeyOthersCanReadOrTheWrongFile) {
  const KeyFiles files = write_key_pair(dir_);
  ASSERT_TRUE(files.error.empty());
  ASSERT_EQ(::chmod(files.secret.c_str(), 0640), 0);
  LoadedKey loaded = load_signing_key(files.secret);
  EXPECT_FALSE(loaded.key);
  EXPECT_NE(loaded.error.find("chmod 600"), std::string::npos) << loaded.error;
  loaded = load_signing_key(files.public_key);
  EXPECT_FALSE(loaded.key);
  EXPECT_NE(loaded.error.find("not an OTA signing key"), std::string::npos) << loaded.error;
  loaded = load_signing_key(dir_ / "missing.key");
  EXPECT_NE(loaded.error.find("cannot read"), std::string::npos);
}

TEST_F(ImageSigning, SignsAFirmwareFileThatVerifiesWithThePublicKey) {
  const KeyFiles files = write_key_pair(dir_);
  const LoadedKey key = load_signing_key(files.secret);
  ASSERT_TRUE(key.key);
  {
    std::ofstream fw(dir_ / "fw.bin", std::ios::binary);
    fw << std::string(20000, 'x');
  }
  const ImageFile image =
      write_signed_image(dir_ / "fw.bin", {"TMPL1234", "2.0.1", "42", false}, *key.key, dir_ / "fw.obfw");
  ASSERT_TRUE(image.error.empty()) << image.error;
  EXPECT_FALSE(fs::exists(dir_ / "fw.obfw.tmp"));
  const auto bytes = read_all(dir_ / "fw.obfw");
  EXPECT_EQ(bytes.size(), image.size);
  ota::ImageHeader h;
  EXPECT_EQ(ota::verify_image(bytes.data(), bytes.size(), files.key, &h), ota::VerifyError::none);
  EXPECT_STREQ(h.version, "2.0.1");
  EXPECT_EQ(h.payload_size, 20000u);
}

TEST_F(ImageSigning, ExplainsMissingInputAndBadFields) {
  const KeyFiles files = write_key_pair(dir_);
  const LoadedKey key = load_signing_key(files.secret);
  ASSERT_TRUE(key.key);
  ImageFile image = write_signed_image(dir_ / "nope.bin", {"TMPL1", "1.0", "", false}, *key.key, dir_ / "o");
  EXPECT_NE(image.error.find("cannot read the firmware"), std::string::npos) << image.error;
  {
    std::ofstream fw(dir_ / "fw.bin", std::ios::binary);
    fw << "abc";
  }
  image = write_signed_image(dir_ / "fw.bin", {"TMPL1", "latest", "", false}, *key.key, dir_ / "o");
  EXPECT_NE(image.error.find("version"), std::string::npos) << image.error;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

}  // namespace
}  // namespace onboard::factory
