// Starting an update, the boot after one (confirm or report the rollback), failures and
// their reports. The download is in ota_download.cpp, the checks in ota_verify.cpp.
#include <cstring>

#include "onboard/device/crc32.hpp"
#include "onboard/device/ota/ota_updater.hpp"
#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/pake/bytes.hpp"

namespace onboard::device {

bool parse_ota_public_key(std::string_view hex, std::uint8_t (&out)[ota::kPublicKeySize]) {
  return pake::hex_decode_exact(hex, out, sizeof out);
}

OtaUpdater::OtaUpdater(const Settings& settings, const OtaSettings& ota, const hal::Hal& hal,
                       hal::FirmwareSlots& slots, hal::ImageCheck& check)
    : settings_(settings), ota_(ota), hal_(hal), slots_(slots), check_(check), log_(hal.system, hal.clock) {}

void OtaUpdater::on_internal(std::string_view body, std::uint64_t now) {
  std::string_view url;
  if (!ota::read_start(body, url)) {
    log_.line() << "cloud: internal " << blynk::Fields(body).at(0);
    return;
  }
  if (phase_ != Phase::idle && url == std::string_view(url_, url_size_)) {
    log_.line() << "ota: already updating from this URL";
    return;
  }
  if (after_rollback_ || slots_.boot_state() == hal::BootState::rolled_back) {
    // The cloud may send the start again at the login after a rollback, before our report
    // reaches it: installing the same image again would only fail the same way. This boot
    // takes no start; the next login's (after the report) is taken.
    log_.line() << "ota: this boot follows a rollback: no new update until the next login";
    return;
  }
  start(url, now);
}

void OtaUpdater::start(std::string_view url, std::uint64_t now) {
  if (phase_ == Phase::restarting) return;  // a verified image waits for its restart
  close_stream();
  failed_ = false;
  phase_ = Phase::idle;
  if (url.size() >= kUrlCapacity) return fail(ota::FailReason::url, "the URL is too long");
  std::memcpy(url_, url.data(), url.size());
  url_[url.size()] = '\0';
  url_size_ = url.size();
  if (!ota::parse_url(std::string_view(url_, url_size_), parsed_)) {
    return fail(ota::FailReason::url, "not an http(s) URL this device can fetch");
  }
  if (parsed_.tls && hal_.tls == nullptr)
    return fail(ota::FailReason::url, "https, but this board has no TLS");
  // The path names the image; the query may carry a per-request token, so it is not part of the key.
  const std::string_view path = parsed_.target.substr(0, parsed_.target.find('?'));
  key_ = crc32(0, reinterpret_cast<const std::uint8_t*>(parsed_.host.data()), parsed_.host.size());
  key_ = crc32(key_, reinterpret_cast<const std::uint8_t*>(path.data()), path.size());
  std::uint32_t saved_key = 0;
  std::uint32_t saved_bytes = 0;
  slots_.load_progress(saved_key, saved_bytes);
  header_ok_ = false;
  resumed_ = false;
  full_retry_ = false;
  offset_ = 0;
  if (saved_key == key_ && saved_bytes > 0 && saved_bytes <= slots_.capacity()) {
    offset_ = saved_bytes;
    saved_ = saved_bytes;
    resumed_ = true;
    if (offset_ >= ota::kHeaderSize) {
      // The header is in the slot already: check it again before asking for more.
      if (!slots_.read(0, header_bytes_, ota::kHeaderSize))
        return fail(ota::FailReason::storage, "slot read");
      if (!check_header()) return;
    } else if (!slots_.read(0, header_bytes_, offset_)) {
      return fail(ota::FailReason::storage, "slot read");
    }
    log_.line() << "ota: resuming at byte " << static_cast<std::int64_t>(offset_);
  } else {
    start_over();
    if (failed_) return;
  }
  attempts_ = 0;
  backoff_ms_ = 0;
  if (header_ok_ && offset_ == header_.image_size()) {
    // The whole image was saved before a cut (between the download and the restart).
    return finish_download(now);
  }
  log_.line() << "ota: downloading from " << parsed_.host << " port " << static_cast<int>(parsed_.port);
  connect(now);
}

void OtaUpdater::start_over() {
  offset_ = 0;
  saved_ = 0;
  header_ok_ = false;
  if (!slots_.erase_inactive() || !slots_.save_progress(key_, 0)) {
    fail(ota::FailReason::storage, "cannot erase the inactive slot");
  }
}

bool OtaUpdater::save_progress() {
  if (!slots_.flush() || !slots_.save_progress(key_, offset_)) {
    fail(ota::FailReason::storage, "cannot save the download progress");
    return false;
  }
  saved_ = offset_;
  return true;
}

void OtaUpdater::fail(ota::FailReason reason, const char* why) {
  close_stream();
  phase_ = Phase::idle;
  failed_ = true;
  failure_ = reason;
  report_pending_ = true;
  rollback_report_ = false;
  log_.line() << "ota: failed (" << ota::to_string(reason) << "): " << why;
  // A refused or broken image must not be resumed into: the next start begins at byte 0.
  // A download that gave up keeps its progress, so a later start continues it.
  if (reason != ota::FailReason::download && reason != ota::FailReason::url) {
    slots_.erase_inactive();
    slots_.save_progress(0, 0);
  }
}

void OtaUpdater::on_cloud_ready(std::uint64_t) {
  switch (slots_.boot_state()) {
    case hal::BootState::trial:
      // The new image reached the cloud: it is the one to boot from now on.
      on_trial_ = false;
      boot_checked_ = true;
      if (slots_.mark_valid()) {
        log_.line() << "ota: firmware " << settings_.firmware_version << " reached the cloud: confirmed";
      } else {
        log_.line() << "ota: could not confirm the new firmware (boot record)";
      }
      break;
    case hal::BootState::rolled_back:
      after_rollback_ = true;
      if (!report_pending_) {
        log_.line() << "ota: the new firmware restarted before it reached the cloud: rolled back";
        failed_ = true;
        failure_ = ota::FailReason::rolled_back;
        report_pending_ = true;
        rollback_report_ = true;
      }
      break;
    case hal::BootState::normal: break;
  }
}

void OtaUpdater::poll(std::uint64_t now, CoreLink& core) {
  if (!boot_checked_) {
    boot_checked_ = true;
    on_trial_ = slots_.boot_state() == hal::BootState::trial;
    trial_deadline_ = now + ota_.trial_timeout_ms;
    if (on_trial_)
      log_.line() << "ota: firmware " << settings_.firmware_version << " on trial until it logs in";
  }
  if (on_trial_ && now >= trial_deadline_) {
    on_trial_ = false;
    log_.line() << "ota: the new firmware did not reach the cloud in "
                << static_cast<std::int64_t>(ota_.trial_timeout_ms / 1000) << " s: restarting to roll back";
    core.restart();
    return;
  }
  if (report_pending_ && core.cloud_ready()) {
    char body[48];
    const std::size_t n = ota::write_failed(failure_, body, sizeof body);
    if (n > 0 && core.send_internal(std::string_view(body, n))) {
      report_pending_ = false;
      if (rollback_report_ && !slots_.acknowledge_rollback()) log_.line() << "ota: boot record not updated";
      rollback_report_ = false;
    }
  }
  switch (phase_) {
    case Phase::idle: return;
    case Phase::waiting:
      if (now >= deadline_) connect(now);
      return;
    case Phase::verifying: return verify_step(now);
    case Phase::restarting:
      if (now >= deadline_) {
        phase_ = Phase::idle;
        core.restart();
      }
      return;
    default: return poll_stream(now);
  }
}

std::uint64_t OtaUpdater::next_wakeup_ms(std::uint64_t now) const {
  if (!boot_checked_) return now;
  switch (phase_) {
    case Phase::idle:
      if (report_pending_) return now + 100;
      return on_trial_ ? trial_deadline_ : ~std::uint64_t{0};
    case Phase::waiting:
    case Phase::restarting: return deadline_;
    case Phase::verifying: return now;
    default: return now + 10;  // a socket to poll; ports that wait on sockets wake sooner
  }
}

}  // namespace onboard::device
