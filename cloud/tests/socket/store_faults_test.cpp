// Store faults over real sockets: a real full filesystem (a small tmpfs under
// the data directory) and a real second process holding the SQLite write
// lock. Each fails only the requests that need to write, with 503 or the
// device protocol's server-error status; the process lives on, /healthz says
// why, and everything works again once the fault is gone, without a restart.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

constexpr std::uint16_t kServerException = 19;

bool alive(pid_t pid) {
  return pid > 0 && ::kill(pid, 0) == 0 && ::waitpid(pid, nullptr, WNOHANG) == 0;
}

// A second process that holds BEGIN IMMEDIATE on the database until released.
class LockHolder {
 public:
  explicit LockHolder(const std::string& db_path) {
    int ready[2];
    int release[2];
    if (::pipe(ready) != 0 || ::pipe(release) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::close(ready[0]);
      ::close(release[1]);
      sqlite3* db = nullptr;
      if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) ::_exit(1);
      sqlite3_busy_timeout(db, 10000);
      if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) ::_exit(2);
      (void)!::write(ready[1], "L", 1);
      char c = 0;
      while (::read(release[0], &c, 1) > 0) {
      }
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(db);
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    release_ = release[1];
    char c = 0;
    locked_ = ::read(ready[0], &c, 1) == 1;
    ::close(ready[0]);
  }
  ~LockHolder() { release(); }
  bool locked() const { return locked_; }
  void release() {
    if (release_ >= 0) ::close(release_);
    release_ = -1;
    if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int release_ = -1;
  bool locked_ = false;
};

class StoreFaults : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override {
    return {"--store-busy-timeout-ms", "300", "--pin-flush-ms", "100"};
  }
  std::string db_path() const { return server.data_dir() + "/onboard.db"; }
  int healthz() const { return client().get("/healthz").status; }
  HttpResult update(const std::string& token, const std::string& value) const {
    return client().get("/external/api/update?token=" + token + "&V1=" + value);
  }
  bool logged(const std::string& text) const { return server.log().find(text) != std::string::npos; }
  std::string stored_pin(const std::string& token) const {
    auto r = client().get("/external/api/get?token=" + token + "&V1");
    return r.status == 200 ? r.body : "<" + std::to_string(r.status) + ">";
  }
};

class FullDisk : public StoreFaults {
 protected:
  void SetUp() override {
    // The data directory on its own 8 MB filesystem, so filling it fills nothing else.
    if (::mount("tmpfs", server.data_dir().c_str(), "tmpfs", 0, "size=8m,mode=0700") != 0) {
      GTEST_SKIP() << "cannot mount a tmpfs for the full-disk test (needs root): " << std::strerror(errno);
    }
    mounted_ = true;
    StoreFaults::SetUp();
  }
  void TearDown() override {
    if (!mounted_) return;
    server.stop();
    ::umount2(server.data_dir().c_str(), MNT_DETACH);
  }

  // Writes a filler file until the filesystem has no space left.
  bool fill() {
    std::ofstream out(filler(), std::ios::binary);
    const std::string chunk(64 * 1024, 'x');
    for (int i = 0; i < 1024 && out; ++i) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.close();
    // Whatever space the last chunk left: fill it byte-wise from a smaller buffer.
    std::ofstream tail(filler() + ".tail", std::ios::binary);
    const std::string small(512, 'x');
    while (tail.write(small.data(), static_cast<std::streamsize>(small.size())) && tail.flush()) {
    }
    return true;
  }
  void unfill() {
    std::remove(filler().c_str());
    std::remove((filler() + ".tail").c_str());
  }
  std::string filler() const { return server.data_dir() + "/filler"; }

  bool mounted_ = false;
};

