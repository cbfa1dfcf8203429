// WifiBackend for a phone in the virtual world: protocol/air lines over the onboard-air
// daemon's Unix socket (ONBOARD_AIR_SOCKET / ONBOARD_AIR_HOST under `onboard-air exec`).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard {

class AirWifi : public WifiBackend {
 public:
  AirWifi(std::string socket_path, std::string host,
          std::chrono::milliseconds timeout = std::chrono::seconds(15));
  ~AirWifi() override;
  AirWifi(const AirWifi&) = delete;
  AirWifi& operator=(const AirWifi&) = delete;

  // From ONBOARD_AIR_SOCKET and ONBOARD_AIR_HOST; fails when they are not set.
  static Result<std::unique_ptr<AirWifi>> from_environment();

  // The world keeps no passwords for phones; a network joined (or remembered) here can be
  // rejoined without asking again.
  void remember(const std::string& ssid, const std::string& password) { known_[ssid] = password; }

  Result<std::vector<WifiNetwork>> scan() override;
  Status join(const std::string& ssid, const std::string& password) override;
  Status leave() override;
  Result<std::optional<HomeLink>> current() override;
  Status rejoin(const HomeLink& home, const std::string& password) override;

  // Pushes (link_lost ...) seen so far, as "reason ssid" strings, oldest first.
  const std::vector<std::string>& link_events() const { return link_events_; }

 private:
  struct Line {
    std::string verb;
    std::map<std::string, std::string> fields;
    std::string get(const std::string& key) const {
      auto it = fields.find(key);
      return it == fields.end() ? std::string() : it->second;
    }
  };
  struct Reply {
    std::vector<Line> data;
    Line final;
  };

  Status connect();
  Result<Reply> request(const std::string& line);
  Result<Line> read_line();
  Failure failure_of(const Line& error, const std::string& what) const;

  std::string socket_path_;
  std::string host_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
  std::string buffer_;
  std::map<std::string, std::string> known_;
  std::vector<std::string> link_events_;
};

}  // namespace onboard::wizard
