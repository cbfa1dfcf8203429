// The store conformance suite on a real PostgreSQL, and what only a shared database has:
// several stores (nodes) at once, and a server restarted under a store.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <set>
#include <thread>
#include <vector>

#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/devices.hpp"
#include "onboard/cloud/store/postgres_store.hpp"
#include "onboard/test/waits.hpp"
#include "postgres/pg_connection.hpp"
#include "store_conformance.hpp"
#include "support/daemon_process.hpp"
#include "support/postgres_server.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;

// One server per test process (ctest runs each test in its own), a fresh database per store.
PostgresServer& shared_server() {
  static PostgresServer server;
  static const bool started = server.start();
  if (!started) ADD_FAILURE() << "PostgreSQL did not start: " << server.error();
  return server;
}

std::string fresh_database() {
  static std::atomic<int> n{0};
  std::string name = "store_" + std::to_string(++n) + "_" + random_alnum(6);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!shared_server().create_database(name)) ADD_FAILURE() << "CREATE DATABASE " << name << " failed";
  return name;
}

std::unique_ptr<Store> make_postgres() {
  auto opened = open_postgres_store(shared_server().url(fresh_database()));
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  return std::move(*opened);
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformance,
                         ::testing::Values(StoreFactory{"postgres", make_postgres}), store_factory_name);

template <typename T>
T ok(StoreResult<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) throw std::runtime_error(result.error().message);
  return std::move(result).value();
}

// An org, an admin and a template in a fresh database; its URL.
std::string seeded_database(Id& org, Id& user) {
  const auto url = shared_server().url(fresh_database());
  auto store = ok(open_postgres_store(url));
  ok(store->write([&](Records& r) -> StoreResult<Done> {
    auto o = r.insert_org("Acme");
    if (!o) return o.error();
    org = *o;
    if (auto t = r.insert_template(Template{"TMPLlamp0001", org, "Lamp", 1}); !t) return t.error();
    auto u = r.insert_user(User{0, org, "admin@example.com", "hash", Role::Admin});
    if (!u) return u.error();
    user = u->id;
    return done();
  }));
  return url;
}

std::string open_session(Store& store, Id org, Id user, Millis expires_at) {
  ProvisioningSession s;
  s.token_hash = token_hash(random_token());
  s.template_id = "TMPLlamp0001";
  s.org_id = org;
  s.requester_id = user;
  s.created_at = expires_at - 60'000;
  s.expires_at = expires_at;
  ok(store.write([&](Records& r) { return r.insert_provisioning(s); }));
  return s.token_hash;
}

