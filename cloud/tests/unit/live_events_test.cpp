// Unit tests of the hub's event feed (what the console's live view reads)
// and of the console files' caching rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "onboard/cloud/api/console_files.hpp"
#include "onboard/cloud/device/event_feed.hpp"

namespace onboard::cloud {
namespace {

LiveEvent timeline(Id device, const std::string& text) {
  return LiveEvent{LiveEvent::Kind::Timeline, device, 1, TimelineEvent{1, "event", "c", text}};
}

TEST(EventFeed, EverySubscriberGetsEveryEventInOrderAndIsWokenOncePerBatch) {
  EventFeed feed;
  int wakes_a = 0;
  int wakes_b = 0;
  auto a = feed.subscribe([&] { ++wakes_a; });
  auto b = feed.subscribe([&] { ++wakes_b; });
  feed.publish(timeline(1, "one"));
  feed.publish(timeline(2, "two"));
  EXPECT_EQ(wakes_a, 1);  // woken when the queue became non-empty, not per event
  auto batch = a->take();
  ASSERT_EQ(batch.events.size(), 2u);
  EXPECT_EQ(batch.events[0].timeline.description, "one");
  EXPECT_EQ(batch.events[1].device_id, 2);
  EXPECT_FALSE(batch.overflowed);
  EXPECT_EQ(b->take().events.size(), 2u);
  feed.publish(timeline(3, "three"));
  EXPECT_EQ(wakes_a, 2);
  EXPECT_EQ(wakes_b, 2);
}

TEST(EventFeed, AGoneSubscriberIsForgotten) {
  EventFeed feed;
  auto a = feed.subscribe({});
  {
    auto b = feed.subscribe({});
    EXPECT_EQ(feed.listeners(), 2u);
  }
  EXPECT_EQ(feed.listeners(), 1u);
  feed.publish(timeline(1, "x"));
  EXPECT_EQ(a->take().events.size(), 1u);
}

TEST(EventFeed, ASubscriberTooFarBehindIsToldToReloadInsteadOfGrowingWithoutBound) {
  EventFeed feed;
  auto slow = feed.subscribe({});
  for (std::size_t i = 0; i < EventFeed::kQueueLimit + 10; ++i) feed.publish(timeline(1, "x"));
  auto batch = slow->take();
  EXPECT_TRUE(batch.overflowed);
  EXPECT_TRUE(batch.events.empty());
  feed.publish(timeline(1, "after"));
  batch = slow->take();
  EXPECT_FALSE(batch.overflowed);
  ASSERT_EQ(batch.events.size(), 1u);
  EXPECT_EQ(batch.events[0].timeline.description, "after");
}

TEST(ConsoleFiles, HashedNamesAreImmutableAndTheRestRevalidated) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "onboard-console-files-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html>";
  std::ofstream(dir / "assets" / "app-3FJ2KQ7Z.js") << "x";
  std::ofstream(dir / "favicon.svg") << "<svg/>";
  const auto files = ConsoleFiles::load(dir.string());
  EXPECT_TRUE(files.error().empty()) << files.error();
  EXPECT_EQ(files.size(), 3u);
  auto header = [](const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return std::string();
  };
  HttpRequest get;
  get.method = "GET";
  get.target = "/";
  auto index = files.serve(get, "/");
  ASSERT_TRUE(index);
  EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");
  auto js = files.serve(get, "/assets/app-3FJ2KQ7Z.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(header(*js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(files.serve(get, "/favicon.svg")->content_type, "image/svg+xml");
  EXPECT_FALSE(files.serve(get, "/assets/other.js"));
  fs::remove_all(dir);
}

TEST(ConsoleFiles, AMissingDirectoryServesAnExplanationAtTheRootOnly) {
  const auto files = ConsoleFiles::load("/nonexistent/onboard-console");
  EXPECT_FALSE(files.error().empty());
  HttpRequest get;
  get.method = "GET";
  get.target = "/";
  auto root = files.serve(get, "/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 503);
  EXPECT_FALSE(files.serve(get, "/assets/app.js"));
}

}  // namespace
}  // namespace onboard::cloud
