#include "onboard/device/ports/air/air_led.hpp"

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::port {

void AirLed::show(const hal::LedOutput& output) {
  if (shown_ && output.r == r_ && output.g == g_ && output.b == b_ && output.pattern == pattern_ &&
      output.state == state_)
    return;
  shown_ = true;
  r_ = output.r;
  g_ = output.g;
  b_ = output.b;
  pattern_.assign(output.pattern);
  state_.assign(output.state);
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kLed)
      .field("r", r_)
      .field("g", g_)
      .field("b", b_)
      .field("level", output.level)
      .field("pattern", pattern_)
      .field("state", state_);
  if (!writer.finish()) return;
  link_.request(AirRequest::Led, writer.line());
  ++sent_;
}

}  // namespace onboard::port
