// The OTA state machine against fake slots, a fake network with a scripted HTTP server and
// the real checks (libsodium): cuts at every chunk, power cuts, each refusal, the boot after.
#include "onboard/device/ota/ota_updater.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "onboard/device/testing/fake_basics.hpp"
#include "onboard/device/testing/fake_net.hpp"
#include "onboard/device/testing/fake_storage.hpp"
#include "onboard/device/testing/fake_wifi.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"
#include "ota_fakes.hpp"

namespace onboard::device {
namespace {

using testing::FakeClock;
using testing::FakeNet;
using testing::FakeSystem;
using testing::Pipe;
using namespace ota_testing;

class OtaUpdaterTest : public ::testing::Test {
 protected:
  OtaUpdaterTest() {
    settings.template_id = "TMPL12345678";
    settings.firmware_version = "1.2.3";
    key = *ota::generate_signing_key();
    other_key = *ota::generate_signing_key();
    ota_settings.public_key = key.public_key.data();
    ota_settings.progress_every = 2048;
    make_updater();
  }

  void make_updater() { updater = std::make_unique<OtaUpdater>(settings, ota_settings, hal, slots, check); }

  std::string image(const std::string& version = "1.3.0", std::size_t size = 6000, bool downgrade = false,
                    const std::string& template_id = "TMPL12345678", const ota::SigningKey* with = nullptr) {
    std::vector<std::uint8_t> payload(size);
    for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<std::uint8_t>(i * 13 + size);
    const auto made = ota::make_signed_image({template_id, version, "b1", downgrade}, payload,
                                             with != nullptr ? *with : key);
    EXPECT_TRUE(made.error.empty()) << made.error;
    return std::string(made.bytes.begin(), made.bytes.end());
  }

  // Runs the updater and the server on the fake clock until it is idle or restarting.
  void run(std::uint64_t limit_ms = 600000) {
    const std::uint64_t end = clock.now + limit_ms;
    while (clock.now < end) {
      updater->poll(clock.now, link);
      server.pump();
      if (link.restarts > 0 || updater->phase() == OtaUpdater::Phase::idle) break;
      std::uint64_t next = updater->next_wakeup_ms(clock.now);
      if (next <= clock.now) next = clock.now + 1;
      clock.now = next < end ? next : end;
    }
    updater->poll(clock.now, link);  // sends a pending report
  }

