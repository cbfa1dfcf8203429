// The device's over-the-air update, driven by run() like the rest of the core: download in
// chunks with HTTP Range (a cut resumes), write the inactive slot, verify, boot it on trial.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/extension.hpp"
#include "onboard/device/hal/firmware.hpp"
#include "onboard/device/hal/hal.hpp"
#include "onboard/device/log.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/protocol/ota/download.hpp"
#include "onboard/protocol/ota/image.hpp"
#include "onboard/protocol/ota/messages.hpp"

namespace onboard::device {

// The key `onboard-factory keygen` prints as ONBOARD_OTA_PUBLIC_KEY (64 hex digits) into
// the 32 bytes OtaSettings::public_key points to; false for anything else.
bool parse_ota_public_key(std::string_view hex, std::uint8_t (&out)[ota::kPublicKeySize]);

struct OtaSettings {
  // The maker's Ed25519 public key (32 bytes, from onboard-factory keygen). Null refuses
  // every image as `signature`.
  const std::uint8_t* public_key = nullptr;
  std::uint32_t connect_timeout_ms = 15000;
  std::uint32_t idle_timeout_ms = 15000;  // no byte for this long: a cut
  std::uint32_t retry_start_ms = 1000;    // after a cut, doubling up to retry_cap_ms
  std::uint32_t retry_cap_ms = 30000;
  std::uint8_t max_attempts = 8;         // consecutive attempts without a new byte, then `download`
  std::uint32_t progress_every = 16384;  // bytes between durable progress marks
  std::uint32_t verify_bytes_per_run = 4096;
  std::uint32_t restart_delay_ms = 500;  // after verification, so the log line gets out
  // A trial image that has not reached the cloud this long after boot restarts, which
  // rolls it back: a firmware that cannot log in (wrong cloud port) must not stay.
  std::uint32_t trial_timeout_ms = 300000;
};

class OtaUpdater final : public CoreExtension {
 public:
  enum class Phase : std::uint8_t {
    idle,
    connecting,
    requesting,
    reading_head,
    receiving,
    waiting,
    verifying,
    restarting
  };
  static constexpr std::size_t kUrlCapacity = 256;
  static constexpr std::size_t kChunk = 512;

  // All references must outlive the updater. Attach it to the Device before begin().
  OtaUpdater(const Settings& settings, const OtaSettings& ota, const hal::Hal& hal, hal::FirmwareSlots& slots,
             hal::ImageCheck& check);
  OtaUpdater(const OtaUpdater&) = delete;
  OtaUpdater& operator=(const OtaUpdater&) = delete;

  // CoreExtension
  void on_internal(std::string_view body, std::uint64_t now) override;
  void on_cloud_ready(std::uint64_t now) override;
  void poll(std::uint64_t now, CoreLink& core) override;
  std::uint64_t next_wakeup_ms(std::uint64_t now) const override;

  // What the cloud's "ota\0<url>" does.
  void start(std::string_view url, std::uint64_t now);

  Phase phase() const { return phase_; }
  // Bytes of the image in the slot so far, and its size once the header is read (else 0).
  std::uint32_t written() const { return offset_; }
  std::uint32_t image_size() const {
    return header_ok_ ? static_cast<std::uint32_t>(header_.image_size()) : 0;
  }
  // Body bytes received from the network since construction (what a cut costs).
  std::uint64_t bytes_received() const { return received_total_; }
  // The last failure (valid when has_failed()); a report to the cloud waits for a login.
  bool has_failed() const { return failed_; }
  ota::FailReason last_failure() const { return failure_; }
  bool report_pending() const { return report_pending_; }

 private:
  void fail(ota::FailReason reason, const char* why);
  void connect(std::uint64_t now);
  void cut(std::uint64_t now, const char* why);
  void close_stream();
  void start_over();
  bool save_progress();
  void poll_stream(std::uint64_t now);
  bool on_head(std::uint64_t now);
  bool on_body(const std::uint8_t* data, std::size_t size, std::uint64_t now);
  bool check_header();
  void finish_download(std::uint64_t now);
  void verify_step(std::uint64_t now);
  hal::Stream* stream() const;

  const Settings& settings_;
  const OtaSettings& ota_;
  const hal::Hal& hal_;
  hal::FirmwareSlots& slots_;
  hal::ImageCheck& check_;
  Log log_;

  Phase phase_ = Phase::idle;
  char url_[kUrlCapacity] = {};
  std::size_t url_size_ = 0;
  ota::DownloadUrl parsed_;
  std::uint32_t key_ = 0;

  hal::Handle handle_ = hal::kNoHandle;
  std::uint64_t deadline_ = 0;  // connect or idle timeout, or the retry / restart time
  std::uint32_t backoff_ms_ = 0;
  std::uint8_t attempts_ = 0;
  std::uint32_t attempt_start_offset_ = 0;
  std::size_t tx_size_ = 0;
  std::size_t tx_sent_ = 0;
  ota::ResponseHeadReader head_;

  std::uint32_t offset_ = 0;  // image bytes written to the slot
  std::uint32_t saved_ = 0;   // of which durable progress says so
  std::uint8_t header_bytes_[ota::kHeaderSize] = {};
  ota::ImageHeader header_;
  bool header_ok_ = false;
  bool resumed_ = false;     // this image's bytes came over more than one connection
  bool full_retry_ = false;  // a failed check of a resumed download is retried once from byte 0
  std::uint64_t received_total_ = 0;

  std::uint32_t verify_pos_ = 0;

  bool boot_checked_ = false;
  bool on_trial_ = false;
  std::uint64_t trial_deadline_ = 0;

  bool failed_ = false;
  ota::FailReason failure_ = ota::FailReason::download;
  bool report_pending_ = false;
  bool rollback_report_ = false;  // the pending report is the rollback: acknowledge once sent
  bool after_rollback_ = false;   // this boot rolled back: it takes no start (see on_internal)

  std::uint8_t buf_[kChunk] = {};
};

}  // namespace onboard::device
