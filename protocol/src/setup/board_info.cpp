#include "onboard/protocol/setup/board_info.hpp"

#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

std::size_t write_board_info_json(const BoardInfo& info, char* out, std::size_t cap) {
  char bssid[kMacTextLength];
  char mac[kMacTextLength];
  write_mac(info.bssid, bssid);
  write_mac(info.mac, mac);

  JsonWriter json(out, cap);
  json.begin_object();
  json.member("board", info.board);
  json.member("tmpl_id", info.tmpl_id);
  json.member("fw_type", info.fw_type);
  json.member("fw_ver", info.fw_ver);
  json.member("ssid", info.ssid);
  json.member("bssid", std::string_view(bssid, sizeof(bssid)));
  json.member("mac", std::string_view(mac, sizeof(mac)));
  json.member("last_error", static_cast<std::int64_t>(to_int(error_code_for(info.last_reason))));
  json.member("wifi_scan", info.wifi_scan);
  json.member("static_ip", info.static_ip);
  json.member("security", info.security);
  json.member("onboard", static_cast<std::int64_t>(info.onboard));
  json.member("last_reason", to_string(info.last_reason));
  json.end_object();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
