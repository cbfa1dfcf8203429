// The web console's files at / and the live event stream (/api/v1/events),
// over real sockets on both listeners.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/cloud_fixture.hpp"
#include "support/connection.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class Console : public CloudTest {
 protected:
  Console() {
    const fs::path dir = fs::path(server.data_dir()) / "console";
    write(dir / "index.html",
          "<!doctype html><title>t</title><script type=module src=/assets/app-ABCD1234.js></script>");
    write(dir / "assets" / "app-ABCD1234.js", "console.log(1)");
    write(dir / "assets" / "app-ABCD1234.js.gz", "pretend-gzip");
    write(dir / "assets" / "app-ABCD1234.css", "body{}");
  }
  std::vector<std::string> serve_flags() const override {
    return {"--console-dir", server.data_dir() + "/console"};
  }
};

TEST_P(Console, IndexIsServedAtRootWithAStrictPolicy) {
  auto r = client().get("/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("app-ABCD1234.js"), std::string::npos);
  const auto& csp = r.headers["content-security-policy"];
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r.headers["cache-control"], "no-cache");
  EXPECT_FALSE(r.headers["etag"].empty());
}

TEST_P(Console, HashedAssetsAreImmutableTypedAndPrecompressed) {
  auto r = client().get("/assets/app-ABCD1234.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(r.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.headers.count("content-encoding"), 0u);

  auto gz = client().request("GET", "/assets/app-ABCD1234.js", {}, {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.body, "pretend-gzip");
  EXPECT_EQ(client().get("/assets/app-ABCD1234.css").headers["content-type"], "text/css; charset=utf-8");
}

TEST_P(Console, AMatchingETagAnswers304) {
  auto first = client().get("/");
  auto again = client().request("GET", "/", {}, {{"If-None-Match", first.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_P(Console, UnknownFilesAre404AndOtherMethods405) {
  EXPECT_EQ(client().get("/assets/nope.js").status, 404);
  EXPECT_EQ(client().get("/../onboard.db").status, 404);
  EXPECT_EQ(client().request("POST", "/", "{}").status, 405);
  EXPECT_EQ(client().get("/api/v1/nothing").status, 404);  // the API keeps its own 404s
}

TEST_P(Console, DevicesArePagedAndSearchedOnTheServer) {
  std::vector<std::unique_ptr<BlynkClient>> devices;
  for (int i = 0; i < 3; ++i) devices.push_back(activated_device(provision().token));
  auto names = api.get("/api/v1/devices").json();
  ASSERT_EQ(names.size(), 3u);
  auto r = api.get("/api/v1/devices?limit=2&offset=0");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["x-total-count"], "3");
  EXPECT_EQ(r.json().size(), 2u);
  r = api.get("/api/v1/devices?limit=2&offset=2");
  EXPECT_EQ(r.json().size(), 1u);
  r = api.get("/api/v1/devices?q=lamp%202");
  EXPECT_EQ(r.headers["x-total-count"], "1");
  EXPECT_EQ(r.json()[0]["name"], "Lamp 2");
  EXPECT_EQ(api.get("/api/v1/devices?limit=0").status, 400);
}

// Reads a Server-Sent Events stream over one raw connection.
class EventReader {
 public:
  bool open(const std::string& endpoint, bool tls, const std::string& bearer) {
    if (!conn_.open(endpoint, tls)) return false;
    return conn_.write_all("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                           bearer + "\r\nAccept: text/event-stream\r\n\r\n");
  }
  // Waits until the text read so far contains `needle`.
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout = 5s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (text_.find(needle, seen_) == std::string::npos) {
      if (std::chrono::steady_clock::now() >= end) return false;
      const long n = conn_.read_some(buf, sizeof buf, 100ms);
      if (n < 0) return false;
      text_.append(buf, static_cast<std::size_t>(n));
    }
    seen_ = text_.find(needle, seen_) + needle.size();
    return true;
  }
  const std::string& text() const { return text_; }
  Connection& connection() { return conn_; }

 private:
  Connection conn_;
  std::string text_;
  std::size_t seen_ = 0;
};

TEST_P(Console, EventStreamNeedsASession) {
  auto r = client().get("/api/v1/events");
  EXPECT_EQ(r.status, 401);
}

TEST_P(Console, EventStreamPushesActivationOnlineAndOffline) {
  EventReader events;
  ASSERT_TRUE(events.open(endpoint(), tls(), api.bearer));
  ASSERT_TRUE(events.wait_for("text/event-stream")) << events.text();
  ASSERT_TRUE(events.wait_for("event: ready")) << events.text();

  auto device = activated_device(provision().token);
  ASSERT_TRUE(events.wait_for("event: activated")) << events.text();
  ASSERT_TRUE(events.wait_for("\"online\":true")) << events.text();
  ASSERT_TRUE(events.wait_for("\"type\":\"online\"")) << events.text();

  const auto id = device->send(blynk::Command::EventLog, {"hot", "over 40 C"});
  EXPECT_EQ(device->wait_response(id), 200);
  ASSERT_TRUE(events.wait_for("\"description\":\"over 40 C\"")) << events.text();

  device.reset();  // the device goes away
  ASSERT_TRUE(events.wait_for("\"online\":false")) << events.text();
}

TEST_P(Console, EventStreamShowsOnlyTheUsersOwnOrganization) {
  ASSERT_EQ(server.add_user("other@example.org", "other-password", "admin", "Other Org"), 0);
  auto them = client();
  them.bearer = sign_in("other@example.org", "other-password");
  EventReader theirs;
  ASSERT_TRUE(theirs.open(endpoint(), tls(), them.bearer));
  ASSERT_TRUE(theirs.wait_for("event: ready"));
  EventReader ours;
  ASSERT_TRUE(ours.open(endpoint(), tls(), api.bearer));
  ASSERT_TRUE(ours.wait_for("event: ready"));

  auto device = activated_device(provision().token);
  ASSERT_TRUE(ours.wait_for("\"online\":true")) << ours.text();
  device.reset();
  ASSERT_TRUE(ours.wait_for("\"online\":false")) << ours.text();
  // Their stream sees their own device next, and nothing of ours before it:
  // each stream gets the feed's events in order.
  auto t = them.post("/api/v1/templates", {{"name", "Fan"}});
  ASSERT_EQ(t.status, 201);
  auto p = them.post("/api/v1/provisioning", {{"templateId", t.json()["id"]}});
  ASSERT_EQ(p.status, 201);
  auto fan = std::make_unique<BlynkClient>();
  ASSERT_TRUE(fan->connect(endpoint(), tls()));
  ASSERT_EQ(fan->login(p.json()["token"].get<std::string>()), 200);
  const auto info = fan->send_info({{"h-beat", "45"}, {"tmpl", t.json()["id"].get<std::string>()}});
  ASSERT_EQ(fan->wait_response(info), 200);
  ASSERT_TRUE(theirs.wait_for("\"online\":true")) << theirs.text();
  const auto ours_id = api.get("/api/v1/devices").json()[0]["id"].get<long>();
  EXPECT_EQ(theirs.text().find("\"deviceId\":" + std::to_string(ours_id) + ","), std::string::npos)
      << theirs.text();
}

TEST_P(Console, OneUserMayHoldTwentyStreamsAndGetsOneBackWhenAStreamEnds) {
  std::vector<std::unique_ptr<EventReader>> streams;
  for (int i = 0; i < 20; ++i) {
    streams.push_back(std::make_unique<EventReader>());
    ASSERT_TRUE(streams.back()->open(endpoint(), tls(), api.bearer));
    ASSERT_TRUE(streams.back()->wait_for("event: ready")) << i;
  }
  auto refused = api.get("/api/v1/events");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.json()["error"], "too_many_streams");
  streams.pop_back();  // the client goes away; the server notices and frees the slot
  ASSERT_TRUE(eventually([&] {
    EventReader probe;
    return probe.open(endpoint(), tls(), api.bearer) && probe.wait_for("event: ready", 500ms);
  }));
}

INSTANTIATE_TEST_SUITE_P(Transports, Console, ::testing::Values(false, true), transport_name);

class ConsoleNotBuilt : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override {
    return {"--console-dir", server.data_dir() + "/no-such-dir"};
  }
};

TEST_P(ConsoleNotBuilt, RootSaysHowToBuildItAndTheApiStillWorks) {
  auto r = client().get("/");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("scripts/build"), std::string::npos) << r.body;
  EXPECT_EQ(api.get("/api/v1/templates").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Transports, ConsoleNotBuilt, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
