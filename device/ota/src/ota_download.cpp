// The download: one GET with "Range: bytes=<written>-" per connection, the response head
// read bounded, the body written to the inactive slot; a cut waits and resumes.
#include <cstring>

#include "onboard/device/ota/ota_updater.hpp"
#include "onboard/protocol/ota/version.hpp"

namespace onboard::device {
namespace {

// Receives per poll at most this many chunks, so one run() stays short.
constexpr int kChunksPerPoll = 8;

}  // namespace

hal::Stream* OtaUpdater::stream() const {
  if (parsed_.tls) return hal_.tls;
  return &hal_.net;
}

void OtaUpdater::close_stream() {
  if (handle_ != hal::kNoHandle) stream()->close(handle_);
  handle_ = hal::kNoHandle;
}

void OtaUpdater::connect(std::uint64_t now) {
  close_stream();
  // The request goes out of buf_, which then takes the response.
  tx_size_ = ota::write_range_request(parsed_, offset_, reinterpret_cast<char*>(buf_), sizeof buf_);
  if (tx_size_ == 0) return fail(ota::FailReason::url, "the request does not fit");
  tx_sent_ = 0;
  head_.reset();
  attempt_start_offset_ = offset_;
  handle_ = stream()->connect(parsed_.host, parsed_.port);
  if (handle_ == hal::kNoHandle) return cut(now, "no socket");
  phase_ = Phase::connecting;
  deadline_ = now + ota_.connect_timeout_ms;
}

void OtaUpdater::cut(std::uint64_t now, const char* why) {
  close_stream();
  if (offset_ > saved_ && !save_progress()) return;
  if (offset_ > attempt_start_offset_) {
    attempts_ = 0;
    backoff_ms_ = 0;
    resumed_ = true;
  }
  if (++attempts_ >= ota_.max_attempts) return fail(ota::FailReason::download, why);
  backoff_ms_ = backoff_ms_ == 0 ? ota_.retry_start_ms : backoff_ms_ * 2;
  if (backoff_ms_ > ota_.retry_cap_ms) backoff_ms_ = ota_.retry_cap_ms;
  log_.line() << "ota: " << why << " at byte " << static_cast<std::int64_t>(offset_) << "; retrying in "
              << static_cast<std::int64_t>(backoff_ms_) << " ms";
  deadline_ = now + backoff_ms_;
  phase_ = Phase::waiting;
}

void OtaUpdater::poll_stream(std::uint64_t now) {
  hal::Stream& s = *stream();
  if (phase_ == Phase::connecting) {
    const hal::StreamState st = s.state(handle_);
    if (st == hal::StreamState::Connecting) {
      if (now >= deadline_) cut(now, "connect timeout");
      return;
    }
    if (st != hal::StreamState::Connected) return cut(now, "cannot connect");
    phase_ = Phase::requesting;
  }
  if (phase_ == Phase::requesting) {
    const hal::IoResult n = s.send(handle_, buf_ + tx_sent_, tx_size_ - tx_sent_);
    if (n < 0) return cut(now, "connection lost");
    tx_sent_ += static_cast<std::size_t>(n);
    if (tx_sent_ < tx_size_) return;
    phase_ = Phase::reading_head;
    deadline_ = now + ota_.idle_timeout_ms;
  }
  for (int i = 0; i < kChunksPerPoll && (phase_ == Phase::reading_head || phase_ == Phase::receiving); ++i) {
    const hal::IoResult n = s.receive(handle_, buf_, sizeof buf_);
    if (n == 0) {
      if (now >= deadline_) cut(now, "no data");
      return;
    }
    if (n < 0) return cut(now, "connection closed");
    deadline_ = now + ota_.idle_timeout_ms;
    std::size_t used = 0;
    const auto size = static_cast<std::size_t>(n);
    if (phase_ == Phase::reading_head) {
      const auto status = head_.feed(buf_, size, used);
      if (status == ota::ResponseHeadReader::Status::error) return cut(now, "bad response");
      if (status == ota::ResponseHeadReader::Status::need_more) continue;
      if (!on_head(now)) return;
      phase_ = Phase::receiving;
    }
    if (used < size && !on_body(buf_ + used, size - used, now)) return;
  }
}

bool OtaUpdater::on_head(std::uint64_t now) {
  const ota::ResponseHead& h = head_.head();
  if (h.chunked) {
    fail(ota::FailReason::download, "chunked response");
    return false;
  }
  std::uint64_t total = 0;
  if (h.status == 206) {
    if (!h.has_range || h.range_first != offset_) {
      cut(now, "the range answered is not the one asked for");
      return false;
    }
    total = h.has_total ? h.range_total : 0;
  } else if (h.status == 200) {
    if (offset_ > 0) {
      // The server ignored the Range header: the body starts at byte 0.
      log_.line() << "ota: the server sends the whole image: starting over";
      start_over();
      if (failed_) return false;
      attempt_start_offset_ = 0;
    }
    total = h.has_length ? h.content_length : 0;
  } else if (h.status == 416) {
    // What was saved does not fit the image the URL names now: begin again.
    start_over();
    if (!failed_) cut(now, "range not satisfiable");
    return false;
  } else if (h.status >= 400 && h.status < 500 && h.status != 408 && h.status != 429) {
    fail(ota::FailReason::download, "the server refused the download");
    return false;
  } else {
    cut(now, "server error");
    return false;
  }
  if (total > slots_.capacity()) {
    fail(ota::FailReason::size, "the image is larger than the firmware slot");
    return false;
  }
  if (header_ok_ && total != 0 && total != header_.image_size()) {
    fail(ota::FailReason::format, "the download's size differs from the header's");
    return false;
  }
  return true;
}

bool OtaUpdater::on_body(const std::uint8_t* data, std::size_t size, std::uint64_t now) {
  received_total_ += size;
  while (size > 0) {
    std::size_t take = size;
    if (header_ok_) {
      const std::size_t left = header_.image_size() - offset_;
      if (left == 0) {
        fail(ota::FailReason::format, "the server sends more than the image");
        return false;
      }
      if (take > left) take = left;
    } else if (offset_ < ota::kHeaderSize && take > ota::kHeaderSize - offset_) {
      take = ota::kHeaderSize - offset_;  // stop at the header's end to check it first
    }
    if (offset_ < ota::kHeaderSize) std::memcpy(header_bytes_ + offset_, data, take);
    if (!slots_.write(offset_, data, take)) {
      fail(ota::FailReason::storage, "cannot write the firmware slot");
      return false;
    }
    offset_ += static_cast<std::uint32_t>(take);
    data += take;
    size -= take;
    if (!header_ok_ && offset_ == ota::kHeaderSize && !check_header()) return false;
    if (offset_ - saved_ >= ota_.progress_every && !save_progress()) return false;
    if (header_ok_ && offset_ == header_.image_size()) {
      finish_download(now);
      return false;
    }
  }
  return true;
}

bool OtaUpdater::check_header() {
  const ota::HeaderError e = ota::read_header(header_bytes_, ota::kHeaderSize, header_);
  if (e != ota::HeaderError::none) {
    fail(ota::FailReason::format, "not an Onboard image");
    return false;
  }
  if (std::string_view(header_.template_id) != std::string_view(settings_.template_id)) {
    fail(ota::FailReason::template_id, "the image is for another template");
    return false;
  }
  ota::Version running;
  ota::Version offered;
  ota::parse_version(header_.version, offered);
  if (!ota::parse_version(settings_.firmware_version, running)) {
    // A running version that is not dotted numbers cannot be ordered: only downgrade-marked
    // images may replace it, so the rule cannot be sidestepped by an odd version string.
    running.parts[0] = 0xFFFFFFFFu;
  }
  if (ota::judge_version(running, offered, header_.downgrade()) == ota::VersionVerdict::refused) {
    fail(ota::FailReason::version, "not newer than the running firmware");
    return false;
  }
  if (header_.image_size() > slots_.capacity()) {
    fail(ota::FailReason::size, "the image is larger than the firmware slot");
    return false;
  }
  header_ok_ = true;
  return true;
}

void OtaUpdater::finish_download(std::uint64_t) {
  close_stream();
  if (!save_progress()) return;
  log_.line() << "ota: downloaded " << static_cast<std::int64_t>(offset_) << " bytes; verifying";
  check_.begin();
  verify_pos_ = 0;
  phase_ = Phase::verifying;
}

}  // namespace onboard::device
