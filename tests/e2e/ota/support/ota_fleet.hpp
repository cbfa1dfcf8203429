// The fixture of the OTA scenarios: a world with a home network, a phone and the cloud;
// boards running onboard-device 1.0.0 with the maker's public key, provisioned through
// their setup AP as a user would; and what their serial monitors say about each boot.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ota_cloud.hpp"
#include "ota_images.hpp"
#include "scenario_test.hpp"

namespace onboard::e2e {

inline constexpr const char* kOldVersion = "1.0.0";

struct Board {
  std::string name;
  long long device_id = 0;
  std::string config;              // config.bin once it runs on the home network: must never change
  std::size_t provisioned_at = 0;  // serial log bytes by then: later boots must find it
};

// One start of onboard-device in a serial log: `onboard-device V: ... slot S, ...`.
struct BootLine {
  std::size_t at = 0;  // byte offset in the log
  std::string version;
  std::string slot;
};

class OtaScenario : public BoardScenario {
 protected:
  void SetUp() override;
  void TearDown() override;

  OtaCloud& cloud() { return *cloud_; }
  const MakerKey& maker() const { return maker_; }

  // Adds and provisions boards b1..bN in parallel; each ends online in the cloud.
  std::vector<Board> fleet(int count, const std::vector<std::string>& extra_flags = {});

  // A signed image of the test firmware for this template, uploaded; its firmware id.
  long long upload(const FirmwareSpec& spec, const std::string& file_name);
  FirmwareSpec firmware(const std::string& version) const;

  // Waits for the device's entry in the shipment to reach one of `statuses`; the entry.
  nlohmann::json wait_status(long long shipment, long long device, const std::vector<std::string>& statuses,
                             std::chrono::seconds limit);

  // Every start of the board's program so far, from byte `from` of its serial log.
  std::vector<BootLine> boots(const std::string& board, std::size_t from = 0);
  // The milliseconds of the day of the first line after `from` holding `text` (-1: none).
  long long stamp_of(const std::string& board, const std::string& text, std::size_t from = 0);

  std::string config_of(const std::string& board);
  // The saved network and token are what provisioning left: config.bin byte for byte, and
  // the cloud sees the same device online.
  void expect_config_kept(const Board& board);

  std::filesystem::path slot_image(const std::string& board, const std::string& slot);

 private:
  Board provision(const std::string& name, const std::string& phone, const std::vector<std::string>& flags);

  std::unique_ptr<OtaCloud> cloud_;
  MakerKey maker_;
};

}  // namespace onboard::e2e
