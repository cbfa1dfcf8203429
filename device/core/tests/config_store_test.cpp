#include "onboard/device/config_store.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "onboard/device/crc32.hpp"
#include "onboard/device/testing/fake_storage.hpp"

namespace onboard::device {
namespace {

using testing::FakeStorage;

NetworkConfig make_config(const std::string& ssid, const std::string& password, char token_char) {
  NetworkConfig c;
  std::memcpy(c.ssid, ssid.data(), ssid.size());
  c.ssid_len = static_cast<std::uint8_t>(ssid.size());
  std::memcpy(c.password, password.data(), password.size());
  c.password_len = static_cast<std::uint8_t>(password.size());
  std::memset(c.token, token_char, 32);
  c.token_len = 32;
  const std::string host = "cloud.example.com";
  std::memcpy(c.host, host.data(), host.size());
  c.host_len = static_cast<std::uint8_t>(host.size());
  c.port = 9443;
  c.tls = true;
  return c;
}

TEST(Crc32, MatchesTheStandardCheckValue) {
  const char* text = "123456789";
  EXPECT_EQ(crc32(0, reinterpret_cast<const std::uint8_t*>(text), 9), 0xCBF43926u);
}

TEST(ConfigStore, FreshStorageIsEmpty) {
  FakeStorage storage;
  ConfigStore store(storage);
  NetworkConfig out;
  EXPECT_EQ(store.load(out), ConfigStore::Load::Empty);
}

TEST(ConfigStore, TooSmallStorageIsAnError) {
  FakeStorage storage(100);
  ConfigStore store(storage);
  NetworkConfig out;
  EXPECT_EQ(store.load(out), ConfigStore::Load::StorageError);
  EXPECT_FALSE(store.save(make_config("a", "", 'A')));
}

TEST(ConfigStore, SavesAndLoadsEveryField) {
  FakeStorage storage;
  ConfigStore store(storage);
  NetworkConfig c = make_config(std::string("caf\xC3\xA9 \"quoted\"", 15), std::string(64, 'f'), 'Z');
  c.static_ip = true;
  c.ip = 0xC0A80164;
  c.mask = 0xFFFFFF00;
  c.gateway = 0xC0A80101;
  c.dns = 0x08080808;
  c.dns2 = 0x01010101;
  c.token_invalid = true;
  c.tls = false;
  c.host_len = 253;
  std::memset(c.host, 'h', 253);
  ASSERT_TRUE(store.save(c));
  NetworkConfig out;
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out, c);
}

TEST(ConfigStore, WritesAlternateBetweenSlotsAndTheNewestWins) {
  FakeStorage storage;
  ConfigStore store(storage);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.save(make_config("net" + std::to_string(i), "password", 'A')));
  }
  NetworkConfig out;
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "net4");
  // The older slot still holds the previous record.
  storage.bytes()[ConfigStore::kSlotSize * 0 + 20] ^= 0xFF;  // corrupt slot 0 (record 4 is there)
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "net3");
}

TEST(ConfigStore, EraseRemovesBothSlotsAndLeavesNoSecret) {
  FakeStorage storage;
  ConfigStore store(storage);
  ASSERT_TRUE(store.save(make_config("first", "secretpass1", 'A')));
  ASSERT_TRUE(store.save(make_config("second", "secretpass2", 'B')));
  ASSERT_TRUE(store.erase());
  NetworkConfig out;
  EXPECT_EQ(store.load(out), ConfigStore::Load::Empty);
  const std::string all(storage.bytes().begin(), storage.bytes().end());
  EXPECT_EQ(all.find("secretpass"), std::string::npos);
  EXPECT_EQ(all.find("AAAAAAAA"), std::string::npos);
  // And a new configuration works after an erase.
  ASSERT_TRUE(store.save(make_config("third", "secretpass3", 'C')));
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "third");
}

