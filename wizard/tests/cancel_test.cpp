// A front end can stop a session from another thread or from its own progress callback: the
// wait in progress ends, the phone goes back home, and the outcome says `cancelled`.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include <thread>

#include "onboard/test/waits.hpp"
#include "onboard/wizard/provisioning_session.hpp"
#include "support/fake_world.hpp"

namespace onboard::wizard::testing {
namespace {

SessionOptions scripted(const FakeWorld& world) {
  SessionOptions opt = world.options();
  opt.template_id = kTemplateId;
  opt.network = NetworkChoice{"Home", false};
  opt.password = "correct-horse";
  return opt;
}

TEST(Cancel, FromAnotherThreadEndsTheSearchForTheDevice) {
  FakeWorld world;
  FakeWifi wifi;
  wifi.scans_before_device_ap = 1'000'000;  // the device never shows up
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  opt.device_search_timeout = std::chrono::hours(1);
  const CancelToken cancel = opt.cancel;
  CloudClient cloud = world.cloud_client();
  std::atomic<int> scans{0};
  ProvisioningSession session(cloud, wifi, choices, opt, [&](const Event& e) {
    if (e.kind == Event::Kind::note && e.step == Step::find_device) scans = 1;
  });
  std::thread canceller([&] {
    ASSERT_TRUE(onboard::test::eventually([&] { return scans.load() > 0; }, std::chrono::seconds(30)));
    cancel.cancel();
  });
  Outcome o = session.run();
  canceller.join();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.step, Step::find_device);
  EXPECT_EQ(o.failure.reason, Reason::cancelled);
  EXPECT_EQ(wifi.current_ssid, "Home");
}

TEST(Cancel, FromTheProgressCallbackGoesBackHomeFirst) {
  FakeWorld world;
  FakeWifi wifi;
  ScriptedChoices choices;
  choices.device = "Onboard Lamp-ABCD";
  SessionOptions opt = scripted(world);
  const CancelToken cancel = opt.cancel;
  CloudClient cloud = world.cloud_client();
  ProvisioningSession session(cloud, wifi, choices, opt, [&](const Event& e) {
    if (e.kind == Event::Kind::done && e.step == Step::send_config) cancel.cancel();
  });
  Outcome o = session.run();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.step, Step::device_connect);
  EXPECT_EQ(o.failure.reason, Reason::cancelled);
  EXPECT_EQ(wifi.current_ssid, "Home");
  EXPECT_EQ(wifi.joins.back(), "Home");
}

TEST(Cancel, AnHttpCallInFlightEndsEarly) {
  // A listener that never accepts: the kernel completes the connection and takes the request,
  // and no answer ever comes, so only the cancel can end the call before its 1 h timeout.
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  CancelToken cancel;
  std::thread canceller([&] {
    cancel.sleep_for(std::chrono::milliseconds(200));
    cancel.cancel();
  });
  HttpRequest req;
  req.target = "/";
  HttpResult r = http_send(Endpoint("127.0.0.1", ntohs(addr.sin_port)), req, std::chrono::hours(1), &cancel);
  canceller.join();
  close(fd);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, HttpError::Kind::cancelled) << r.error().message;
  EXPECT_EQ(reason_of(r.error()), Reason::cancelled);
}

}  // namespace
}  // namespace onboard::wizard::testing
