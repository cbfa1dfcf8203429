// WifiBackend for a phone in the virtual world: protocol/air lines over the onboard-air
// daemon's Unix socket (ONBOARD_AIR_SOCKET / ONBOARD_AIR_HOST under `onboard-air exec`),
// spoken through air_client, the client the onboard-air CLI uses too.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onboard/air_client/client.hpp"
#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard {

class AirWifi : public WifiBackend {
 public:
  AirWifi(std::string socket_path, std::string host,
          std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // From ONBOARD_AIR_SOCKET and ONBOARD_AIR_HOST; fails when they are not set.
  static Result<std::unique_ptr<AirWifi>> from_environment();

  // The world keeps no passwords for phones; a network joined (or remembered) here can be
  // rejoined without asking again.
  void remember(const std::string& ssid, const std::string& password) { known_[ssid] = password; }

  void watch(const CancelToken& token) override { cancel_ = token; }
  Result<std::vector<WifiNetwork>> scan() override;
  Status join(const std::string& ssid, const std::string& password) override;
  Status leave() override;
  Result<std::optional<HomeLink>> current() override;
  Status rejoin(const HomeLink& home, const std::string& password) override;

  // Pushes (link_lost ...) seen so far, as "reason ssid" strings, oldest first.
  const std::vector<std::string>& link_events() const { return link_events_; }

 private:
  Status connect();
  Result<air_client::Reply> request(std::string_view verb, const air_client::Fields& fields);
  Failure failure_of(const air_client::Line& error, const std::string& what) const;

  std::string socket_path_;
  std::string host_;
  std::chrono::milliseconds timeout_;
  std::optional<air_client::Client> client_;
  std::optional<CancelToken> cancel_;
  std::map<std::string, std::string> known_;
  std::vector<std::string> link_events_;
};

}  // namespace onboard::wizard
