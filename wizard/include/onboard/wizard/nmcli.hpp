// nmcli command lines and the parsing of its terse (-t) output, kept free of I/O so they can
// be unit-tested on machines without NetworkManager. Used by NmWifi.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "onboard/wizard/failure.hpp"
#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard::nmcli {

// Splits one terse line on ':' honouring nmcli's escapes (`\:` and `\\`).
std::vector<std::string> split_terse(std::string_view line);

// `nmcli -t -f SSID,BSSID,CHAN,FREQ,SIGNAL,SECURITY device wifi list --rescan yes [ifname IF]`
std::vector<std::string> scan_command(const std::string& ifname);
// Rows of scan_command's output; hidden networks (empty SSID) are kept with an empty ssid.
std::vector<WifiNetwork> parse_scan(std::string_view output);

// nmcli's SECURITY column ("WPA1 WPA2", "WPA3", "WPA2 802.1X", "" / "--") in Edgent's names.
std::string security_name(std::string_view nm_security);
// NetworkManager derives its 0..100 signal from dBm as 2 * (dBm + 100), clamped.
int signal_to_dbm(int percent);

// `nmcli --wait S device wifi connect SSID [password P] [ifname IF]`. The password is on the
// command line, visible to local users for the life of the call: documented, and used only
// for networks with no saved profile.
std::vector<std::string> connect_command(const std::string& ssid, const std::string& password,
                                         const std::string& ifname, int wait_seconds);
// `nmcli --wait S connection up uuid U`
std::vector<std::string> up_command(const std::string& uuid, int wait_seconds);
// `nmcli connection delete uuid U` (forgets the temporary profile made for a device AP)
std::vector<std::string> delete_command(const std::string& uuid);
// `nmcli -t -f NAME,UUID,TYPE,DEVICE connection show --active`
std::vector<std::string> active_command();

struct ActiveConnection {
  std::string name;
  std::string uuid;
  std::string type;
  std::string device;
};
std::vector<ActiveConnection> parse_active(std::string_view output);
// The first active Wi-Fi connection (optionally on `ifname`), or nullptr.
const ActiveConnection* active_wifi(const std::vector<ActiveConnection>& all, const std::string& ifname);

// `nmcli -t -f ACTIVE,SSID device wifi list --rescan no [ifname IF]` -> the SSID marked "yes".
std::vector<std::string> active_ssid_command(const std::string& ifname);
std::string parse_active_ssid(std::string_view output);

// Maps a failed `connect`/`up` (exit code and stderr) to the wizard's reasons.
Failure classify_failure(int exit_code, std::string_view err, const std::string& ssid);

}  // namespace onboard::wizard::nmcli
