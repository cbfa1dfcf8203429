// NetworkManager through nmcli. A device AP is joined with a throw-away profile that leave()
// deletes, so the computer never reconnects to a device on its own later.
#include "onboard/wizard/nm_wifi.hpp"

#include "onboard/wizard/nmcli.hpp"

namespace onboard::wizard {
namespace {
constexpr int kJoinSeconds = 30;
}

Result<CommandOutput> NmWifi::nmcli(const std::vector<std::string>& argv, int seconds) {
  return runner_->run(argv, std::chrono::seconds(seconds + 5));
}

Result<std::vector<WifiNetwork>> NmWifi::scan() {
  auto r = nmcli(nmcli::scan_command(ifname_), 20);
  if (!r) return r.failure();
  if (r->exit_code != 0)
    return fail(Reason::wifi_error, "nmcli could not scan: " + r->err, Action::turn_wifi_on);
  return nmcli::parse_scan(r->out);
}

Status NmWifi::join(const std::string& ssid, const std::string& password) {
  auto r = nmcli(nmcli::connect_command(ssid, password, ifname_, kJoinSeconds), kJoinSeconds);
  if (!r) return r.failure();
  if (r->exit_code != 0) return nmcli::classify_failure(r->exit_code, r->err, ssid);
  auto active = nmcli(nmcli::active_command(), 5);
  joined_uuid_.clear();
  if (active && active->exit_code == 0) {
    auto all = nmcli::parse_active(active->out);
    if (const auto* c = nmcli::active_wifi(all, ifname_)) joined_uuid_ = c->uuid;
  }
  joined_temporary_ = true;
  return Done{};
}

Status NmWifi::leave() {
  if (!joined_temporary_ || joined_uuid_.empty()) return Done{};
  auto r = nmcli(nmcli::delete_command(joined_uuid_), 10);
  joined_temporary_ = false;
  joined_uuid_.clear();
  if (!r) return r.failure();
  return Done{};
}

Result<std::optional<HomeLink>> NmWifi::current() {
  auto r = nmcli(nmcli::active_command(), 5);
  if (!r) return r.failure();
  if (r->exit_code != 0) return fail(Reason::wifi_error, "nmcli could not list connections: " + r->err);
  auto all = nmcli::parse_active(r->out);
  const auto* c = nmcli::active_wifi(all, ifname_);
  if (c == nullptr) return std::optional<HomeLink>();
  HomeLink home{c->name, c->uuid};
  auto s = nmcli(nmcli::active_ssid_command(ifname_), 5);
  if (s && s->exit_code == 0) {
    std::string ssid = nmcli::parse_active_ssid(s->out);
    if (!ssid.empty()) home.ssid = ssid;
  }
  return std::optional<HomeLink>(home);
}

Status NmWifi::rejoin(const HomeLink& home, const std::string& password) {
  if (!home.profile.empty()) {
    auto r = nmcli(nmcli::up_command(home.profile, kJoinSeconds), kJoinSeconds);
    if (!r) return r.failure();
    if (r->exit_code == 0) return Done{};
    if (password.empty()) return nmcli::classify_failure(r->exit_code, r->err, home.ssid);
  }
  auto r = nmcli(nmcli::connect_command(home.ssid, password, ifname_, kJoinSeconds), kJoinSeconds);
  if (!r) return r.failure();
  if (r->exit_code != 0) return nmcli::classify_failure(r->exit_code, r->err, home.ssid);
  return Done{};
}

}  // namespace onboard::wizard
