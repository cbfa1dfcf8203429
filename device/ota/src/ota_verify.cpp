// Verification of the image as the slot holds it, read back in chunks over several runs:
// payload SHA-256 against the header, then the Ed25519ph signature with the maker's key.
#include <cstring>

#include "onboard/device/ota/ota_updater.hpp"

namespace onboard::device {

void OtaUpdater::verify_step(std::uint64_t now) {
  const std::uint32_t signed_size = static_cast<std::uint32_t>(header_.signed_size());
  std::uint32_t budget = ota_.verify_bytes_per_run;
  while (verify_pos_ < signed_size && budget > 0) {
    std::uint32_t n = signed_size - verify_pos_;
    if (n > sizeof buf_) n = sizeof buf_;
    if (!slots_.read(verify_pos_, buf_, n))
      return fail(ota::FailReason::storage, "cannot read the slot back");
    check_.signed_bytes(buf_, n);
    if (verify_pos_ + n > ota::kHeaderSize) {
      const std::uint32_t from = verify_pos_ < ota::kHeaderSize ? ota::kHeaderSize - verify_pos_ : 0;
      check_.payload_bytes(buf_ + from, n - from);
    }
    verify_pos_ += n;
    budget = budget > n ? budget - n : 0;
  }
  if (verify_pos_ < signed_size) return;
  std::uint8_t sha[hal::ImageCheck::kSha256Size];
  check_.payload_sha256(sha);
  std::uint8_t signature[ota::kSignatureSize];
  if (!slots_.read(signed_size, signature, sizeof signature)) {
    return fail(ota::FailReason::storage, "cannot read the slot back");
  }
  ota::FailReason bad = ota::FailReason::hash;
  bool ok = std::memcmp(sha, header_.payload_sha256, sizeof sha) == 0;
  if (ok) {
    bad = ota::FailReason::signature;
    ok = ota_.public_key != nullptr && check_.signature_valid(signature, ota_.public_key);
  }
  if (!ok) {
    if (resumed_ && !full_retry_) {
      // Pieces from different connections may not belong together (the image behind the
      // URL changed): one more download from byte 0 before the image is called bad.
      log_.line() << "ota: check failed after a resumed download: downloading it whole once more";
      full_retry_ = true;
      resumed_ = false;
      start_over();
      if (failed_) return;
      attempts_ = 0;
      backoff_ms_ = 0;
      return connect(now);
    }
    return fail(bad, bad == ota::FailReason::hash ? "the payload's SHA-256 differs from the header's"
                                                  : "not signed with this firmware's key");
  }
  if (!slots_.mark_pending(ota::kHeaderSize, header_.payload_size)) {
    return fail(ota::FailReason::storage, "cannot write the boot record");
  }
  log_.line() << "ota: image " << header_.version << " verified; restarting into it";
  phase_ = Phase::restarting;
  deadline_ = now + ota_.restart_delay_ms;
}

}  // namespace onboard::device
