// The device tells the cloud it saved a freshly provisioned token only after
// the save succeeded (the cloud then ends the token a reconfigure replaced).
#include <gtest/gtest.h>

#include "onboard/device/testing/world.hpp"
#include "onboard/protocol/blynk/token_saved.hpp"

namespace onboard::device {
namespace {

using testing::World;

std::size_t confirmations(const World& w) {
  std::size_t n = 0;
  for (const auto& m : w.cloud.received)
    if (m.command == blynk::Command::Internal && blynk::is_token_saved(m.body)) ++n;
  return n;
}

class TokenSaved : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home", "correct horse");
    w.cloud.tokens.insert(w.token('A'));
  }
  World w;
};

TEST_F(TokenSaved, SentOnceAfterTheNewConfigurationIsSaved) {
  Device& d = w.boot();
  w.get(w.config_query("Home", "correct%20horse", w.token('A')));
  ASSERT_TRUE(w.run_until([&] { return d.connect_state() == "activated"; }));
  w.run_for(3000);
  device::NetworkConfig stored;
  ASSERT_EQ(ConfigStore(w.storage).load(stored), ConfigStore::Load::Found);
  EXPECT_EQ(confirmations(w), 1u);
  // A reconnect with the saved token is no new token: no confirmation again.
  w.cloud.drop_all();
  ASSERT_TRUE(w.run_until([&] { return w.cloud.logins >= 2 && d.connected(); }));
  w.run_for(3000);
  EXPECT_EQ(confirmations(w), 1u);
}

TEST_F(TokenSaved, NotSentWhenTheSaveFails) {
  Device& d = w.boot();
  w.storage.refuse_writes(true);
  w.get(w.config_query("Home", "correct%20horse", w.token('A')));
  ASSERT_TRUE(w.run_until([&] { return d.connect_state() == "failed"; }));
  EXPECT_EQ(d.reason(), "storage_failed");
  EXPECT_GE(w.cloud.logins, 1);  // it did reach the cloud with the new token
  w.run_for(3000);
  EXPECT_EQ(confirmations(w), 0u);
}

}  // namespace
}  // namespace onboard::device
