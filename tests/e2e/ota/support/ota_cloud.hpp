// onboard-cloud in the air's internet host for the OTA scenarios: started with an admin and
// a template, asked over REST with curl from inside the world, its log read for the ranges
// it served.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.hpp"
#include "world.hpp"

namespace onboard::e2e {

struct RestReply {
  int status = 0;  // 0: no HTTP reply
  nlohmann::json body;
  std::string raw;
};

// One range the cloud served from a download link (its log line `ota download ...`).
struct ServedRange {
  long long device = 0;
  long long first = 0;
  long long last = 0;
};

class OtaCloud {
 public:
  static constexpr int kPort = 8080;  // the internet host is this world's own namespace
  static constexpr const char* kHost = "10.99.0.2";

  explicit OtaCloud(World& world);
  ~OtaCloud();
  OtaCloud(const OtaCloud&) = delete;
  OtaCloud& operator=(const OtaCloud&) = delete;

  // Empty when the cloud runs, signed in, with the template; else what went wrong.
  const std::string& error() const { return error_; }
  const std::string& template_id() const { return template_id_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

  // REST as the admin; `file` (when given) is sent as the body, as an octet stream.
  RestReply rest(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                 const std::filesystem::path& file = {});

  // POST the image file; the reply (201 with the image, or 400 with the reason).
  RestReply upload(const std::filesystem::path& image, const std::string& for_template = {});
  // POST /api/v1/shipments; the shipment's id (0 on failure).
  long long ship(long long firmware_id, const std::vector<long long>& devices, const std::string& condition,
                 int attempts_per_day = 10);
  nlohmann::json shipment(long long id);
  // The shipment's entry for one device (null when absent).
  nlohmann::json target(long long shipment_id, long long device_id);
  nlohmann::json device(long long id);

  std::string log() const;
  std::vector<ServedRange> served(long long device_id) const;

 private:
  World& world_;
  std::filesystem::path data_dir_;
  std::unique_ptr<Background> process_;
  std::string token_;
  std::string template_id_;
  std::string error_;
};

}  // namespace onboard::e2e
