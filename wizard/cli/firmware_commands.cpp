// `onboard firmware upload` and `onboard ship`: send a signed image to the cloud,
// ship it to devices and follow the shipment until every device has an outcome.
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "commands.hpp"

namespace onboard::cli {
namespace {

using namespace onboard::wizard;

bool is_outcome(const std::string& status) {
  return status == "success" || status == "failed" || status == "rollback" ||
         status == "download_limit_reached";
}

std::string describe(const ShipmentDevice& d) {
  std::string line = "device " + d.device_id + ": " + d.status;
  if (d.progress >= 0 && d.status == "downloading") line += " " + std::to_string(d.progress) + "%";
  if (!d.reason.empty()) line += " (" + d.reason + ")";
  return line;
}

nlohmann::json shipment_json(const ShipmentInfo& s) {
  nlohmann::json devices = nlohmann::json::array();
  for (const auto& d : s.devices) {
    nlohmann::json j{{"deviceId", d.device_id}, {"status", d.status}, {"bytesServed", d.bytes_served}};
    if (d.progress >= 0) j["progress"] = d.progress;
    if (!d.reason.empty()) j["reason"] = d.reason;
    devices.push_back(j);
  }
  return {{"id", s.id}, {"state", s.state}, {"version", s.version}, {"devices", devices}};
}

}  // namespace

int cmd_firmware_upload(const std::string& image_path, const std::string& template_id, bool json, Streams io,
                        const Catalog& texts) {
  std::ifstream in(image_path, std::ios::binary);
  if (!in) {
    return report_failure(io.err, texts,
                          fail(Reason::config_error, "cannot read the image file " + image_path +
                                                         " (make one with onboard-factory image)"));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto client = signed_in_cloud();
  if (!client) return report_failure(io.err, texts, client.failure());
  auto uploaded = client->upload_firmware(template_id, bytes.str());
  if (!uploaded) return report_failure(io.err, texts, uploaded.failure());
  if (json) {
    io.out << nlohmann::json{{"id", uploaded->id},           {"templateId", uploaded->template_id},
                             {"version", uploaded->version}, {"build", uploaded->build},
                             {"sha256", uploaded->sha256},   {"size", uploaded->size}}
                  .dump()
           << "\n";
    return 0;
  }
  io.out << "Uploaded firmware " << uploaded->id << ": version " << uploaded->version << " build "
         << uploaded->build << " for " << uploaded->template_id << " (" << uploaded->size << " bytes, sha256 "
         << uploaded->sha256 << ")\n"
         << "Ship it: onboard ship --firmware " << uploaded->id << "\n";
  return 0;
}

int cmd_ship(const ShipArgs& a, Streams io, const Catalog& texts) {
  std::ostream& progress = a.json ? io.err : io.out;
  auto client = signed_in_cloud();
  if (!client) return report_failure(io.err, texts, client.failure());
  auto shipment = client->ship(a.firmware_id, a.device_ids, a.condition);
  if (!shipment) return report_failure(io.err, texts, shipment.failure());
  const std::string id = shipment->id;
  progress << "Shipment " << id << " of firmware " << a.firmware_id << " started\n";
  if (a.no_wait) {
    if (a.json)
      io.out << nlohmann::json{{"id", id}, {"state", shipment->state}}.dump() << "\n";
    else
      progress << "Follow it: GET /api/v1/shipments/" << id << "\n";
    return 0;
  }
  // Prints each device's changes until every device has an outcome.
  std::map<std::string, std::string> shown;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(a.timeout_seconds);
  ShipmentInfo last;
  for (;;) {
    auto now = client->shipment(id);
    if (!now) return report_failure(io.err, texts, now.failure());
    last = *now;
    for (const auto& d : last.devices) {
      const auto line = describe(d);
      if (shown[d.device_id] != line) {
        progress << line << "\n" << std::flush;
        shown[d.device_id] = line;
      }
    }
    const bool finished =
        last.state == "done" || std::all_of(last.devices.begin(), last.devices.end(),
                                            [](const ShipmentDevice& d) { return is_outcome(d.status); });
    if (finished) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      if (a.json) io.out << shipment_json(last).dump() << "\n";
      return report_failure(
          io.err, texts,
          fail(Reason::timeout, "shipment " + id + " is still running after " +
                                    std::to_string(a.timeout_seconds) +
                                    " s; it goes on in the cloud (onboard ship does not stop it)"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  long ok = 0;
  for (const auto& d : last.devices) ok += d.status == "success" ? 1 : 0;
  if (a.json) io.out << shipment_json(last).dump() << "\n";
  progress << "Shipment " << id << " done: " << ok << " of " << last.devices.size() << " devices run version "
           << last.version << "\n";
  return ok == static_cast<long>(last.devices.size()) ? 0 : 1;
}

}  // namespace onboard::cli
