#include "onboard/device/ports/mps2/air_pins.hpp"

#include <cstring>

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::mps2 {

namespace {

bool same(const char (&stored)[32], std::string_view text) {
  return text.size() < sizeof stored && std::strlen(stored) == text.size() &&
         std::memcmp(stored, text.data(), text.size()) == 0;
}

void store(char (&stored)[32], std::string_view text) {
  const std::size_t n = text.size() < sizeof stored - 1 ? text.size() : sizeof stored - 1;
  std::memcpy(stored, text.data(), n);
  stored[n] = '\0';
}

}  // namespace

void AirButton::on_reply(AirRequest request, std::uint32_t, const air::Message& reply) {
  // hello tells a board powered on with the button held (a reset at boot).
  if (request == AirRequest::Hello && reply.is(air::verb::kOk) && reply.has("button"))
    down_ = reply.get("button") == "down";
}

void AirButton::on_push(const air::Message& push) {
  if (push.is(air::verb::kButton)) down_ = push.get("state") == "down";
}

void AirLed::show(const hal::LedOutput& output) {
  if (shown_ && output.r == r_ && output.g == g_ && output.b == b_ && same(pattern_, output.pattern) &&
      same(state_, output.state))
    return;
  shown_ = true;
  r_ = output.r;
  g_ = output.g;
  b_ = output.b;
  store(pattern_, output.pattern);
  store(state_, output.state);
  char line[256];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kLed)
      .field("r", r_)
      .field("g", g_)
      .field("b", b_)
      .field("level", output.level)
      .field("pattern", output.pattern)
      .field("state", output.state);
  if (writer.finish()) link_.request(AirRequest::Led, writer.line());
}

}  // namespace onboard::mps2
