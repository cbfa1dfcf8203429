// The rules of firmware updates: who may upload and ship, which devices a
// shipment reaches, when a device is sent the `ota` command (at once when
// online, else at its next login; within its attempts per 24 h), what its next
// login means (success, rollback, a cut download to send again) and how the
// download link's use moves its progress. Each rule runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/store/firmware_files.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

// -1, 0, 1 as a is lower, equal or higher: dot-separated parts, numbers by value ("1.10" > "1.9").
int compare_versions(const std::string& a, const std::string& b);

// Why a request was refused, in words for the caller.
struct OtaRefusal {
  enum class Kind { Invalid, NotFound, Forbidden };
  Kind kind = Kind::Invalid;
  std::string reason;
};

template <typename T>
struct OtaAnswer {
  std::optional<T> value;
  OtaRefusal refusal;  // when value is empty
};

// The facts an image's header states (after the header, hash and size checks).
struct ImageFacts {
  std::string template_id;
  std::string version;
  std::string build;
};

struct ShipmentRequest {
  Id firmware_id = 0;
  std::optional<std::vector<Id>> device_ids;  // none: every device of the image's template
  ShipmentCondition condition = ShipmentCondition::LowerVersion;
  int attempts_per_day = 3;
};

// An `ota` command for a device: INTERNAL body "ota" NUL url, as the Blynk library reads it.
struct OtaCommand {
  Id device_id = 0;
  std::string body;
};

struct ShipmentView {
  Shipment shipment;
  FirmwareImage image;
  std::vector<OtaTarget> targets;
};

struct ByteRange {
  std::int64_t first = 0;
  std::optional<std::int64_t> last;  // inclusive; none: to the end
};

struct DownloadPart {
  FirmwareImage image;
  std::int64_t first = 0;  // the bytes served: [first, first + bytes.size())
  std::string bytes;
  bool partial = false;  // a Range was asked for
  Id device_id = 0;      // whose link it is (for the log of ranges served)
  Id shipment_id = 0;
};

class Ota {
 public:
  // download_base: where devices reach the download links ("http://host:port").
  Ota(Store& store, const Clock& clock, FirmwareFiles& files, std::string download_base)
      : store_(store), clock_(clock), files_(files), download_base_(std::move(download_base)) {}

  void set_download_base(std::string base) { download_base_ = std::move(base); }
  const std::string& download_base() const { return download_base_; }

  // An image checked by the caller (facts from its header), written to the data
  // directory and recorded. Refused when the template is not the user's or not the header's.
  StoreResult<OtaAnswer<FirmwareImage>> add_image(const User& user, const std::string& template_id,
                                                  const ImageFacts& facts, const std::string& bytes);
  StoreResult<OtaAnswer<std::vector<FirmwareImage>>> images(const User& user, const std::string& template_id);

  // Records the shipment and its devices (all pending).
  StoreResult<OtaAnswer<Shipment>> ship(const User& user, const ShipmentRequest& request);
  StoreResult<OtaAnswer<ShipmentView>> view(const User& user, Id shipment_id);

  // The device runs `version` (and `build`, when it says): a login's info or,
  // for an online device, what it last said. Settles what that means for its
  // open shipment and answers the command to send it, if any.
  StoreResult<std::optional<OtaCommand>> on_version(Id device_id, const std::string& version,
                                                    const std::string& build);
  // The device said its update failed (or rolled back) and why.
  StoreStatus on_failure(Id device_id, bool rolled_back, const std::string& reason);

  // Serves (part of) the image behind a download token; counts the bytes served.
  StoreResult<OtaAnswer<DownloadPart>> download(const std::string& token,
                                                const std::optional<ByteRange>& range);

 private:
  StoreStatus settle_shipment(Records& r, Id shipment_id);

  Store& store_;
  const Clock& clock_;
  FirmwareFiles& files_;
  std::string download_base_;
};

}  // namespace onboard::cloud