  bool slot_holds(const std::string& img) const {
    return std::equal(img.begin(), img.end(), slots.data.begin(),
                      [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
  }

  std::string report(const char* reason) const { return std::string("ota\0failed\0", 11) + reason; }

  static constexpr const char* kUrl = "http://files.test:8080/ota/fw1?token=abc";

  FakeClock clock;
  testing::FakeStorage storage{1024};
  testing::FakeWifi wifi{clock};
  testing::FakeGpio gpio;
  FakeNet net;
  FakeSystem system;
  hal::Hal hal{wifi, storage, gpio, clock, net, nullptr, system, nullptr};
  Settings settings;
  OtaSettings ota_settings;
  FakeSlots slots{64 * 1024};
  SodiumCheck check;
  FakeLink link;
  FakeFileServer server{net};
  ota::SigningKey key;
  ota::SigningKey other_key;
  std::unique_ptr<OtaUpdater> updater;
};

TEST_F(OtaUpdaterTest, DownloadsVerifiesMarksPendingAndRestarts) {
  server.image = image();
  updater->on_internal(std::string("ota\0", 4) + kUrl, clock.now);
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
  EXPECT_EQ(slots.pendings, 1);
  EXPECT_EQ(slots.pending_offset, ota::kHeaderSize);
  EXPECT_EQ(slots.pending_size, 6000u);
  EXPECT_TRUE(slot_holds(server.image));
  EXPECT_TRUE(link.sent.empty());  // success is not a message: the next login's fw says it
  ASSERT_EQ(server.requests.size(), 1u);
  EXPECT_EQ(server.requests[0].rfind("GET /ota/fw1?token=abc HTTP/1.1\r\nHost: files.test:8080", 0), 0u);
  EXPECT_EQ(net.open_handles(), 0u);
}

TEST_F(OtaUpdaterTest, ACutAtEveryChunkResumesWithoutDownloadingAByteTwice) {
  server.image = image("1.3.0", 6000);
  for (std::size_t cut : {97u, 511u, 512u, 513u, 4000u}) {
    SCOPED_TRACE(cut);
    server.cut_after = cut;
    server.body_bytes_sent = 0;
    link.restarts = 0;
    slots.erase_inactive();
    make_updater();
    ota_settings.max_attempts = 3;
    updater->start(kUrl, clock.now);
    run(24ull * 3600 * 1000);
    EXPECT_EQ(link.restarts, 1) << system.all_lines();
    EXPECT_TRUE(slot_holds(server.image));
    EXPECT_EQ(updater->bytes_received(), server.image.size());
    EXPECT_EQ(server.body_bytes_sent, server.image.size());
  }
  EXPECT_TRUE(system.logged("retrying in"));
}

TEST_F(OtaUpdaterTest, APowerCutResumesFromTheLastDurableMark) {
  server.image = image("1.3.0", 20000);
  server.cut_after = 7000;
  ota_settings.max_attempts = 1;  // give up at the first cut, as if power went away
  updater->start(kUrl, clock.now);
  run();
  ASSERT_EQ(updater->last_failure(), ota::FailReason::download);
  // The device loses power: RAM and unflushed slot bytes are gone.
  slots.power_cut();
  const std::uint32_t durable = slots.bytes;
  EXPECT_GT(durable, 0u);
  EXPECT_LE(7000u - durable, ota_settings.progress_every);
  ota_settings.max_attempts = 8;
  server.cut_after = 0;
  server.body_bytes_sent = 0;
  make_updater();
  updater->on_internal(std::string("ota\0", 4) + "http://files.test:8080/ota/fw1?token=other", clock.now);
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
  EXPECT_TRUE(slot_holds(server.image));
  EXPECT_EQ(server.body_bytes_sent, server.image.size() - durable);
  EXPECT_NE(server.requests.back().find("Range: bytes=" + std::to_string(durable) + "-"), std::string::npos);
}

TEST_F(OtaUpdaterTest, ACutAfterTheWholeImageWasSavedVerifiesWithoutDownloading) {
  server.image = image("1.3.0", 5000);
  updater->start(kUrl, clock.now);
  // Run until the download is complete and saved, then lose power before the check ends.
  while (updater->phase() != OtaUpdater::Phase::verifying) {
    updater->poll(clock.now, link);
    server.pump();
    clock.now += 1;
  }
  ASSERT_EQ(slots.bytes, server.image.size());
  slots.power_cut();
  const int connects = server.connects;
  make_updater();
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(server.connects, connects);
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
}

TEST_F(OtaUpdaterTest, ThePublicKeyComesFromKeygensHex) {
  std::uint8_t out[ota::kPublicKeySize];
  const std::string hex = ota::hex(key.public_key.data(), key.public_key.size());
  ASSERT_TRUE(parse_ota_public_key(hex, out));
  EXPECT_TRUE(std::equal(std::begin(out), std::end(out), key.public_key.begin()));
  EXPECT_FALSE(parse_ota_public_key(hex.substr(2), out));
  EXPECT_FALSE(parse_ota_public_key("zz" + hex.substr(2), out));
}

TEST_F(OtaUpdaterTest, AServerThatIgnoresRangeMeansStartingOver) {
  server.image = image("1.3.0", 10000);
  server.cut_after = 3000;
  updater->start(kUrl, clock.now);
  server.ignore_range = true;
  run(5000);  // a few connections, each answered 200 from byte 0 and cut
  server.cut_after = 0;
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
  EXPECT_TRUE(slot_holds(server.image));
  EXPECT_TRUE(system.logged("starting over"));
}

struct Refusal {
  const char* name;
  const char* reason;
};

TEST_F(OtaUpdaterTest, RefusesEachBadImageWithItsReason) {
  std::string tampered = image();
  tampered[ota::kHeaderSize + 10] ^= 1;
  std::string resigned_header = image();
  resigned_header[48 + 2] = '4';  // "1.4.0": a valid header, but not what was signed
  const std::vector<std::pair<std::string, const char*>> cases = {
      {tampered, "hash"},
      {image("1.3.0", 6000, false, "TMPL12345678", &other_key), "signature"},
      {resigned_header, "signature"},
      {image("1.3.0", 6000, false, "TMPLother"), "template"},
      {image("1.2.3"), "version"},
      {image("1.1.0"), "version"},
      {image("1.3.0", 70000), "size"},
      {std::string(4000, 'x'), "format"},
  };
  for (const auto& [bytes, reason] : cases) {
    SCOPED_TRACE(reason);
    server.image = bytes;
    link.sent.clear();
    make_updater();
    updater->start(kUrl, clock.now);
    run();
    EXPECT_EQ(link.restarts, 0);
    EXPECT_EQ(slots.pendings, 0);
    ASSERT_EQ(link.sent.size(), 1u) << system.all_lines();
    EXPECT_EQ(link.sent[0], report(reason));
    EXPECT_EQ(slots.bytes, 0u);  // no progress kept into a refused image
  }
}

TEST_F(OtaUpdaterTest, RefusesEarlyWithoutDownloadingTheWholeImage) {
  server.image = image("1.3.0", 50000, false, "TMPLother");
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(updater->last_failure(), ota::FailReason::template_id);
  EXPECT_LT(updater->bytes_received(), 8u * OtaUpdater::kChunk);
}

TEST_F(OtaUpdaterTest, ASignedDowngradeInstalls) {
  server.image = image("1.0.0", 3000, true);
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
}

TEST_F(OtaUpdaterTest, DownloadFailuresAreReportedAfterTheRetries) {
  server.status = 404;
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(link.sent, std::vector<std::string>{report("download")});
  server.status = 0;
  server.reachable = false;
  link.sent.clear();
  make_updater();
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(server.connects, 1 + ota_settings.max_attempts);
  EXPECT_EQ(link.sent, std::vector<std::string>{report("download")});
}

TEST_F(OtaUpdaterTest, HttpsGoesThroughTheBoardsTls) {
  testing::FakeTls tls{net};
  hal.tls = &tls;
  server.image = image();
  updater->start("https://files.test/ota/fw1", clock.now);
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
  ASSERT_FALSE(net.outgoing.empty());
  EXPECT_TRUE(net.outgoing.back()->tls);
  EXPECT_EQ(net.outgoing.back()->port, 443);
  EXPECT_EQ(server.requests.back().rfind("GET /ota/fw1 HTTP/1.1\r\nHost: files.test\r\n", 0), 0u);
}

TEST_F(OtaUpdaterTest, RefusesUrlsItCannotUse) {
  for (const char* url : {"ftp://files.test/fw", "https://files.test/fw", "http://files.test:99999/fw"}) {
    link.sent.clear();
    make_updater();
    updater->start(url, clock.now);
    run();
    EXPECT_EQ(link.sent, std::vector<std::string>{report("url")}) << url;
  }
  EXPECT_EQ(server.connects, 0);
}

TEST_F(OtaUpdaterTest, AReportWaitsForTheCloud) {
  link.ready = false;
  server.image = image("1.0.0");
  updater->start(kUrl, clock.now);
  run();
  EXPECT_TRUE(updater->report_pending());
  link.ready = true;
  updater->poll(clock.now, link);
  EXPECT_EQ(link.sent, std::vector<std::string>{report("version")});
  EXPECT_FALSE(updater->report_pending());
}

TEST_F(OtaUpdaterTest, StorageFailureIsReported) {
  server.image = image();
  updater->start(kUrl, clock.now);
  slots.broken = true;
  run();
  EXPECT_EQ(link.sent, std::vector<std::string>{report("storage")});
}

TEST_F(OtaUpdaterTest, ATrialImageIsConfirmedByTheFirstLogin) {
  slots.state = hal::BootState::trial;
  updater->poll(clock.now, link);
  EXPECT_EQ(slots.valids, 0);  // not before it reached the cloud
  updater->on_cloud_ready(clock.now);
  EXPECT_EQ(slots.valids, 1);
  EXPECT_TRUE(link.sent.empty());
}

TEST_F(OtaUpdaterTest, ATrialImageThatNeverLogsInRestartsToRollBack) {
  slots.state = hal::BootState::trial;
  ota_settings.trial_timeout_ms = 60000;
  link.ready = false;
  updater->poll(clock.now, link);
  EXPECT_EQ(updater->next_wakeup_ms(clock.now), clock.now + 60000);
  clock.now += 59999;
  updater->poll(clock.now, link);
  EXPECT_EQ(link.restarts, 0);
  clock.now += 1;
  updater->poll(clock.now, link);
  EXPECT_EQ(link.restarts, 1);
  EXPECT_EQ(slots.valids, 0);
  EXPECT_TRUE(system.logged("restarting to roll back"));
}

TEST_F(OtaUpdaterTest, ARollbackIsReportedOnceAtTheNextLogin) {
  slots.state = hal::BootState::rolled_back;
  link.ready = false;
  updater->poll(clock.now, link);
  EXPECT_TRUE(link.sent.empty());
  link.ready = true;
  updater->on_cloud_ready(clock.now);
  updater->poll(clock.now, link);
  EXPECT_EQ(link.sent, std::vector<std::string>{report("rolled_back")});
  EXPECT_EQ(slots.acks, 1);
  updater->on_cloud_ready(clock.now);
  updater->poll(clock.now, link);
  EXPECT_EQ(link.sent.size(), 1u);
}

TEST_F(OtaUpdaterTest, AnImageThatChangedBehindTheUrlIsDownloadedWholeOnce) {
  server.image = image("1.3.0", 9000);
  server.cut_after = 3000;
  ota_settings.max_attempts = 1;
  updater->start(kUrl, clock.now);
  run();
  // Between the two attempts the cloud swaps the image behind the same URL.
  server.image = image("1.3.1", 9000);
  server.cut_after = 0;
  ota_settings.max_attempts = 8;
  make_updater();
  updater->start(kUrl, clock.now);
  run();
  EXPECT_EQ(link.restarts, 1) << system.all_lines();
  EXPECT_TRUE(slot_holds(server.image));
  EXPECT_TRUE(system.logged("downloading it whole once more"));
}

TEST_F(OtaUpdaterTest, OtherInternalMessagesAreLeftAlone) {
  updater->on_internal(std::string("rtc\0", 4) + "123", clock.now);
  EXPECT_EQ(updater->phase(), OtaUpdater::Phase::idle);
  EXPECT_EQ(server.connects, 0);
}

}  // namespace
}  // namespace onboard::device
