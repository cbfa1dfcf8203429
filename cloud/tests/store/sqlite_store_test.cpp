// The store conformance suite on SQLite, and what only SQLite has (a file to reopen).
#include <gtest/gtest.h>

#include <filesystem>

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

TEST(SqliteStore, AnUnopenableDatabaseIsAnErrorValue) {
  auto store = open_sqlite_store("/nonexistent-dir/onboard.db");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, StoreErrorKind::Unavailable);
}

}  // namespace
}  // namespace onboard::cloud::test
