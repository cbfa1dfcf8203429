// The board's radio link to onboard-air over a serial line (QEMU's UART0 wired
// to the air's control socket): protocol/air request lines are queued and sent
// as the UART takes them; replies and pushes are read back and handed to the
// listeners. One request at a time is answered, in order. No heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/ports/mps2/cmsdk_uart.hpp"
#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/line_reader.hpp"
#include "onboard/protocol/air/message.hpp"

namespace onboard::mps2 {

enum class AirRequest : std::uint8_t { Hello, Scan, Join, Leave, Status, ApStart, ApStop, Led };

class AirListener {
 public:
  // The final "ok"/"error" line of a request; tag is what request() returned.
  virtual void on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) = 0;
  // A data line before the final one (the "ap" lines of a scan).
  virtual void on_data(AirRequest request, std::uint32_t tag, const air::Message& line) = 0;
  // A push from the world ("button", "link_lost").
  virtual void on_push(const air::Message& push) = 0;

 protected:
  ~AirListener() = default;
};

class UartAirLink {
 public:
  static constexpr std::size_t kMaxListeners = 3;
  static constexpr std::size_t kMaxPending = 16;
  static constexpr std::size_t kOutBytes = 4 * air::kMaxLine;

  explicit UartAirLink(CmsdkUart& uart) : uart_(uart), reader_(in_, sizeof in_) {}
  UartAirLink(const UartAirLink&) = delete;
  UartAirLink& operator=(const UartAirLink&) = delete;

  // Sends "hello host=HOST role=board".
  void begin(std::string_view host);
  void add_listener(AirListener* listener);

  // Queues one line (with its '\n'); returns the tag its reply carries, or 0
  // when the queue is full (the request is dropped).
  std::uint32_t request(AirRequest kind, std::string_view line);
  // Moves bytes both ways and dispatches complete lines. Call in the loop.
  void pump();

  std::uint32_t dropped_requests() const { return dropped_; }

 private:
  struct Pending {
    AirRequest kind;
    std::uint32_t tag;
  };
  void dispatch(const air::Message& message);

  CmsdkUart& uart_;
  AirListener* listeners_[kMaxListeners] = {};
  char out_[kOutBytes];
  std::size_t out_size_ = 0;
  Pending pending_[kMaxPending] = {};
  std::size_t pending_count_ = 0;
  std::uint32_t next_tag_ = 1;
  std::uint32_t dropped_ = 0;
  char in_[2 * air::kMaxLine];
  air::LineReader reader_;
};

}  // namespace onboard::mps2
