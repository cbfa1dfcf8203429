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
  json.key("board").string(info.board);
  json.key("tmpl_id").string(info.tmpl_id);
  json.key("fw_type").string(info.fw_type);
  json.key("fw_ver").string(info.fw_ver);
  json.key("ssid").string(info.ssid);
  json.key("bssid").string(std::string_view(bssid, sizeof(bssid)));
  json.key("mac").string(std::string_view(mac, sizeof(mac)));
  json.key("last_error").integer(to_int(error_code_for(info.last_reason)));
  json.key("wifi_scan").boolean(info.wifi_scan);
  json.key("static_ip").boolean(info.static_ip);
  json.key("security").string(info.security);
  json.key("onboard").integer(info.onboard);
  json.key("last_reason").string(to_string(info.last_reason));
  json.end_object();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
