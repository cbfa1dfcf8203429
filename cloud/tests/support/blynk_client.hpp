// A small Blynk device for tests, built on protocol/: logs in, sends info,
// pins, pings and events, and reads frames with a timeout.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onboard/protocol/blynk/command.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"
#include "support/connection.hpp"

namespace onboard::cloud::test {

struct ReceivedFrame {
  blynk::Command command;
  std::uint16_t id = 0;
  std::uint16_t length = 0;  // status for a RESPONSE
  std::string body;
  std::vector<std::string> fields() const;
};

class BlynkClient {
 public:
  using ms = std::chrono::milliseconds;

  bool connect(const std::string& endpoint, bool tls);
  // Sends HW_LOGIN and waits for its RESPONSE: the status, or nullopt when none came.
  std::optional<std::uint16_t> login(const std::string& token, ms timeout = ms(5000));
  // Sends INTERNAL info; fields are key/value pairs in order.
  std::uint16_t send_info(const std::vector<std::pair<std::string, std::string>>& info);
  std::uint16_t send(blynk::Command command, const std::vector<std::string>& fields);
  bool send_raw(std::string_view bytes);

  // The next frame; nullopt on timeout or close (closed() tells which).
  std::optional<ReceivedFrame> read(ms timeout = ms(3000));
  // Reads until a RESPONSE with this id arrives; other frames are kept in `other`.
  std::optional<std::uint16_t> wait_response(std::uint16_t id, ms timeout = ms(3000));
  // True once the server has closed (waits up to timeout, dropping frames).
  bool wait_closed(ms timeout = ms(3000));
  bool closed() const { return closed_; }
  Connection& connection() { return conn_; }

  std::vector<ReceivedFrame> other;

 private:
  std::uint16_t next_id();
  Connection conn_;
  blynk::StaticFrameDecoder<8192> decoder_;
  std::string pending_;
  std::uint16_t id_ = 0;
  bool closed_ = false;
};

// "vw" NUL pin NUL value as a field list.
std::vector<std::string> vw(int pin, const std::string& value);

}  // namespace onboard::cloud::test