TEST_P(FullDisk, WritesFailWith503AndServerErrorAndAllRecoversWhenSpaceIsBack) {
  auto online = provision();
  auto d = activated_device(online.token);
  auto waiting = provision();  // a device that will try to activate on the full disk
  ASSERT_EQ(update(online.token, "before").status, 200);
  ASSERT_TRUE(fill());

  auto r = api.post("/api/v1/provisioning", {{"templateId", template_id}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("disk_full"), std::string::npos) << r.body;
  EXPECT_EQ(update(online.token, "lost?").status, 503);  // not a 200 for a value it cannot keep
  EXPECT_EQ(stored_pin(online.token), "before");
  EXPECT_TRUE(eventually([&] { return healthz() == 503; })) << server.log();
  EXPECT_NE(client().get("/healthz").body.find("disk_full"), std::string::npos);

  BlynkClient fresh;
  ASSERT_TRUE(fresh.connect(endpoint(), tls()));
  EXPECT_EQ(fresh.login(waiting.token), kServerException);  // moving its session to connected is a write
  // Others are still served: the online device's ping, a read over HTTP.
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  EXPECT_EQ(api.get("/api/v1/devices").status, 200);
  EXPECT_TRUE(alive(server.pid()));

  unfill();
  EXPECT_TRUE(eventually([&] { return healthz() == 200; })) << server.log();
  EXPECT_EQ(api.post("/api/v1/provisioning", {{"templateId", template_id}}).status, 201);
  EXPECT_EQ(update(online.token, "after").status, 200);
  EXPECT_EQ(stored_pin(online.token), "after");
  BlynkClient again;
  ASSERT_TRUE(again.connect(endpoint(), tls()));
  EXPECT_EQ(again.login(waiting.token), 200);
  EXPECT_EQ(again.wait_response(again.send_info({{"ver", "1.3.2"}, {"tmpl", template_id}})), 200);
}

TEST_P(FullDisk, PinValuesFromADeviceWaitForSpaceAndAreStoredThen) {
  auto p = provision();
  auto d = activated_device(p.token);
  ASSERT_TRUE(fill());
  d->send(Command::Hardware, vw(1, "kept"));
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  EXPECT_TRUE(eventually([&] { return healthz() == 503; }));
  unfill();
  EXPECT_TRUE(eventually([&] { return healthz() == 200; }));
  ASSERT_TRUE(eventually([&] { return logged("flush works again"); })) << server.log();
  // Flushed by the retry, not by the stop: after a SIGKILL only the database remains.
  server.stop(/*kill=*/true);
  ASSERT_TRUE(server.start(serve_flags()));
  EXPECT_EQ(stored_pin(p.token), "kept");
}

INSTANTIATE_TEST_SUITE_P(Plain, FullDisk, ::testing::Values(false), transport_name);

class LockedDatabase : public StoreFaults {};

TEST_P(LockedDatabase, AnotherWriterHoldingTheLockFailsOnlyWritesAndNothingDies) {
  auto online = provision();
  auto d = activated_device(online.token);
  auto waiting = provision();
  ASSERT_EQ(update(online.token, "before").status, 200);
  LockHolder holder(db_path());
  ASSERT_TRUE(holder.locked());

  auto r = api.post("/api/v1/provisioning", {{"templateId", template_id}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("busy"), std::string::npos) << r.body;
  EXPECT_EQ(update(online.token, "lost?").status, 503);
  EXPECT_TRUE(eventually([&] { return healthz() == 503; })) << server.log();

  // v1 died here: a device login with a well-formed token while the lock was held.
  BlynkClient known;
  ASSERT_TRUE(known.connect(endpoint(), tls()));
  EXPECT_EQ(known.login(online.token), 200);  // a read: served from the WAL snapshot
  BlynkClient fresh;
  ASSERT_TRUE(fresh.connect(endpoint(), tls()));
  EXPECT_EQ(fresh.login(waiting.token), kServerException);  // moving the session needs a write
  known.send(Command::Hardware, vw(1, "during"));
  EXPECT_EQ(known.wait_response(known.send(Command::Ping, {})), 200);
  EXPECT_TRUE(alive(server.pid()));

  holder.release();
  EXPECT_TRUE(eventually([&] { return healthz() == 200; })) << server.log();
  EXPECT_TRUE(eventually([&] { return stored_pin(online.token) == "during"; }));
  EXPECT_EQ(api.post("/api/v1/provisioning", {{"templateId", template_id}}).status, 201);
  BlynkClient again;
  ASSERT_TRUE(again.connect(endpoint(), tls()));
  EXPECT_EQ(again.login(waiting.token), 200);
}

TEST_P(LockedDatabase, SigtermFlushesPinValuesOnceTheLockIsGone) {
  auto p = provision();
  auto d = activated_device(p.token);
  {
    LockHolder holder(db_path());
    ASSERT_TRUE(holder.locked());
    d->send(Command::Hardware, vw(1, "at-stop"));
    ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
    ASSERT_TRUE(eventually([&] { return logged("flush failed"); })) << server.log();  // queued, not stored
    ::kill(server.pid(), SIGTERM);
    ASSERT_TRUE(eventually([&] { return logged("stopping:"); })) << server.log();
  }  // the lock goes while the server is stopping: its last flush retries and gets through
  EXPECT_EQ(server.wait_exit(), 0) << server.log();
  ASSERT_TRUE(server.start(serve_flags()));
  EXPECT_EQ(stored_pin(p.token), "at-stop");
}

// A reconnect whose info repeats the stored heartbeat is answered without a
// write (a reconnect storm is not one write per device), so it is answered
// while another process holds the write lock; a changed heartbeat is a write.
TEST_P(LockedDatabase, AnInfoRepeatingTheStoredHeartbeatNeedsNoWrite) {
  auto p = provision();
  activated_device(p.token).reset();  // stores h-beat 45
  LockHolder holder(db_path());
  ASSERT_TRUE(holder.locked());

  BlynkClient same;
  ASSERT_TRUE(same.connect(endpoint(), tls()));
  ASSERT_EQ(same.login(p.token), 200);
  EXPECT_EQ(same.wait_response(same.send_info({{"ver", "1.3.2"}, {"h-beat", "45"}})), 200);

  BlynkClient changed;
  ASSERT_TRUE(changed.connect(endpoint(), tls()));
  ASSERT_EQ(changed.login(p.token), 200);
  EXPECT_EQ(changed.wait_response(changed.send_info({{"ver", "1.3.2"}, {"h-beat", "30"}})), kServerException);
}

INSTANTIATE_TEST_SUITE_P(Plain, LockedDatabase, ::testing::Values(false), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
