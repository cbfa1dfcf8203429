// The fixture of the provisioning scenarios: a fresh World per test, and the wizard and
// cloud questions the scenarios ask of it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "world_harness.hpp"

namespace onboard::e2e {

class Provisioning : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string missing = missing_prerequisite();
    if (!missing.empty()) GTEST_SKIP() << missing;
    world_ = std::make_unique<World>();
  }
  void TearDown() override { world_.reset(); }

  // `onboard add-device` for the AP `ap`, to the network `ssid` (default: "Home").
  nlohmann::json add_device(const std::string& ap, const std::string& password,
                            std::vector<std::string> more = {}, CommandResult* raw = nullptr) {
    return add_device_to(ap, "Home", password, std::move(more), raw);
  }
  nlohmann::json add_device_to(const std::string& ap, const std::string& ssid, const std::string& password,
                               std::vector<std::string> more = {}, CommandResult* raw = nullptr) {
    std::vector<std::string> args{"add-device", "--template", world_->template_id(), "--device", ap,
                                  "--ssid",     ssid,         "--password",          password};
    args.insert(args.end(), more.begin(), more.end());
    return world_->wizard(args, raw);
  }

  // The network a board's station is joined to now ("" when none).
  std::string board_network(const std::string& board) {
    auto status = nlohmann::json::parse(world_->air({"status", "--json"}).out, nullptr, false);
    if (status.is_discarded()) return "";
    for (const auto& host : status.value("hosts", nlohmann::json::array())) {
      if (host.value("name", "") == board && host["link"].is_object()) return host["link"].value("ssid", "");
    }
    return "";
  }

  // Whether the phone hears an AP of this name now.
  bool phone_hears(const std::string& ssid) {
    auto scan = nlohmann::json::parse(world_->air({"scan", "phone", "--json"}).out, nullptr, false);
    if (!scan.is_array()) return false;
    for (const auto& ap : scan) {
      if (ap.value("ssid", "") == ssid) return true;
    }
    return false;
  }

  // Whether GET /api/v1/devices lists the device as online now.
  bool listed_online(const std::string& device_id) {
    for (const auto& d : world_->rest("GET", "/api/v1/devices")) {
      if (id_of(d) == device_id) return d.value("online", false);
    }
    return false;
  }

  static std::string id_of(const nlohmann::json& device) {
    const auto& id = device.value("id", nlohmann::json());
    return id.is_number() ? std::to_string(id.get<long long>()) : id.is_string() ? id.get<std::string>() : "";
  }

  std::unique_ptr<World> world_;
};

}  // namespace onboard::e2e
