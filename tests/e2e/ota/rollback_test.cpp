// Scenario d: a correctly signed image whose firmware cannot reach the cloud (it connects to
// a wrong port, as a firmware built with a wrong cloud port would). It boots on trial, does
// not log in within its trial time (10 s here), restarts, and the board is back on its old
// firmware by itself: the shipment says `rollback`, the network and token are unchanged.
#include "ota_fleet.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(OtaScenario, FirmwareThatCannotReachTheCloudRollsBackByItself) {
  const std::vector<Board> boards = fleet(1);
  ASSERT_FALSE(HasFailure()) << "the board was not provisioned";
  const Board& board = boards[0];
  FirmwareSpec broken = firmware("1.1.0");
  broken.extra_flags = {"--fixed-cloud-port", "9"};  // nothing listens there
  const long long firmware_id = upload(broken, "fw-1.1.0-wrong-port.obfw");
  ASSERT_NE(firmware_id, 0);
  const std::size_t from = world().serial(board.name).size();
  const long long shipment = cloud().ship(firmware_id, {board.device_id}, "lower_version");
  ASSERT_NE(shipment, 0);

  const nlohmann::json t = wait_status(shipment, board.device_id, {"rollback", "success", "failed"}, 90s);
  EXPECT_EQ(t.value("status", ""), "rollback") << t.dump();
  std::cout << "shipment " << shipment << ": " << t.dump() << "\n";
  // What the board went through, in order.
  const std::string log = world().serial(board.name);
  std::size_t at = from;
  for (const std::string step :
       {"verified; restarting into it", "onboard-device 1.1.0", "ota: firmware 1.1.0 on trial",
        "did not reach the cloud in 10 s", "rolling back to factory", "onboard-device 1.0.0"}) {
    const std::size_t found = log.find(step, at);
    EXPECT_NE(found, std::string::npos) << "\"" << step << "\" not in the serial log after byte " << at;
    if (found != std::string::npos) at = found;
  }
  const std::vector<BootLine> after = boots(board.name, from);
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after.back().version, kOldVersion);
  EXPECT_EQ(after.back().slot, "factory");
  // The old firmware reaches the cloud again (the broken one's flag did not follow it back).
  EXPECT_TRUE(eventually(
      [&] {
        const nlohmann::json d = cloud().device(board.device_id);
        return d.is_object() && d.value("online", false) && d.value("firmware", "") == kOldVersion;
      },
      30s, 250ms));
  EXPECT_TRUE(world().wait_serial(board.name, "rolled back", from, 10s));
  expect_config_kept(board);
}

}  // namespace
}  // namespace onboard::e2e