// Power-cut safety: cut every write of a sequence of operations at every byte
// and boot after each cut: the old or the new configuration is read, never
// garbage, never nothing when something was committed.
TEST(ConfigStore, APowerCutAtAnyByteOfAnyWriteLeavesTheOldOrTheNewConfiguration) {
  const NetworkConfig configs[] = {make_config("alpha", "password-a", 'A'), make_config("beta", "", 'B'),
                                   make_config("gamma", std::string(63, 'g'), 'C'),
                                   make_config("delta", "password-d", 'D')};
  std::size_t cuts = 0;
  for (std::size_t step = 0; step < std::size(configs); ++step) {
    // Measure how many bytes this step writes from the state the previous steps left.
    FakeStorage reference;
    ConfigStore ref_store(reference);
    for (std::size_t i = 0; i < step; ++i) ASSERT_TRUE(ref_store.save(configs[i]));
    const std::size_t before = reference.bytes_written();
    ASSERT_TRUE(ref_store.save(configs[step]));
    const std::size_t step_bytes = reference.bytes_written() - before;
    ASSERT_GT(step_bytes, 0u);

    for (std::size_t cut = 0; cut <= step_bytes; ++cut) {
      FakeStorage storage;
      ConfigStore store(storage);
      for (std::size_t i = 0; i < step; ++i) ASSERT_TRUE(store.save(configs[i]));
      storage.cut_after(cut);
      store.save(configs[step]);
      storage.restore_power();
      ++cuts;

      ConfigStore after_boot(storage);
      NetworkConfig out;
      const ConfigStore::Load result = after_boot.load(out);
      if (step == 0) {
        if (result == ConfigStore::Load::Found) {
          EXPECT_EQ(out, configs[0]) << "cut at " << cut;
        } else {
          EXPECT_EQ(result, ConfigStore::Load::Empty);
        }
      } else {
        ASSERT_EQ(result, ConfigStore::Load::Found) << "step " << step << " cut at " << cut;
        EXPECT_TRUE(out == configs[step] || out == configs[step - 1]) << "step " << step << " cut at " << cut;
      }
      if (cut == step_bytes) {
        EXPECT_EQ(out, configs[step]);
      }
    }
  }
  EXPECT_GT(cuts, 1000u);
}

TEST(ConfigStore, APowerCutDuringEraseNeverBringsBackGarbage) {
  const NetworkConfig a = make_config("alpha", "password-a", 'A');
  const NetworkConfig b = make_config("beta", "password-b", 'B');
  FakeStorage reference;
  ConfigStore ref_store(reference);
  ref_store.save(a);
  ref_store.save(b);
  const std::size_t before = reference.bytes_written();
  ref_store.erase();
  const std::size_t erase_bytes = reference.bytes_written() - before;
  for (std::size_t cut = 0; cut <= erase_bytes; ++cut) {
    FakeStorage storage;
    ConfigStore store(storage);
    store.save(a);
    store.save(b);
    storage.cut_after(cut);
    store.erase();
    storage.restore_power();
    NetworkConfig out;
    const ConfigStore::Load result = ConfigStore(storage).load(out);
    if (result == ConfigStore::Load::Found) {
      // Only an erase that has not yet written its mark may leave the newest record.
      EXPECT_EQ(out, b) << "cut at " << cut;
    } else {
      EXPECT_EQ(result, ConfigStore::Load::Empty);
    }
  }
}

