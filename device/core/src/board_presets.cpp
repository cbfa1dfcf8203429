#include "onboard/device/board_presets.hpp"

#include <cstddef>

namespace onboard::device {
namespace {

constexpr const BoardConfig* kPresets[] = {
    &boards::kNodeMcu,
    &boards::kWemosD1Mini,
    &boards::kSparkfunBlynkBoard,
    &boards::kWittyCloud,
    &boards::kEsp32Wrover,
    &boards::kTtgoT7,
    &boards::kTtgoTOi,
    &boards::kEsp32DevModule,
    &boards::kEsp32C3Dev,
    &boards::kEsp32S2DevKit,
    &kCustomBoard,
};

static_assert(
    [] {
      for (const BoardConfig* board : kPresets) {
        if (button_shares_led_pin(*board)) return false;
      }
      return true;
    }(),
    "a preset shares its button and LED pin");

char fold(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c == '-' || c == ' ') return '_';
  return c;
}

bool same_name(std::string_view a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size(); ++i) {
    if (b[i] == '\0' || fold(a[i]) != fold(b[i])) return false;
  }
  return b[i] == '\0';
}

}  // namespace

const BoardConfig* find_board_preset(std::string_view name) {
  for (const BoardConfig* board : kPresets) {
    if (same_name(name, board->name)) return board;
  }
  return nullptr;
}

const BoardConfig* board_preset_at(std::size_t index) {
  return index < sizeof kPresets / sizeof kPresets[0] ? kPresets[index] : nullptr;
}

}  // namespace onboard::device
