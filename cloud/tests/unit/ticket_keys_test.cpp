// TLS session-ticket keys: kept across restarts, rotated, the previous key still found.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "onboard/cloud/crypto/ticket_keys.hpp"

namespace onboard::cloud {
namespace {

class TicketKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/onboard-ticket-keys-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/ticket-keys";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  std::string path_;
};

TEST_F(TicketKeysTest, CreatedOwnerOnlyAndKeptAcrossRestarts) {
  const auto first = TicketKeys(path_, std::chrono::hours(12)).current();
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = TicketKeys(path_, std::chrono::hours(12)).current();
  EXPECT_EQ(again.name, first.name);
  EXPECT_EQ(again.aes, first.aes);
  EXPECT_EQ(again.hmac, first.hmac);
}

TEST_F(TicketKeysTest, RotationKeepsThePreviousKeyAndDropsTheOneBefore) {
  TicketKeys keys(path_, std::chrono::seconds(100));
  const auto first = keys.current();
  EXPECT_FALSE(keys.rotate_if_due(first.created + 99));
  ASSERT_TRUE(keys.rotate_if_due(first.created + 100));
  const auto second = keys.current();
  EXPECT_NE(second.name, first.name);
  auto found = keys.find(first.name.data());
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->second);  // accepted, but not the current key
  EXPECT_TRUE(keys.find(second.name.data())->second);

  ASSERT_TRUE(keys.rotate_if_due(second.created + 100));
  EXPECT_FALSE(keys.find(first.name.data()));  // two periods old: refused
  // The file has what memory has.
  TicketKeys reloaded(path_, std::chrono::seconds(1000000));
  EXPECT_EQ(reloaded.current().name, keys.current().name);
  EXPECT_TRUE(reloaded.find(second.name.data()));
}

TEST_F(TicketKeysTest, AGarbledFileIsReplacedByAFreshKey) {
  { std::ofstream(path_) << "not a key\n"; }
  TicketKeys keys(path_, std::chrono::hours(1));
  std::ifstream in(path_);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.size(), std::to_string(keys.current().created).size() + 1 + 160);
}

}  // namespace
}  // namespace onboard::cloud