// A schema-1 record as the first release wrote it.
void write_schema1(FakeStorage& storage, std::size_t slot, std::uint32_t sequence, const std::string& ssid,
                   std::uint16_t port) {
  std::vector<std::uint8_t> r = {'O', 'N', 'B', 'D', 1, 0, 0, 0};
  const std::size_t payload = 1 + 33 + 65 + 32 + 65 + 2 + 20;
  r[6] = static_cast<std::uint8_t>(payload);
  r[7] = static_cast<std::uint8_t>(payload >> 8);
  for (int i = 0; i < 4; ++i) r.push_back(static_cast<std::uint8_t>(sequence >> (8 * i)));
  r.push_back(0);  // flags
  r.push_back(static_cast<std::uint8_t>(ssid.size()));
  for (std::size_t i = 0; i < 32; ++i) r.push_back(i < ssid.size() ? static_cast<std::uint8_t>(ssid[i]) : 0);
  const std::string pass = "oldpassword";
  r.push_back(static_cast<std::uint8_t>(pass.size()));
  for (std::size_t i = 0; i < 64; ++i) r.push_back(i < pass.size() ? static_cast<std::uint8_t>(pass[i]) : 0);
  for (std::size_t i = 0; i < 32; ++i) r.push_back('T');
  const std::string host = "old.example.com";
  r.push_back(static_cast<std::uint8_t>(host.size()));
  for (std::size_t i = 0; i < 64; ++i) r.push_back(i < host.size() ? static_cast<std::uint8_t>(host[i]) : 0);
  r.push_back(static_cast<std::uint8_t>(port));
  r.push_back(static_cast<std::uint8_t>(port >> 8));
  for (int i = 0; i < 20; ++i) r.push_back(0);
  const std::uint32_t crc = crc32(0, r.data(), r.size());
  for (int i = 0; i < 4; ++i) r.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
  std::copy(r.begin(), r.end(), storage.bytes().begin() + static_cast<long>(slot * ConfigStore::kSlotSize));
}

TEST(ConfigStore, MigratesASchema1Record) {
  FakeStorage storage;
  write_schema1(storage, 0, 7, "oldnet", 443);
  ConfigStore store(storage);
  NetworkConfig out;
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "oldnet");
  EXPECT_EQ(out.password_view(), "oldpassword");
  EXPECT_EQ(out.token_view(), std::string(32, 'T'));
  EXPECT_EQ(out.host_view(), "old.example.com");
  EXPECT_EQ(out.port, 443);
  EXPECT_TRUE(out.tls);
  // The next save writes schema 2 into the other slot and outranks the old record.
  NetworkConfig next = make_config("newnet", "newpassword", 'N');
  ASSERT_TRUE(store.save(next));
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out, next);
}

TEST(ConfigStore, Schema1OnAPlainPortMeansNoTls) {
  FakeStorage storage;
  write_schema1(storage, 1, 3, "oldnet", 8080);
  NetworkConfig out;
  ASSERT_EQ(ConfigStore(storage).load(out), ConfigStore::Load::Found);
  EXPECT_FALSE(out.tls);
}

TEST(ConfigStore, UnknownSchemaAndBadLengthsAreIgnored) {
  FakeStorage storage;
  ConfigStore store(storage);
  ASSERT_TRUE(store.save(make_config("good", "password", 'A')));
  // A future schema in the other slot is not understood: the known record stays.
  storage.bytes()[ConfigStore::kSlotSize + 0] = 'O';
  storage.bytes()[ConfigStore::kSlotSize + 1] = 'N';
  storage.bytes()[ConfigStore::kSlotSize + 2] = 'B';
  storage.bytes()[ConfigStore::kSlotSize + 3] = 'D';
  storage.bytes()[ConfigStore::kSlotSize + 4] = 9;
  NetworkConfig out;
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "good");
}

TEST(ConfigStore, SequenceNumbersWrapAround) {
  FakeStorage storage;
  write_schema1(storage, 0, 0xFFFFFFFFu, "before-wrap", 443);
  ConfigStore store(storage);
  ASSERT_TRUE(store.save(make_config("after-wrap", "password", 'A')));  // sequence 0
  NetworkConfig out;
  ASSERT_EQ(store.load(out), ConfigStore::Load::Found);
  EXPECT_EQ(out.ssid_view(), "after-wrap");
}

}  // namespace
}  // namespace onboard::device
