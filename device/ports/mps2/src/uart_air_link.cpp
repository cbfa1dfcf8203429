#include "onboard/device/ports/mps2/uart_air_link.hpp"

#include <cstring>

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::mps2 {

void UartAirLink::begin(std::string_view host) {
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kHello).field("host", host).field("role", "board").finish();
  request(AirRequest::Hello, writer.line());
}

void UartAirLink::add_listener(AirListener* listener) {
  for (AirListener*& slot : listeners_) {
    if (slot == nullptr) {
      slot = listener;
      return;
    }
  }
}

std::uint32_t UartAirLink::request(AirRequest kind, std::string_view line) {
  if (pending_count_ == kMaxPending || line.size() > sizeof out_ - out_size_) {
    ++dropped_;
    return 0;
  }
  std::memcpy(out_ + out_size_, line.data(), line.size());
  out_size_ += line.size();
  const std::uint32_t tag = next_tag_++;
  pending_[pending_count_++] = {kind, tag};
  pump();
  return tag;
}

void UartAirLink::pump() {
  if (out_size_ > 0) {
    const std::size_t sent = uart_.write(reinterpret_cast<const std::uint8_t*>(out_), out_size_);
    std::memmove(out_, out_ + sent, out_size_ - sent);
    out_size_ -= sent;
  }
  for (;;) {
    const std::size_t got =
        uart_.read(reinterpret_cast<std::uint8_t*>(reader_.space()), reader_.space_size());
    reader_.commit(got);
    char* text = nullptr;
    std::size_t length = 0;
    bool any = false;
    for (air::LineReader::Result r; (r = reader_.next(&text, &length)) != air::LineReader::Result::none;) {
      any = true;
      if (r != air::LineReader::Result::line) continue;
      air::Message message;
      if (message.parse(text, length) == air::ParseError::none) dispatch(message);
    }
    if (got == 0 && !any) return;
  }
}

void UartAirLink::dispatch(const air::Message& message) {
  const bool final_line = message.is(air::verb::kOk) || message.is(air::verb::kError);
  if (message.is(air::verb::kButton) || message.is(air::verb::kLinkLost)) {
    for (AirListener* l : listeners_)
      if (l != nullptr) l->on_push(message);
    return;
  }
  if (pending_count_ == 0) return;
  const Pending front = pending_[0];
  if (!final_line) {
    for (AirListener* l : listeners_)
      if (l != nullptr) l->on_data(front.kind, front.tag, message);
    return;
  }
  std::memmove(pending_, pending_ + 1, (pending_count_ - 1) * sizeof(Pending));
  --pending_count_;
  for (AirListener* l : listeners_)
    if (l != nullptr) l->on_reply(front.kind, front.tag, message);
}

}  // namespace onboard::mps2
