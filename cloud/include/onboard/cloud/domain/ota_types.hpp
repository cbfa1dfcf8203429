// The records of firmware updates: images uploaded per template, shipments of
// an image to devices, and each device's progress in a shipment. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

struct FirmwareImage {
  Id id = 0;
  std::string template_id;
  Id org_id = 0;
  std::string version;    // from the image header, e.g. "1.4.0"
  std::string build;      // from the image header
  std::int64_t size = 0;  // bytes of the whole image file (header, payload, signature)
  std::string sha256;     // hex, of the whole image file: the x-sha256 download header
  std::string md5;        // hex, of the whole image file: the x-MD5 header the Blynk library checks
  std::string file;       // the file's name in the data directory's firmware/ folder
  Millis created_at = 0;
};

enum class ShipmentCondition { LowerVersion, Any };
std::string_view to_string(ShipmentCondition condition);
std::optional<ShipmentCondition> shipment_condition_from(std::string_view text);

struct Shipment {
  Id id = 0;
  Id org_id = 0;
  Id firmware_id = 0;
  ShipmentCondition condition = ShipmentCondition::LowerVersion;
  int attempts_per_day = 3;       // `ota` commands sent to one device per 24 h
  std::string state = "running";  // "running" until every device has an outcome, then "done"
  Id created_by = 0;
  Millis created_at = 0;
};

// A device's place in a shipment, in Blynk.Air's words.
enum class OtaStatus {
  Pending,               // not sent yet (the device is offline): sent when it logs in
  RequestSent,           // the `ota` command went out
  Downloading,           // the device fetched part of the image
  Downloaded,            // the device fetched the last byte
  Success,               // it came back with the new version
  Failed,                // with a reason
  Rollback,              // it came back with the version it had
  DownloadLimitReached,  // attempts_per_day used up (tried again after the 24 h window)
};
std::string_view to_string(OtaStatus status);
std::optional<OtaStatus> ota_status_from(std::string_view text);
// Success, Failed, Rollback and DownloadLimitReached: the device's outcome for now.
bool is_outcome(OtaStatus status);

struct OtaTarget {
  Id shipment_id = 0;
  Id device_id = 0;
  OtaStatus status = OtaStatus::Pending;
  std::string reason;         // for Failed and Rollback
  std::int64_t progress = 0;  // bytes: the furthest byte of the image served to the device
  std::int64_t served = 0;    // bytes served in all (more than the image: bytes downloaded again)
  int attempts = 0;           // commands sent in the current window
  Millis window_start = 0;    // when the current 24 h attempt window began
  // The download link's token, hashed; the one before it stays valid so a
  // device resuming with the link it saved is still served.
  std::string token_hash;
  std::string previous_token_hash;
  std::string from_version;  // what the device ran when the command was sent
  Millis updated_at = 0;
};

}  // namespace onboard::cloud
