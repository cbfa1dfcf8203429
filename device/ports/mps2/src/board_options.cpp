#include "onboard/device/ports/mps2/board_options.hpp"

#include <cstring>
#include <string_view>

#include "onboard/protocol/codec/percent.hpp"

namespace onboard::mps2 {

namespace {

bool parse_unsigned(const char* text, int base, std::uint64_t max, std::uint64_t* out) {
  if (*text == '\0') return false;
  std::uint64_t value = 0;
  for (const char* p = text; *p != '\0'; ++p) {
    const int digit = codec::hex_value(*p);
    if (digit < 0 || digit >= base) return false;
    value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
    if (value > max) return false;
  }
  *out = value;
  return true;
}

}  // namespace

int split_command_line(char* line, char** argv, int capacity) {
  int argc = 0;
  char* p = line;
  while (*p != '\0' && argc < capacity - 1) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    argv[argc++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  argv[argc] = nullptr;
  return argc;
}

bool parse_board_options(int argc, char** argv, BoardOptions* out, const char** why) {
  device::Settings& s = out->settings;
  bool port_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag(argv[i]);
    if (flag == "--cloud-plain") {
      s.cloud_tls = false;
      continue;
    }
    if (i + 1 >= argc) {
      *why = "an option lacks its value";
      return false;
    }
    char* value = argv[++i];
    const codec::DecodeResult decoded =
        codec::percent_decode(value, value, std::strlen(value) + 1, codec::Plus::literal);
    if (!decoded.ok()) {
      *why = "an argument is not percent-encoded correctly";
      return false;
    }
    value[decoded.size] = '\0';
    std::uint64_t number = 0;
    if (flag == "--host") {
      out->host = value;
    } else if (flag == "--chip-id") {
      if (std::strlen(value) > 16 || !parse_unsigned(value, 16, ~std::uint64_t{0}, &number)) {
        *why = "--chip-id is hex";
        return false;
      }
      out->chip_id = number;
    } else if (flag == "--storage") {
      out->storage = value;
    } else if (flag == "--template-id") {
      s.template_id = value;
    } else if (flag == "--template-name") {
      s.template_name = value;
    } else if (flag == "--firmware-version") {
      s.firmware_version = value;
    } else if (flag == "--ssid-prefix") {
      s.ssid_prefix = value;
    } else if (flag == "--cloud-host") {
      s.cloud_host = value;
    } else if (flag == "--cloud-port") {
      if (!parse_unsigned(value, 10, 65535, &number) || number == 0) {
        *why = "--cloud-port is 1..65535";
        return false;
      }
      s.cloud_port = static_cast<std::uint16_t>(number);
      port_given = true;
    } else if (flag == "--offline-ap-delay") {
      if (!parse_unsigned(value, 10, 0xFFFFFFFFu / 1000, &number)) {
        *why = "--offline-ap-delay is seconds";
        return false;
      }
      s.offline_ap_delay_ms = static_cast<std::uint32_t>(number * 1000);
    } else {
      *why = "unknown option";
      return false;
    }
  }
  // As onboard-device: a plain cloud listens on 8080 unless told otherwise.
  if (!s.cloud_tls && !port_given) s.cloud_port = 8080;
  return true;
}

}  // namespace onboard::mps2
