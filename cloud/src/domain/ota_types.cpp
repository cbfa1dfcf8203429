#include "onboard/cloud/domain/ota_types.hpp"

namespace onboard::cloud {

std::string_view to_string(ShipmentCondition condition) {
  return condition == ShipmentCondition::Any ? "any" : "lower_version";
}

std::optional<ShipmentCondition> shipment_condition_from(std::string_view text) {
  if (text == "lower_version") return ShipmentCondition::LowerVersion;
  if (text == "any") return ShipmentCondition::Any;
  return std::nullopt;
}

std::string_view to_string(OtaStatus status) {
  switch (status) {
    case OtaStatus::Pending: return "pending";
    case OtaStatus::RequestSent: return "request_sent";
    case OtaStatus::Downloading: return "downloading";
    case OtaStatus::Downloaded: return "downloaded";
    case OtaStatus::Success: return "success";
    case OtaStatus::Failed: return "failed";
    case OtaStatus::Rollback: return "rollback";
    case OtaStatus::DownloadLimitReached: return "download_limit_reached";
  }
  return "failed";
}

std::optional<OtaStatus> ota_status_from(std::string_view text) {
  for (auto s :
       {OtaStatus::Pending, OtaStatus::RequestSent, OtaStatus::Downloading, OtaStatus::Downloaded,
        OtaStatus::Success, OtaStatus::Failed, OtaStatus::Rollback, OtaStatus::DownloadLimitReached}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

bool is_outcome(OtaStatus status) {
  return status == OtaStatus::Success || status == OtaStatus::Failed || status == OtaStatus::Rollback ||
         status == OtaStatus::DownloadLimitReached;
}

}  // namespace onboard::cloud
