#include "onboard/device/ports/linux/file_storage.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace onboard::port {
namespace {

namespace fs = std::filesystem;

class FileStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("onboard-storage-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file() const { return (dir_ / "config.bin").string(); }
  std::string contents() const {
    std::ifstream in(file(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  fs::path dir_;
};

TEST_F(FileStorageTest, FreshFileIsErasedFlash) {
  FileStorage storage(file(), 64);
  ASSERT_TRUE(storage.ok()) << storage.error();
  EXPECT_EQ(storage.size(), 64u);
  std::array<std::uint8_t, 64> bytes{};
  ASSERT_TRUE(storage.read(0, bytes.data(), bytes.size()));
  for (const std::uint8_t b : bytes) EXPECT_EQ(b, 0xFF);
  EXPECT_EQ(fs::file_size(file()), 64u);
  EXPECT_FALSE(fs::exists(file() + ".tmp"));
}

TEST_F(FileStorageTest, WritesPersistAcrossReopen) {
  const std::uint8_t record[] = {1, 2, 3, 4, 5};
  {
    FileStorage storage(file(), 32);
    ASSERT_TRUE(storage.write(10, record, sizeof record));
    ASSERT_TRUE(storage.flush());
  }
  FileStorage again(file(), 32);
  ASSERT_TRUE(again.ok());
  std::uint8_t read_back[5] = {};
  ASSERT_TRUE(again.read(10, read_back, sizeof read_back));
  EXPECT_EQ(std::memcmp(read_back, record, sizeof record), 0);
  std::uint8_t before = 0;
  ASSERT_TRUE(again.read(9, &before, 1));
  EXPECT_EQ(before, 0xFF);
}

TEST_F(FileStorageTest, OutOfRangeAccessIsRefused) {
  FileStorage storage(file(), 16);
  std::uint8_t bytes[4] = {};
  EXPECT_FALSE(storage.read(14, bytes, 4));
  EXPECT_FALSE(storage.write(16, bytes, 1));
  EXPECT_FALSE(storage.write(SIZE_MAX, bytes, 2));
  EXPECT_TRUE(storage.write(12, bytes, 4));
}

TEST_F(FileStorageTest, ReplaceSwapsTheWholeFileThroughATemporaryAndRename) {
  FileStorage storage(file(), 8);
  struct stat before {};
  ::stat(file().c_str(), &before);
  const std::uint8_t next[8] = {'n', 'e', 'w', 'c', 'o', 'n', 'f', 'g'};
  ASSERT_TRUE(storage.replace(next, sizeof next));
  struct stat after {};
  ::stat(file().c_str(), &after);
  EXPECT_NE(before.st_ino, after.st_ino) << "a rename, not an in-place write";
  EXPECT_EQ(contents(), "newconfg");
  EXPECT_FALSE(fs::exists(file() + ".tmp"));
  // The storage follows the new file.
  const std::uint8_t x = 'X';
  ASSERT_TRUE(storage.write(0, &x, 1));
  ASSERT_TRUE(storage.flush());
  EXPECT_EQ(contents(), "Xewconfg");
  EXPECT_FALSE(storage.replace(next, 4)) << "the size is fixed";
}

TEST_F(FileStorageTest, AFileOfAnotherSizeIsResizedKeepingItsBytes) {
  { std::ofstream(file(), std::ios::binary) << "abcdef"; }
  FileStorage storage(file(), 4);
  ASSERT_TRUE(storage.ok()) << storage.error();
  EXPECT_EQ(contents(), "abcd");
  FileStorage grown(file(), 6);
  EXPECT_EQ(contents(), std::string("abcd\xFF\xFF"));
}

TEST_F(FileStorageTest, LeftoverTemporaryFromACrashIsIgnoredAndOverwritten) {
  { std::ofstream(file() + ".tmp") << "half-written junk"; }
  FileStorage storage(file(), 4);
  ASSERT_TRUE(storage.ok());
  EXPECT_EQ(contents(), std::string(4, '\xFF'));
  EXPECT_FALSE(fs::exists(file() + ".tmp"));
}

TEST_F(FileStorageTest, UnwritableDirectoryIsAnErrorThatNamesThePath) {
  FileStorage storage((dir_ / "missing" / "config.bin").string(), 4);
  EXPECT_FALSE(storage.ok());
  EXPECT_NE(storage.error().find("missing/config.bin"), std::string::npos) << storage.error();
  std::uint8_t byte = 0;
  EXPECT_FALSE(storage.read(0, &byte, 1));
  EXPECT_FALSE(storage.flush());
}

}  // namespace
}  // namespace onboard::port
