#include "onboard/cloud/domain/ota.hpp"

#include <algorithm>
#include <cctype>

#include "onboard/cloud/crypto/digest.hpp"
#include "onboard/cloud/crypto/token.hpp"
#include "onboard/protocol/ota/version.hpp"

namespace onboard::cloud {

namespace {
constexpr Millis kAttemptWindow = 24LL * 3600 * 1000;

template <typename T>
OtaAnswer<T> refused(OtaRefusal::Kind kind, std::string reason) {
  return OtaAnswer<T>{std::nullopt, OtaRefusal{kind, std::move(reason)}};
}

bool may_ship(const User& user) {
  return has_permission(user.role, Permission::ManageTemplates);
}

bool runs_image(const FirmwareImage& image, const std::string& version, const std::string& build) {
  return !version.empty() && compare_versions(version, image.version) == 0 &&
         (build.empty() || image.build.empty() || build == image.build);
}

bool under_way(OtaStatus s) {
  return s == OtaStatus::RequestSent || s == OtaStatus::Downloading || s == OtaStatus::Downloaded;
}

std::vector<std::string> version_parts(const std::string& v) {
  std::vector<std::string> parts(1);
  for (char c : v) {
    if (c == '.' || c == '-' || c == '+') {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  return parts;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}
}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  // The devices' own ordering whenever both read as versions (the images' always do).
  ota::Version va;
  ota::Version vb;
  if (ota::parse_version(a, va) && ota::parse_version(b, vb)) {
    const int c = ota::compare(va, vb);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  const auto pa = version_parts(a);
  const auto pb = version_parts(b);
  for (std::size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
    const std::string x = i < pa.size() ? pa[i] : "0";
    const std::string y = i < pb.size() ? pb[i] : "0";
    if (all_digits(x) && all_digits(y)) {
      const auto nx = x.substr(std::min(x.find_first_not_of('0'), x.size()));
      const auto ny = y.substr(std::min(y.find_first_not_of('0'), y.size()));
      if (nx.size() != ny.size()) return nx.size() < ny.size() ? -1 : 1;
      if (nx != ny) return nx < ny ? -1 : 1;
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

StoreResult<OtaAnswer<FirmwareImage>> Ota::add_image(const User& user, const std::string& template_id,
                                                     const ImageFacts& facts, const std::string& bytes) {
  using Answer = OtaAnswer<FirmwareImage>;
  if (!may_ship(user))
    return refused<FirmwareImage>(OtaRefusal::Kind::Forbidden, "only admins and staff upload firmware");
  auto tmpl = store_.read([&](Records& r) { return r.template_by_id(template_id); });
  if (!tmpl) return tmpl.error();
  if (!*tmpl || (*tmpl)->org_id != user.org_id)
    return refused<FirmwareImage>(OtaRefusal::Kind::NotFound, "no template " + template_id);
  if (facts.template_id != template_id) {
    return refused<FirmwareImage>(OtaRefusal::Kind::Invalid,
                                  "the image is for template " + facts.template_id + ", not " + template_id);
  }
  FirmwareImage image;
  image.template_id = template_id;
  image.org_id = user.org_id;
  image.version = facts.version;
  image.build = facts.build;
  image.size = static_cast<std::int64_t>(bytes.size());
  image.sha256 = sha256_hex(bytes);
  image.md5 = md5_hex(bytes);
  image.file = template_id + "-" + image.sha256 + ".img";
  image.created_at = clock_.now();
  // The file first: a record never names a file that is not whole on disk.
  if (auto failed = files_.save(image.file, bytes); !failed.empty())
    return store_failure(StoreErrorKind::Io, "saving the image: " + failed);
  auto id = store_.write([&](Records& r) { return r.insert_firmware(image); });
  if (!id) return id.error();
  image.id = *id;
  return Answer{image, {}};
}

StoreResult<OtaAnswer<std::vector<FirmwareImage>>> Ota::images(const User& user,
                                                               const std::string& template_id) {
  using List = std::vector<FirmwareImage>;
  auto tmpl = store_.read([&](Records& r) { return r.template_by_id(template_id); });
  if (!tmpl) return tmpl.error();
  if (!*tmpl || (*tmpl)->org_id != user.org_id)
    return refused<List>(OtaRefusal::Kind::NotFound, "no template " + template_id);
  auto list = store_.read([&](Records& r) { return r.firmware_of_template(template_id); });
  if (!list) return list.error();
  return OtaAnswer<List>{std::move(*list), {}};
}

StoreResult<OtaAnswer<Shipment>> Ota::ship(const User& user, const ShipmentRequest& request) {
  if (!may_ship(user))
    return refused<Shipment>(OtaRefusal::Kind::Forbidden, "only admins and staff ship firmware");
  if (request.attempts_per_day < 1 || request.attempts_per_day > 100)
    return refused<Shipment>(OtaRefusal::Kind::Invalid, "attemptsPerDay must be 1 to 100");
  std::optional<OtaAnswer<Shipment>> answer;
  auto status = store_.run(Store::Access::Write, [&](Records& r) -> StoreStatus {
    auto image = r.firmware_by_id(request.firmware_id);
    if (!image) return image.error();
    if (!*image || (*image)->org_id != user.org_id) {
      answer =
          refused<Shipment>(OtaRefusal::Kind::NotFound, "no firmware " + std::to_string(request.firmware_id));
      return done();
    }
    std::vector<Id> targets;
    if (request.device_ids) {
      for (Id id : *request.device_ids) {
        auto device = r.device_by_id(id);
        if (!device) return device.error();
        if (!*device || (*device)->org_id != user.org_id) {
          answer = refused<Shipment>(OtaRefusal::Kind::Invalid, "no device " + std::to_string(id));
          return done();
        }
        if ((*device)->template_id != (*image)->template_id) {
          answer =
              refused<Shipment>(OtaRefusal::Kind::Invalid, "device " + std::to_string(id) +
                                                               " runs template " + (*device)->template_id +
                                                               ", the image is for " + (*image)->template_id);
          return done();
        }
        if (std::find(targets.begin(), targets.end(), id) == targets.end()) targets.push_back(id);
      }
    } else {
      auto devices = r.devices_of_org(user.org_id, std::nullopt);
      if (!devices) return devices.error();
      for (const auto& d : *devices)
        if (d.template_id == (*image)->template_id) targets.push_back(d.id);
    }
    if (targets.empty()) {
      answer = refused<Shipment>(OtaRefusal::Kind::Invalid, "no device to ship to: template " +
                                                                (*image)->template_id + " has no devices");
      return done();
    }
    Shipment shipment;
    shipment.org_id = user.org_id;
    shipment.firmware_id = request.firmware_id;
    shipment.condition = request.condition;
    shipment.attempts_per_day = request.attempts_per_day;
    shipment.created_by = user.id;
    shipment.created_at = clock_.now();
    auto id = r.insert_shipment(shipment);
    if (!id) return id.error();
    shipment.id = *id;
    for (Id device : targets) {
      OtaTarget t;
      t.shipment_id = shipment.id;
      t.device_id = device;
      t.updated_at = shipment.created_at;
      if (auto s = r.insert_ota_target(t); !s) return s;
    }
    answer = OtaAnswer<Shipment>{shipment, {}};
    return done();
  });
  if (!status) return status.error();
  return std::move(*answer);
}

StoreResult<OtaAnswer<ShipmentView>> Ota::view(const User& user, Id shipment_id) {
  return store_.read([&](Records& r) -> StoreResult<OtaAnswer<ShipmentView>> {
    if (!may_ship(user))
      return refused<ShipmentView>(OtaRefusal::Kind::Forbidden, "only admins and staff see shipments");
    auto shipment = r.shipment_by_id(shipment_id);
    if (!shipment) return shipment.error();
    if (!*shipment || (*shipment)->org_id != user.org_id)
      return refused<ShipmentView>(OtaRefusal::Kind::NotFound, "no shipment " + std::to_string(shipment_id));
    auto image = r.firmware_by_id((*shipment)->firmware_id);
    if (!image) return image.error();
    auto targets = r.ota_targets_of_shipment(shipment_id);
    if (!targets) return targets.error();
    return OtaAnswer<ShipmentView>{
        ShipmentView{**shipment, image->value_or(FirmwareImage{}), std::move(*targets)}, {}};
  });
}

StoreStatus Ota::settle_shipment(Records& r, Id shipment_id) {
  auto targets = r.ota_targets_of_shipment(shipment_id);
  if (!targets) return targets.error();
  const bool finished =
      std::all_of(targets->begin(), targets->end(), [](const OtaTarget& t) { return is_outcome(t.status); });
  return r.update_shipment_state(shipment_id, finished ? "done" : "running");
}

StoreResult<std::optional<OtaCommand>> Ota::on_version(Id device_id, const std::string& version,
                                                       const std::string& build) {
  std::optional<OtaCommand> command;
  auto status = store_.run(Store::Access::Write, [&](Records& r) -> StoreStatus {
    command.reset();
    auto open = r.open_ota_targets_of_device(device_id);
    if (!open) return open.error();
    if (open->empty()) return done();
    const Millis now = clock_.now();
    // The newest shipment wins; older ones still open end here.
    for (std::size_t i = 0; i + 1 < open->size(); ++i) {
      auto t = (*open)[i];
      t.status = OtaStatus::Failed;
      t.reason = "replaced by shipment " + std::to_string(open->back().shipment_id);
      t.updated_at = now;
      if (auto s = r.update_ota_target(t); !s) return s;
      if (auto s = settle_shipment(r, t.shipment_id); !s) return s;
    }
    OtaTarget t = open->back();
    auto shipment = r.shipment_by_id(t.shipment_id);
    if (!shipment) return shipment.error();
    auto image = shipment->has_value() ? r.firmware_by_id((*shipment)->firmware_id)
                                       : StoreResult<std::optional<FirmwareImage>>(std::nullopt);
    if (!image) return image.error();
    if (!*shipment || !*image) return done();
    const auto& img = **image;
    auto finish = [&](OtaStatus outcome, std::string reason) -> StoreStatus {
      t.status = outcome;
      t.reason = std::move(reason);
      t.updated_at = now;
      if (auto s = r.update_ota_target(t); !s) return s;
      return settle_shipment(r, t.shipment_id);
    };
    if (runs_image(img, version, build)) return finish(OtaStatus::Success, "");
    // Back with another version after the whole image was served is not yet a rollback: served
    // is not received (the power may have gone mid-download, or before the install), so the
    // command goes out again and the device resumes. A device that tried the image and came
    // back reports `rolled_back` (on_failure); one that never reports uses up its attempts.
    if (!under_way(t.status) && (*shipment)->condition == ShipmentCondition::LowerVersion &&
        !version.empty() && compare_versions(version, img.version) >= 0) {
      return finish(OtaStatus::Failed, "the device runs " + version + ", not lower than " + img.version);
    }
    if (now - t.window_start >= kAttemptWindow) {
      t.window_start = now;
      t.attempts = 0;
    }
    if (t.attempts >= (*shipment)->attempts_per_day) {
      if (t.status == OtaStatus::DownloadLimitReached) return done();
      t.status = OtaStatus::DownloadLimitReached;
      t.reason = std::to_string(t.attempts) + " attempts in 24 h";
      t.updated_at = now;
      if (auto s = r.update_ota_target(t); !s) return s;
      return settle_shipment(r, t.shipment_id);
    }
    const auto token = random_token();
    if (!under_way(t.status)) t.from_version = version;
    ++t.attempts;
    t.previous_token_hash = t.token_hash;
    t.token_hash = token_hash(token);
    if (!under_way(t.status)) t.status = OtaStatus::RequestSent;
    t.reason.clear();
    t.updated_at = now;
    if (auto s = r.update_ota_target(t); !s) return s;
    if (auto s = settle_shipment(r, t.shipment_id); !s) return s;
    std::string body = "ota";
    body.push_back('\0');
    // The path names the image, the query holds the credential: a device that
    // resumes compares the path, so a new token for the same image still resumes.
    body += download_base_ + "/ota/" + img.sha256 + "?token=" + token;
    command = OtaCommand{device_id, std::move(body)};
    return done();
  });
  if (!status) return status.error();
  return command;
}

StoreStatus Ota::on_failure(Id device_id, bool rolled_back, const std::string& reason) {
  return store_.run(Store::Access::Write, [&](Records& r) -> StoreStatus {
    auto open = r.open_ota_targets_of_device(device_id);
    if (!open) return open.error();
    if (open->empty() || !under_way(open->back().status)) return done();
    auto t = open->back();
    t.status = rolled_back ? OtaStatus::Rollback : OtaStatus::Failed;
    t.reason = reason.substr(0, 200);
    t.updated_at = clock_.now();
    if (auto s = r.update_ota_target(t); !s) return s;
    return settle_shipment(r, t.shipment_id);
  });
}

StoreResult<OtaAnswer<DownloadPart>> Ota::download(const std::string& token,
                                                   const std::optional<ByteRange>& range) {
  std::optional<OtaAnswer<DownloadPart>> answer;
  auto status = store_.run(Store::Access::Write, [&](Records& r) -> StoreStatus {
    auto target = r.ota_target_by_token(token_hash(token));
    if (!target) return target.error();
    if (!*target || !under_way((*target)->status)) {
      answer = refused<DownloadPart>(OtaRefusal::Kind::NotFound,
                                     "this download link is unknown or no longer valid");
      return done();
    }
    auto shipment = r.shipment_by_id((*target)->shipment_id);
    if (!shipment) return shipment.error();
    auto image = *shipment ? r.firmware_by_id((*shipment)->firmware_id)
                           : StoreResult<std::optional<FirmwareImage>>(std::nullopt);
    if (!image) return image.error();
    if (!*image) {
      answer = refused<DownloadPart>(OtaRefusal::Kind::NotFound, "the image of this link is gone");
      return done();
    }
    const auto& img = **image;
    std::int64_t first = 0;
    std::int64_t last = img.size - 1;
    if (range) {
      first = range->first;
      if (range->last) last = std::min(*range->last, img.size - 1);
      if (first >= img.size || first > last) {
        answer = refused<DownloadPart>(OtaRefusal::Kind::Invalid, "the range starts past the image's " +
                                                                      std::to_string(img.size) + " bytes");
        return done();
      }
    }
    auto bytes = files_.read(img.file, first, last - first + 1);
    if (!bytes || static_cast<std::int64_t>(bytes->size()) != last - first + 1)
      return store_failure(StoreErrorKind::Io, "reading firmware file " + img.file);
    auto t = **target;
    t.served += static_cast<std::int64_t>(bytes->size());
    t.progress = std::max(t.progress, last + 1);
    t.status = last + 1 >= img.size ? OtaStatus::Downloaded : OtaStatus::Downloading;
    t.updated_at = clock_.now();
    if (auto s = r.update_ota_target(t); !s) return s;
    answer = OtaAnswer<DownloadPart>{
        DownloadPart{img, first, std::move(*bytes), range.has_value(), t.device_id, t.shipment_id}, {}};
    return done();
  });
  if (!status) return status.error();
  return std::move(*answer);
}

}  // namespace onboard::cloud
