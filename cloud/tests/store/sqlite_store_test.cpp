// The store conformance suite on SQLite, and what only SQLite has (a file to reopen).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "onboard/cloud/crypto/token.hpp"
#include "store_conformance.hpp"

namespace onboard::cloud::test {
namespace {

// A SQLite store in a fresh directory, removed with it.
class TemporarySqliteStore final : public Store {
 public:
  TemporarySqliteStore()
      : dir_(std::filesystem::temp_directory_path() / ("onboard-store-test-" + random_alnum(8))) {
    std::filesystem::create_directories(dir_);
    auto opened = open_sqlite_store((dir_ / "onboard.db").string());
    if (opened) inner_ = std::move(*opened);
  }
  ~TemporarySqliteStore() override {
    inner_.reset();
    std::filesystem::remove_all(dir_);
  }
  StoreStatus run(Access access, const std::function<StoreStatus(Records&)>& work) override {
    return inner_->run(access, work);
  }
  bool opened() const { return inner_ != nullptr; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Store> inner_;
};

std::unique_ptr<Store> make_sqlite() {
  auto store = std::make_unique<TemporarySqliteStore>();
  if (!store->opened()) return nullptr;
  return store;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(StoreFactory{"sqlite", make_sqlite}),
                         store_factory_name);

TEST(SqliteStore, ReopeningKeepsTheDataAndMigrationsAreIdempotent) {
  const auto dir = std::filesystem::temp_directory_path() / ("onboard-store-test-" + random_alnum(8));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "onboard.db").string();
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->write([](Records& r) { return r.insert_org("Acme"); }));
  }
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store);
    auto org = (*store)->read([](Records& r) { return r.org_by_name("Acme"); });
    ASSERT_TRUE(org);
    EXPECT_TRUE(*org);
  }
  std::filesystem::remove_all(dir);
}

// Writes from many threads are committed in groups: each still gets its own
// answer, a failing one is rolled back alone, and every write answered ok is
// in the file once the store is closed and opened again.
TEST(SqliteStore, GroupCommittedWritesAreAnsweredEachAndDurable) {
  const auto dir = std::filesystem::temp_directory_path() / ("onboard-store-test-" + random_alnum(8));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "onboard.db").string();
  constexpr int kThreads = 8;
  constexpr int kWrites = 40;
  std::atomic<int> answered_ok{0};
  std::atomic<int> answered_failed{0};
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kWrites; ++i) {
          const bool fails = i % 7 == 3;
          const std::string name = "org-" + std::to_string(t) + "-" + std::to_string(i);
          auto status = (*store)->run(Store::Access::Write, [&](Records& r) -> StoreStatus {
            auto id = r.insert_org(name);
            if (!id) return id.error();
            if (fails) return store_failure(StoreErrorKind::Conflict, "refused after its insert");
            return done();
          });
          if (status) {
            ++answered_ok;
          } else {
            EXPECT_TRUE(fails) << name << ": " << status.error().message;
            EXPECT_EQ(status.error().message, "refused after its insert");
            ++answered_failed;
          }
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(answered_ok + answered_failed, kThreads * kWrites);
  auto store = open_sqlite_store(path);
  ASSERT_TRUE(store);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kWrites; ++i) {
      const std::string name = "org-" + std::to_string(t) + "-" + std::to_string(i);
      auto org = (*store)->read([&](Records& r) { return r.org_by_name(name); });
      ASSERT_TRUE(org);
      EXPECT_EQ(org->has_value(), i % 7 != 3) << name;
    }
  }
  store->reset();
  std::filesystem::remove_all(dir);
}

TEST(SqliteStore, AnUnopenableDatabaseIsAnErrorValue) {
  auto store = open_sqlite_store("/nonexistent-dir/onboard.db");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, StoreErrorKind::Unavailable);
}

}  // namespace
}  // namespace onboard::cloud::test