// Two nodes (each its own store and device rules, so its own name cache) activate the
// same sessions at the same time: each session makes one device, every name is unique
// (a loser of a conflict answers Busy and tries again, as a device would).
TEST(PostgresStore, TwoNodesActivatingTheSameSessionsMakeEachDeviceOnce) {
  Id org = 0, user = 0;
  const auto url = seeded_database(org, user);
  auto node_a = ok(open_postgres_store(url));
  auto node_b = ok(open_postgres_store(url));
  ManualClock clock;
  Devices devices_a(*node_a, clock), devices_b(*node_b, clock);
  constexpr int kSessions = 40;
  std::vector<std::string> tokens;
  for (int i = 0; i < kSessions; ++i)
    tokens.push_back(open_session(*node_a, org, user, clock.now() + 600'000));

  std::atomic<int> activated{0}, already{0}, failed{0}, busy{0};
  auto run = [&](Devices& devices) {
    for (const auto& t : tokens) {
      auto out = devices.activate(t, true);
      // The loser of a serialization conflict is told Busy; a device would log in again.
      for (int again = 0; again < 20 && out.is(StoreErrorKind::Busy); ++again) {
        ++busy;
        out = devices.activate(t, true);
      }
      if (!out) {
        ++failed;
      } else if (out->kind == ActivationOutcome::Kind::Activated) {
        ++activated;
      } else if (out->kind == ActivationOutcome::Kind::AlreadyActivated) {
        ++already;
      }
    }
  };
  std::thread a([&] { run(devices_a); });
  std::thread b([&] { run(devices_b); });
  a.join();
  b.join();

  EXPECT_EQ(failed.load(), 0) << busy.load() << " busy answers";
  EXPECT_EQ(activated.load(), kSessions);
  EXPECT_EQ(already.load(), kSessions);
  auto listed = ok(node_b->read([&](Records& r) { return r.devices_of_org(org, std::nullopt); }));
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(kSessions));
  std::set<std::string> names;
  for (const auto& d : listed) names.insert(d.name);
  EXPECT_EQ(names.size(), listed.size());
  auto states = ok(node_a->read([](Records& r) { return r.count_provisioning_by_state(); }));
  EXPECT_EQ(states["activated"], kSessions);
}

// Four nodes activate different devices of one template at the same time, as a fleet coming
// online does: every activation goes through (none refused after the retries a name conflict
// gets) and every name is unique. Before, each conflict reloaded the names and the nodes, all
// starting again from the lowest free number, met again: some activations were refused.
TEST(PostgresStore, FourNodesActivatingDevicesOfOneTemplateAtOnceRefuseNone) {
  Id org = 0, user = 0;
  const auto url = seeded_database(org, user);
  constexpr int kNodes = 4, kThreads = 3, kPerThread = 60;
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<std::unique_ptr<Devices>> nodes;
  ManualClock clock;
  for (int i = 0; i < kNodes; ++i) {
    stores.push_back(ok(open_postgres_store(url)));
    nodes.push_back(std::make_unique<Devices>(*stores.back(), clock));
  }
  std::vector<std::vector<std::string>> tokens(kNodes * kThreads);
  for (auto& list : tokens)
    for (int i = 0; i < kPerThread; ++i)
      list.push_back(open_session(*stores[0], org, user, clock.now() + 600'000));

  std::atomic<int> activated{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kNodes * kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& token : tokens[static_cast<std::size_t>(t)]) {
        auto out = nodes[static_cast<std::size_t>(t % kNodes)]->activate(token, true);
        if (out && out->kind == ActivationOutcome::Kind::Activated) {
          ++activated;
        } else {
          ++refused;
        }
      }
    });
  }
  for (auto& t : threads) t.join();

  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(activated.load(), kNodes * kThreads * kPerThread);
  auto listed = ok(stores[1]->read([&](Records& r) { return r.devices_of_org(org, std::nullopt); }));
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(kNodes * kThreads * kPerThread));
  std::set<std::string> names;
  for (const auto& d : listed) names.insert(d.name);
  EXPECT_EQ(names.size(), listed.size());
}

// The server restarts under a running store: calls fail as unavailable (never as
// anything else) while it is down, work again after without reopening the store, and
// everything committed before is still there.
TEST(PostgresStore, ARestartedServerIsUnavailableMeanwhileAndUsableAfter) {
  PostgresServer server;
  ASSERT_TRUE(server.start()) << server.error();
  auto store = ok(open_postgres_store(server.url()));
  const Id org = ok(store->write([](Records& r) { return r.insert_org("Acme"); }));

  ASSERT_TRUE(server.stop());
  auto down = store->write([](Records& r) { return r.insert_org("Other"); });
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().kind, StoreErrorKind::Unavailable) << down.error().message;
  auto read_down = store->read([](Records& r) { return r.org_by_name("Acme"); });
  ASSERT_FALSE(read_down.ok());
  EXPECT_EQ(read_down.error().kind, StoreErrorKind::Unavailable);

  ASSERT_TRUE(server.start()) << server.error();
  // Each pooled connection notices the restart on its next use and reconnects (after at
  // most its short pause between connect attempts), as a caller trying again sees.
  EXPECT_TRUE(onboard::test::eventually(
      [&] { return store->write([](Records& r) { return r.insert_org("Other"); }).ok(); }, 10s));
  std::optional<Id> found;
  EXPECT_TRUE(onboard::test::eventually(
      [&] {
        auto r = store->read([](Records& rec) { return rec.org_by_name("Acme"); });
        if (r.ok()) found = *r;
        return r.ok();
      },
      10s));
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, org);
}

