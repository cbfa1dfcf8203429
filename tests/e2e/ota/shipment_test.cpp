// Scenario a: one shipment to 10 boards. Every board downloads the image, checks it, boots
// it on trial and confirms it at its first login; the shipment ends `success` for all 10,
// the cloud's device records show the new version, and each board kept its network and token.
// It also prints the time one update takes and its parts, read from the serial monitors.
#include <algorithm>

#include "ota_fleet.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

long long median(std::vector<long long> v) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

TEST_F(OtaScenario, ShipmentToTenBoardsEndsInSuccessOnTheNewVersion) {
  const std::vector<Board> boards = fleet(10);
  ASSERT_FALSE(HasFailure()) << "the fleet was not provisioned";
  const long long firmware_id = upload(firmware("1.1.0"), "fw-1.1.0.obfw");
  ASSERT_NE(firmware_id, 0);
  std::vector<long long> ids;
  std::vector<std::size_t> from;
  for (const Board& b : boards) {
    ids.push_back(b.device_id);
    from.push_back(world().serial(b.name).size());
  }

  const auto shipped = Clock::now();
  const long long shipment = cloud().ship(firmware_id, ids, "lower_version");
  ASSERT_NE(shipment, 0);
  // Ship to success per board, as often as the shipment is polled (250 ms).
  std::vector<long long> success_ms(boards.size(), -1);
  nlohmann::json view;
  const bool done = eventually(
      [&] {
        view = cloud().shipment(shipment);
        if (!view.is_object()) return false;
        const long long elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - shipped).count();
        for (const auto& d : view["devices"]) {
          for (std::size_t i = 0; i < ids.size(); ++i) {
            if (ids[i] == d.value("deviceId", 0LL) && d.value("status", "") == "success" && success_ms[i] < 0)
              success_ms[i] = elapsed;
          }
        }
        return view.value("state", "") == "done";
      },
      120s, 250ms);
  ASSERT_TRUE(done) << "the shipment is not done after 120 s: " << view.dump();
  for (const auto& d : view["devices"])
    EXPECT_EQ(d.value("status", ""), "success") << "device " << d.value("deviceId", 0LL) << ": " << d.dump();

  std::vector<long long> download, verify, restart, login;
  for (std::size_t i = 0; i < boards.size(); ++i) {
    const Board& b = boards[i];
    // The cloud's record, as the console shows it (the lost attempt saw it stay empty).
    std::string seen;
    const bool recorded = eventually(
        [&] {
          const nlohmann::json d = cloud().device(b.device_id);
          seen = d.is_object() ? d.value("firmware", "") : "(no record)";
          return seen == "1.1.0";
        },
        60s, 250ms);
    EXPECT_TRUE(recorded) << b.name << ": the cloud's device record says firmware \"" << seen << "\"";
    const std::vector<BootLine> after = boots(b.name, from[i]);
    ASSERT_FALSE(after.empty()) << b.name << " never started the new firmware";
    EXPECT_EQ(after.back().version, "1.1.0") << b.name;
    EXPECT_EQ(after.back().slot, "a") << b.name;
    expect_config_kept(b);

    const long long started = stamp_of(b.name, "ota: downloading from", from[i]);
    const long long downloaded = stamp_of(b.name, "ota: downloaded ", from[i]);
    const long long verified = stamp_of(b.name, "verified; restarting into it", from[i]);
    const long long booted = stamp_of(b.name, "onboard-device 1.1.0", from[i]);
    const long long confirmed = stamp_of(b.name, "reached the cloud: confirmed", from[i]);
    if (started < 0 || downloaded < 0 || verified < 0 || booted < 0 || confirmed < 0) continue;
    download.push_back(downloaded - started);
    verify.push_back(verified - downloaded);
    restart.push_back(booted - verified);
    login.push_back(confirmed - booted);
  }
  std::cout << "figures (median of " << download.size() << " boards, ms): ship to success "
            << median(success_ms) << " (slowest " << *std::max_element(success_ms.begin(), success_ms.end())
            << "), download " << median(download) << ", verify " << median(verify) << ", restart "
            << median(restart) << ", login " << median(login) << "; image " << view.value("size", 0LL)
            << " bytes\n";
}

}  // namespace
}  // namespace onboard::e2e
