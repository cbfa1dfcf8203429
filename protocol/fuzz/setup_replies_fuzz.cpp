// Fuzzes the wizard's readers of setup replies: any bytes must be read or refused without a
// read past the input; a board info that reads must read again after the device's writer
// has written it back (texts may change: the writer replaces ill-formed UTF-8).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/json_reader.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

using namespace onboard::setup;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;
  const std::string_view doc(reinterpret_cast<const char*>(data), size);
  char scratch[8192];

  JsonReader reader(doc, scratch, sizeof scratch);
  for (int i = 0; i < 100000; ++i) {
    const JsonReader::Token t = reader.next();
    if (t == JsonReader::Token::end || t == JsonReader::Token::error) break;
    if (reader.depth() > JsonReader::kMaxDepth) std::abort();
  }

  BoardInfo info;
  if (read_board_info_json(doc, scratch, sizeof scratch, info)) {
    char json[4096];
    const std::size_t n = write_board_info_json(info, json, sizeof json);
    if (n > 0) {
      char scratch2[4096];
      BoardInfo again;
      if (!read_board_info_json(std::string_view(json, n), scratch2, sizeof scratch2, again)) std::abort();
      if (again.last_reason != info.last_reason || again.onboard != info.onboard) std::abort();
    }
  }
  ScanEntry entries[kMaxScanEntries];
  std::size_t count = 0;
  if (read_scan_json(doc, entries, kMaxScanEntries, &count) && count > kMaxScanEntries) std::abort();
  ConnectStatus status;
  (void)read_connect_status_json(doc, status);
  ConfigReply reply;
  (void)read_config_reply_json(doc, scratch, sizeof scratch, reply);
  return 0;
}
