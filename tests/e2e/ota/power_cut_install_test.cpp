// Scenario b, the install: 5 boards lose power at seeded random moments after their download
// finished (0-1.2 s): while the image is checked, copied into its slot, handed over to, or on
// trial before its first login. Each boots the old or the new version, never neither; the
// cloud's outcome agrees with what runs (success: the new one; rollback: the old one).
#include <mutex>
#include <thread>

#include "ota_fleet.hpp"
#include "ota_seed.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(OtaScenario, PowerCutDuringInstallBootsTheOldOrTheNewVersion) {
  std::mt19937 random(scenario_seed("PowerCutDuringInstall"));
  const std::vector<Board> boards = fleet(5);
  ASSERT_FALSE(HasFailure()) << "the fleet was not provisioned";
  const long long firmware_id = upload(firmware("1.1.0"), "fw-1.1.0.obfw");
  ASSERT_NE(firmware_id, 0);
  std::vector<long long> ids;
  std::vector<int> delays;
  for (const Board& b : boards) {
    ids.push_back(b.device_id);
    // From the end of the download: verify, copy, hand-over and the trial's login all fit in here.
    delays.push_back(std::uniform_int_distribution<int>(0, 1200)(random));
    std::cout << b.name << ": power cut " << delays.back() << " ms after its download finished\n";
  }
  const long long shipment = cloud().ship(firmware_id, ids, "lower_version");
  ASSERT_NE(shipment, 0);

  std::mutex report;
  std::vector<std::thread> cutters;
  std::vector<std::size_t> after_cut(boards.size(), 0);
  for (std::size_t i = 0; i < boards.size(); ++i) {
    cutters.emplace_back([&, i] {
      const Board& b = boards[i];
      const bool downloaded = world().wait_serial(b.name, "ota: downloaded ", 0, 60s);
      EXPECT_TRUE(downloaded) << b.name << " never finished its download";
      std::this_thread::sleep_for(std::chrono::milliseconds(delays[i]));  // the seeded moment of the cut
      EXPECT_EQ(world().air({"power", b.name, "off"}).code, 0);
      after_cut[i] = world().serial(b.name).size();
      const std::string log = world().serial(b.name);
      const char* stage = log.find("reached the cloud: confirmed") != std::string::npos
                              ? "after the confirmation"
                          : log.find("onboard-device 1.1.0") != std::string::npos ? "on trial"
                          : log.find("verified; restarting") != std::string::npos ? "at the hand-over"
                                                                                  : "while verifying";
      EXPECT_EQ(world().air({"power", b.name, "on"}).code, 0);
      std::lock_guard<std::mutex> lock(report);
      std::cout << b.name << ": cut " << stage << "\n";
    });
  }
  for (auto& t : cutters) t.join();

  int on_new = 0, on_old = 0;
  for (std::size_t i = 0; i < boards.size(); ++i) {
    const Board& b = boards[i];
    // Never neither: the first start after power on is one of the two, and it logs in.
    std::vector<BootLine> after;
    eventually([&] { return !(after = boots(b.name, after_cut[i])).empty(); }, 30s, 50ms);
    ASSERT_FALSE(after.empty()) << b.name << " did not start after power on";
    const nlohmann::json t = wait_status(shipment, b.device_id, {"success", "rollback", "failed"}, 90s);
    const std::string status = t.value("status", "");
    const std::string runs = boots(b.name, after_cut[i]).back().version;
    EXPECT_TRUE(runs == kOldVersion || runs == "1.1.0") << b.name << " runs " << runs;
    EXPECT_TRUE((status == "success" && runs == "1.1.0") || (status == "rollback" && runs == kOldVersion))
        << b.name << ": the shipment says " << t.dump() << " but the board runs " << runs;
    std::string recorded;
    EXPECT_TRUE(eventually(
        [&] {
          const nlohmann::json d = cloud().device(b.device_id);
          recorded = d.is_object() ? d.value("firmware", "") : "";
          return recorded == runs && d.value("online", false);
        },
        30s, 250ms))
        << b.name << ": the cloud says " << recorded << ", the board runs " << runs;
    (runs == "1.1.0" ? on_new : on_old) += 1;
    expect_config_kept(b);
  }
  std::cout << "install cuts: " << on_new << " boards on the new version, " << on_old << " on the old one\n";
}

}  // namespace
}  // namespace onboard::e2e
