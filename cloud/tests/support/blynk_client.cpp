#include "support/blynk_client.hpp"

#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"

namespace onboard::cloud::test {

std::vector<std::string> ReceivedFrame::fields() const {
  std::vector<std::string> out;
  for (auto f : blynk::Fields(body)) out.emplace_back(f);
  return out;
}

std::vector<std::string> vw(int pin, const std::string& value) {
  return {"vw", std::to_string(pin), value};
}

bool BlynkClient::connect(const std::string& endpoint, bool tls) {
  closed_ = false;
  pending_.clear();
  decoder_.reset();
  return conn_.open(endpoint, tls);
}

std::uint16_t BlynkClient::next_id() {
  if (++id_ == 0) id_ = 1;
  return id_;
}

bool BlynkClient::send_raw(std::string_view bytes) {
  return conn_.write_all(bytes);
}

std::uint16_t BlynkClient::send(blynk::Command command, const std::vector<std::string>& fields) {
  std::string body;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) body.push_back('\0');
    body += fields[i];
  }
  const auto id = next_id();
  std::string frame(blynk::kHeaderSize + body.size(), '\0');
  blynk::encode_message(command, id, body, reinterpret_cast<std::uint8_t*>(frame.data()), frame.size());
  conn_.write_all(frame);
  return id;
}

std::optional<std::uint16_t> BlynkClient::login(const std::string& token, ms timeout) {
  const auto id = send(blynk::Command::HwLogin, {token});
  return wait_response(id, timeout);
}

std::uint16_t BlynkClient::send_info(const std::vector<std::pair<std::string, std::string>>& info) {
  std::vector<std::string> fields;
  for (const auto& [k, v] : info) {
    fields.push_back(k);
    fields.push_back(v);
  }
  return send(blynk::Command::Internal, fields);
}

std::optional<ReceivedFrame> BlynkClient::read(ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    while (!pending_.empty()) {
      auto r = decoder_.feed(reinterpret_cast<const std::uint8_t*>(pending_.data()), pending_.size());
      pending_.erase(0, r.consumed);
      if (r.status == blynk::DecodeStatus::Frame) {
        const auto& f = decoder_.frame();
        return ReceivedFrame{static_cast<blynk::Command>(f.header.command), f.header.message_id,
                             f.header.length, std::string(f.body)};
      }
      if (r.status == blynk::DecodeStatus::Error) {
        closed_ = true;
        return std::nullopt;
      }
    }
    if (closed_) return std::nullopt;
    const auto left = std::chrono::duration_cast<ms>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    char buf[4096];
    const long n = conn_.read_some(buf, sizeof buf, left);
    if (n < 0) {
      closed_ = true;
      return std::nullopt;
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

std::optional<std::uint16_t> BlynkClient::wait_response(std::uint16_t id, ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<ms>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto frame = read(left);
    if (!frame) return std::nullopt;
    if (frame->command == blynk::Command::Response && frame->id == id) return frame->length;
    other.push_back(*frame);
  }
}

bool BlynkClient::wait_closed(ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!closed_) {
    const auto left = std::chrono::duration_cast<ms>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (auto f = read(left)) other.push_back(*f);
  }
  return true;
}

}  // namespace onboard::cloud::test
