// Scenario b, the download: 5 boards lose power at seeded random moments of their download
// (the air's power switch), on an 8 Mbit/s uplink. Each boots the old firmware again, resumes
// the download where its durable progress says, and ends on the new version. What a cut
// costs is bounded by the progress interval (256 KiB on Linux): the device's saved bytes, the
// range the cloud served next, and the bytes that were in the slot when the power went.
#include <sys/stat.h>

#include <mutex>
#include <thread>

#include "ota_fleet.hpp"
#include "ota_seed.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

constexpr long long kProgressEvery = 256 * 1024;  // onboard-device's progress interval
constexpr long long kChunk = 512;                 // the updater's write size

long long slot_bytes(const std::filesystem::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1;
}

// "ota: resuming at byte N" after `from`, or -1.
long long resumed_at(const std::string& log, std::size_t from) {
  const std::string key = "ota: resuming at byte ";
  const std::size_t at = log.find(key, from);
  return at == std::string::npos ? -1 : std::atoll(log.c_str() + at + key.size());
}

TEST_F(OtaScenario, PowerCutDuringDownloadResumesWithinTheProgressInterval) {
  std::mt19937 random(scenario_seed("PowerCutDuringDownload"));
  const std::vector<Board> boards = fleet(5);
  ASSERT_FALSE(HasFailure()) << "the fleet was not provisioned";
  FirmwareSpec spec = firmware("1.1.0");
  spec.size = 2 * 1024 * 1024;  // room for cuts well inside the download
  const long long firmware_id = upload(spec, "fw-1.1.0.obfw");
  ASSERT_NE(firmware_id, 0);
  const long long image_size = static_cast<long long>(spec.size) + 128 + 64;
  std::vector<long long> targets;
  std::vector<long long> ids;
  for (const Board& b : boards) {
    ids.push_back(b.device_id);
    // Early enough that the download is still running when the switch answers (under load).
    targets.push_back(
        std::uniform_int_distribution<long long>(kProgressEvery + kChunk, image_size * 6 / 10)(random));
    std::cout << b.name << ": power cut once " << targets.back() << " bytes are in its slot\n";
  }
  // The cloud's uplink at 8 Mbit/s, as a home connection or a Wi-Fi link is: unthrottled, a
  // board fetches 2 MiB in a quarter of a second, faster than the power switch answers.
  const RunResult slowed = world().air({"exec", "internet", "--", "tc", "qdisc", "add", "dev", "eth0", "root",
                                        "tbf", "rate", "8mbit", "burst", "32kbit", "latency", "1s"});
  ASSERT_EQ(slowed.code, 0) << "tc: " << slowed.err;
  const long long shipment = cloud().ship(firmware_id, ids, "lower_version");
  ASSERT_NE(shipment, 0);

  std::mutex report;
  std::vector<std::thread> cutters;
  for (std::size_t i = 0; i < boards.size(); ++i) {
    cutters.emplace_back([&, i] {
      const Board& b = boards[i];
      const auto slot = slot_image(b.name, "a");  // a board on its installed program fills slot a
      const bool reached = eventually([&] { return slot_bytes(slot) >= targets[i]; }, 60s, 2ms);
      const std::size_t from = world().serial(b.name).size();
      EXPECT_EQ(world().air({"power", b.name, "off"}).code, 0);
      const long long had = slot_bytes(slot);
      const bool finished = world().serial(b.name).find("ota: downloaded ") != std::string::npos;
      EXPECT_TRUE(reached) << b.name << ": the slot never held " << targets[i] << " bytes";
      EXPECT_FALSE(finished) << b.name << ": the cut came after the download had finished (had " << had
                             << ")";
      EXPECT_EQ(world().air({"power", b.name, "on"}).code, 0);
      long long resumed = -1;
      eventually([&] { return (resumed = resumed_at(world().serial(b.name), from)) >= 0; }, 60s, 50ms);
      std::lock_guard<std::mutex> lock(report);
      std::cout << b.name << ": cut with " << had << " bytes in the slot, resumed at " << resumed
                << ": downloaded again " << had - resumed << " bytes\n";
      ASSERT_GE(resumed, 0) << b.name << " did not resume after the cut";
      EXPECT_GT(resumed, 0) << b.name << ": restarted from byte 0";
      EXPECT_LE(resumed, had) << b.name;
      EXPECT_LE(had - resumed, kProgressEvery + kChunk)
          << b.name << ": more than the progress interval again";
    });
  }
  for (auto& t : cutters) t.join();

  for (const Board& b : boards) {
    const nlohmann::json t = wait_status(shipment, b.device_id, {"success", "failed", "rollback"}, 90s);
    EXPECT_EQ(t.value("status", ""), "success") << b.name << ": " << t.dump();
    // The cloud's side: after the first GET (from 0), the next one starts where the device resumed.
    const std::vector<ServedRange> ranges = cloud().served(b.device_id);
    ASSERT_GE(ranges.size(), 2u) << b.name << ": the cloud served " << ranges.size() << " ranges";
    EXPECT_EQ(ranges[0].first, 0) << b.name;
    const long long resumed = resumed_at(world().serial(b.name), 0);
    EXPECT_EQ(ranges[1].first, resumed) << b.name << ": the range served after the cut";
    std::cout << b.name << ": bytesServed " << t.value("bytesServed", 0LL) << " for an image of "
              << image_size << " (each GET counts the whole rest of the image from its first byte)\n";
    // Never neither: every start after the cut ran the old or the new firmware.
    for (const BootLine& boot : boots(b.name))
      EXPECT_TRUE(boot.version == kOldVersion || boot.version == "1.1.0") << b.name << ": " << boot.version;
    expect_config_kept(b);
  }
}

}  // namespace
}  // namespace onboard::e2e