// Writes that arrive together are committed together, a savepoint each: one that fails
// (by its own answer, or by a statement the database refuses) takes only itself back.
TEST(PostgresStore, WritesCommittedTogetherFailOneByOne) {
  Id org = 0, user = 0;
  const auto url = seeded_database(org, user);
  auto store = ok(open_postgres_store(url));
  constexpr int kWriters = 12;
  constexpr int kRounds = 20;
  std::atomic<int> refused{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string name = "org-" + std::to_string(w) + "-" + std::to_string(i);
        auto out = store->write([&](Records& r) -> StoreResult<Id> {
          auto id = r.insert_org(name);
          if (!id) return id.error();
          if (i % 3 == 1) return store_failure(StoreErrorKind::Conflict, "refused by the work");
          if (i % 3 == 2) {
            // An organization that does not exist: the database refuses the row (an error that
            // aborts what it is in), the work passes that on.
            if (auto t = r.insert_template(Template{"TMPL" + name, -1, "Lamp", 1}); !t) return t.error();
          }
          if (auto e = r.insert_event(0, TimelineEvent{1, "info", "x", name}); !e) return e.error();
          return id;
        });
        if (!out) ++refused;
      }
    });
  }
  for (auto& t : writers) t.join();
  int refusals_per_writer = 0;
  for (int i = 0; i < kRounds; ++i) refusals_per_writer += i % 3 != 0 ? 1 : 0;
  EXPECT_EQ(refused.load(), kWriters * refusals_per_writer);
  auto names = ok(store->read([](Records& r) -> StoreResult<std::vector<std::string>> {
    std::vector<std::string> out;
    for (int w = 0; w < kWriters; ++w)
      for (int i = 0; i < kRounds; ++i) {
        const std::string name = "org-" + std::to_string(w) + "-" + std::to_string(i);
        auto id = r.org_by_name(name);
        if (!id) return id.error();
        if (*id) out.push_back(name);
      }
    return out;
  }));
  std::set<std::string> expected;
  for (int w = 0; w < kWriters; ++w)
    for (int i = 0; i < kRounds; i += 3)
      expected.insert("org-" + std::to_string(w) + "-" + std::to_string(i));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
}

// An activation's statements go in a few round trips: the writes whose rows nobody reads
// travel with the next read or with the commit, and the inserted device is not read back.
TEST(PostgresStore, AnActivationTakesFewRoundTrips) {
  Id org = 0, user = 0;
  const auto url = seeded_database(org, user);
  auto store = ok(open_postgres_store(url));
  ManualClock clock;
  Devices devices(*store, clock);
  const auto first = open_session(*store, org, user, clock.now() + 600'000);
  ASSERT_TRUE(devices.activate(first, true));  // statements prepared, names loaded
  const auto token = open_session(*store, org, user, clock.now() + 600'000);
  const long before = pg::Connection::round_trips_total();
  auto out = devices.activate(token, true);
  const long trips = pg::Connection::round_trips_total() - before;
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->kind, ActivationOutcome::Kind::Activated);
  EXPECT_EQ(out->device.token_hash, token);
  // Session, template, device insert, then the session update and events with the commit.
  EXPECT_LE(trips, 4);
  auto stored = ok(store->read([&](Records& r) { return r.device_by_token(token); }));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, out->device.name);
  auto events = ok(store->read([&](Records& r) { return r.events_of_device(stored->id, 10); }));
  EXPECT_EQ(events.size(), 1u);
}

TEST(PostgresStore, AnUnreachableDatabaseIsUnavailableAtOpen) {
  // A port nothing listens on (taken from the kernel a moment ago).
  auto opened =
      open_postgres_store("postgresql://onboard@127.0.0.1:" + std::to_string(free_port()) + "/onboard");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind, StoreErrorKind::Unavailable);
}

}  // namespace
}  // namespace onboard::cloud::test
