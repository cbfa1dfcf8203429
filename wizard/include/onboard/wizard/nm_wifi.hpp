// WifiBackend on a real Linux laptop or Raspberry Pi, through NetworkManager's nmcli.
// Not yet tried on hardware: see docs/quickstart.md for what is and is not verified.
#pragma once

#include <memory>
#include <string>

#include "onboard/wizard/command_runner.hpp"
#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard {

class NmWifi : public WifiBackend {
 public:
  // `ifname` empty: let NetworkManager pick the Wi-Fi device.
  explicit NmWifi(std::string ifname = {},
                  std::unique_ptr<CommandRunner> runner = std::make_unique<ProcessRunner>())
      : ifname_(std::move(ifname)), runner_(std::move(runner)) {}

  Result<std::vector<WifiNetwork>> scan() override;
  Status join(const std::string& ssid, const std::string& password) override;
  Status leave() override;
  Result<std::optional<HomeLink>> current() override;
  Status rejoin(const HomeLink& home, const std::string& password) override;

 private:
  Result<CommandOutput> nmcli(const std::vector<std::string>& argv, int seconds);

  std::string ifname_;
  std::unique_ptr<CommandRunner> runner_;
  std::string joined_uuid_;  // the profile join() created, deleted again by leave()
  bool joined_temporary_ = false;
};

}  // namespace onboard::wizard
