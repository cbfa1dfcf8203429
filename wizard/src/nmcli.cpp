// nmcli's terse format: fields separated by ':', with ':' and '\' inside values escaped by '\'.
#include "onboard/wizard/nmcli.hpp"

#include <algorithm>
#include <charconv>

namespace onboard::wizard::nmcli {
namespace {

int to_int(std::string_view s) {
  int v = 0;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

std::vector<std::string> split_terse(std::string_view line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      fields.back() += line[++i];
    } else if (c == ':') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::vector<std::string> scan_command(const std::string& ifname) {
  std::vector<std::string> cmd{"nmcli",  "-t",   "-f",   "SSID,BSSID,CHAN,FREQ,SIGNAL,SECURITY",
                               "device", "wifi", "list", "--rescan",
                               "yes"};
  if (!ifname.empty()) cmd.insert(cmd.end(), {"ifname", ifname});
  return cmd;
}

std::string security_name(std::string_view s) {
  if (s.empty() || s == "--") return "OPEN";
  if (contains(s, "802.1X")) return "WPA2-EAP";
  bool wpa1 = contains(s, "WPA1");
  bool wpa2 = contains(s, "WPA2");
  bool wpa3 = contains(s, "WPA3");
  if (wpa2 && wpa3) return "WPA2+WPA3";
  if (wpa3) return "WPA3";
  if (wpa1 && wpa2) return "WPA+WPA2";
  if (wpa2) return "WPA2";
  if (wpa1) return "WPA";
  if (contains(s, "WEP")) return "WEP";
  return "unknown";
}

int signal_to_dbm(int percent) {
  return std::clamp(percent, 0, 100) / 2 - 100;
}

std::vector<WifiNetwork> parse_scan(std::string_view output) {
  std::vector<WifiNetwork> out;
  for (auto line : lines_of(output)) {
    auto f = split_terse(line);
    if (f.size() < 6) continue;
    WifiNetwork n;
    n.ssid = f[0];
    n.bssid = f[1];
    n.channel = to_int(f[2]);
    int mhz = to_int(f[3]);  // "2437 MHz"
    n.band = mhz >= 4900 ? Band::ghz5 : mhz > 0 ? Band::ghz24 : band_of_channel(n.channel);
    n.rssi = signal_to_dbm(to_int(f[4]));
    n.security = security_name(f[5]);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> connect_command(const std::string& ssid, const std::string& password,
                                         const std::string& ifname, int wait_seconds) {
  std::vector<std::string> cmd{"nmcli",   "--wait", std::to_string(wait_seconds), "device", "wifi",
                               "connect", ssid};
  if (!password.empty()) cmd.insert(cmd.end(), {"password", password});
  if (!ifname.empty()) cmd.insert(cmd.end(), {"ifname", ifname});
  return cmd;
}

std::vector<std::string> up_command(const std::string& uuid, int wait_seconds) {
  return {"nmcli", "--wait", std::to_string(wait_seconds), "connection", "up", "uuid", uuid};
}

std::vector<std::string> delete_command(const std::string& uuid) {
  return {"nmcli", "connection", "delete", "uuid", uuid};
}

std::vector<std::string> active_command() {
  return {"nmcli", "-t", "-f", "NAME,UUID,TYPE,DEVICE", "connection", "show", "--active"};
}

std::vector<ActiveConnection> parse_active(std::string_view output) {
  std::vector<ActiveConnection> out;
  for (auto line : lines_of(output)) {
    auto f = split_terse(line);
    if (f.size() < 4) continue;
    out.push_back(ActiveConnection{f[0], f[1], f[2], f[3]});
  }
  return out;
}

const ActiveConnection* active_wifi(const std::vector<ActiveConnection>& all, const std::string& ifname) {
  for (const auto& c : all) {
    bool wifi = c.type == "802-11-wireless" || c.type == "wifi";
    if (wifi && (ifname.empty() || c.device == ifname)) return &c;
  }
  return nullptr;
}

std::vector<std::string> active_ssid_command(const std::string& ifname) {
  std::vector<std::string> cmd{"nmcli", "-t",   "-f",       "ACTIVE,SSID", "device",
                               "wifi",  "list", "--rescan", "no"};
  if (!ifname.empty()) cmd.insert(cmd.end(), {"ifname", ifname});
  return cmd;
}

std::string parse_active_ssid(std::string_view output) {
  for (auto line : lines_of(output)) {
    auto f = split_terse(line);
    if (f.size() >= 2 && (f[0] == "yes" || f[0] == "*")) return f[1];
  }
  return {};
}

Failure classify_failure(int exit_code, std::string_view err, const std::string& ssid) {
  // nmcli exit codes: 3 timeout, 4 activation failed, 10 object not found.
  if (exit_code == 10 || contains(err, "No network with SSID")) {
    return fail(Reason::network_not_found, "no network named '" + ssid + "' is in range",
                Action::check_network_name, ssid);
  }
  if (contains(err, "Secrets were required") || contains(err, "802.1X supplicant") ||
      contains(err, "password for '") || contains(err, "(7)")) {
    return fail(Reason::wrong_password, "the password for '" + ssid + "' was refused", Action::check_password,
                ssid);
  }
  if (exit_code == 3)
    return fail(Reason::join_timeout, "joining '" + ssid + "' timed out", Action::move_phone_closer, ssid);
  std::string first_line(err.substr(0, err.find('\n')));
  return fail(Reason::wifi_error, "NetworkManager could not join '" + ssid + "': " + first_line);
}

}  // namespace onboard::wizard::nmcli
