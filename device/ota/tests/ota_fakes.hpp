// Fakes for the OTA tests: firmware slots in RAM (with power cuts), the real checks on
// libsodium, a CoreLink, and an HTTP file server on FakeNet that can cut every connection.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "onboard/device/extension.hpp"
#include "onboard/device/hal/firmware.hpp"
#include "onboard/device/testing/fake_net.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::device::ota_testing {

using testing::FakeNet;
using testing::Pipe;

// Slots in RAM: writes become durable on flush(), as on flash behind a write cache; a power
// cut throws away what was not flushed.
class FakeSlots final : public hal::FirmwareSlots {
 public:
  explicit FakeSlots(std::size_t capacity) : data(capacity, 0xFF), durable(capacity, 0xFF) {}
  std::size_t capacity() const override { return data.size(); }
  bool erase_inactive() override {
    ++erases;
    std::fill(data.begin(), data.end(), 0xFF);
    durable = data;
    key = bytes = 0;
    return !broken;
  }
  bool write(std::size_t offset, const std::uint8_t* in, std::size_t size) override {
    if (broken || offset + size > data.size()) return false;
    std::copy(in, in + size, data.begin() + static_cast<long>(offset));
    return true;
  }
  bool read(std::size_t offset, std::uint8_t* out, std::size_t size) override {
    if (offset + size > data.size()) return false;
    std::copy(data.begin() + static_cast<long>(offset), data.begin() + static_cast<long>(offset + size), out);
    return true;
  }
  bool flush() override {
    durable = data;
    return !broken;
  }
  bool save_progress(std::uint32_t k, std::uint32_t b) override {
    key = k;
    bytes = b;
    return !broken;
  }
  void load_progress(std::uint32_t& k, std::uint32_t& b) override {
    k = key;
    b = bytes;
  }
  bool mark_pending(std::size_t offset, std::size_t size) override {
    pending_offset = offset;
    pending_size = size;
    ++pendings;
    key = bytes = 0;
    return true;
  }
  hal::BootState boot_state() const override { return state; }
  bool mark_valid() override {
    ++valids;
    state = hal::BootState::normal;
    return true;
  }
  bool acknowledge_rollback() override {
    ++acks;
    state = hal::BootState::normal;
    return true;
  }
  void power_cut() { data = durable; }

  std::vector<std::uint8_t> data;
  std::vector<std::uint8_t> durable;
  std::uint32_t key = 0;
  std::uint32_t bytes = 0;
  std::size_t pending_offset = 0;
  std::size_t pending_size = 0;
  int pendings = 0;
  int erases = 0;
  int valids = 0;
  int acks = 0;
  bool broken = false;
  hal::BootState state = hal::BootState::normal;
};

class SodiumCheck final : public hal::ImageCheck {
 public:
  void begin() override { check_.begin(); }
  void signed_bytes(const std::uint8_t* d, std::size_t n) override { check_.signed_bytes(d, n); }
  void payload_bytes(const std::uint8_t* d, std::size_t n) override { check_.payload_bytes(d, n); }
  void payload_sha256(std::uint8_t out[kSha256Size]) override {
    const auto sha = check_.payload_sha256();
    std::copy(sha.begin(), sha.end(), out);
  }
  bool signature_valid(const std::uint8_t sig[kSignatureSize],
                       const std::uint8_t key[kPublicKeySize]) override {
    ota::PublicKey k{};
    std::copy(key, key + kPublicKeySize, k.begin());
    return check_.signature_valid(sig, k);
  }

 private:
  ota::StreamingImageCheck check_;
};

class FakeLink final : public CoreLink {
 public:
  bool cloud_ready() const override { return ready; }
  bool send_internal(std::string_view body) override {
    if (!ready) return false;
    sent.emplace_back(body);
    return true;
  }
  void restart() override { ++restarts; }
  bool ready = true;
  std::vector<std::string> sent;
  int restarts = 0;
};

// An HTTP server on FakeNet's outgoing connections: answers a GET (with or without Range)
// from `image`, optionally cutting each connection after `cut_after` body bytes.
class FakeFileServer {
 public:
  // Takes the connections to `host`; others go to whoever listened before (a FakeCloud).
  explicit FakeFileServer(FakeNet& net, std::string host = "files.test") : net_(net), host_(std::move(host)) {
    auto previous = net_.on_connect;
    net_.on_connect = [this, previous](Pipe& p) {
      if (p.host != host_) {
        if (previous) previous(p);
        return;
      }
      ++connects;
      p.state = reachable ? hal::StreamState::Connected : hal::StreamState::Failed;
    };
  }
  void pump() {
    for (auto& p : net_.outgoing) {
      if (p->host != host_ || p->device_closed || p->peer_closed || p->state != hal::StreamState::Connected)
        continue;
      const std::size_t end = p->from_device.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      const std::string request = p->from_device.substr(0, end);
      p->from_device.erase(0, end + 4);
      requests.push_back(request);
      answer(*p, request);
    }
  }

  std::string image;
  int status = 0;  // non-zero: answer this status with no body
  bool ignore_range = false;
  std::size_t cut_after = 0;  // 0: never
  bool reachable = true;
  int connects = 0;
  std::size_t body_bytes_sent = 0;
  std::vector<std::string> requests;

 private:
  void answer(Pipe& p, const std::string& request) {
    if (status != 0) {
      p.to_device += "HTTP/1.1 " + std::to_string(status) + " No\r\nContent-Length: 0\r\n\r\n";
      p.peer_closed = true;
      return;
    }
    std::size_t from = 0;
    const std::size_t r = request.find("Range: bytes=");
    if (r != std::string::npos && !ignore_range) from = std::stoul(request.substr(r + 13));
    std::string body = image.substr(from);
    if (from > 0) {
      p.to_device += "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(from) + "-" +
                     std::to_string(image.size() - 1) + "/" + std::to_string(image.size()) +
                     "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    } else {
      p.to_device += "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    }
    if (cut_after != 0 && body.size() > cut_after) body.resize(cut_after);
    body_bytes_sent += body.size();
    p.to_device += body;
    p.peer_closed = true;  // Connection: close, or the cut
  }
  FakeNet& net_;
  std::string host_;
};

}  // namespace onboard::device::ota_testing
