// The moves between networks: where home is, getting the phone back onto the network a call
// needs after it fell off, and going home at the end.
#include "session_runner.hpp"

namespace onboard::wizard {

bool lost_network(Reason reason) {
  return reason == Reason::unreachable || reason == Reason::timeout || reason == Reason::connection_closed ||
         reason == Reason::wifi_error || reason == Reason::network_not_found ||
         reason == Reason::join_timeout;
}

void ProvisioningSession::Runner::remember_home() {
  auto here = wifi_.current();
  if (here && *here) home_ = **here;
}

Status ProvisioningSession::Runner::join_home() {
  Status back = wifi_.rejoin(*home_, opt_.home_password);
  // The network given to the device is usually the home network, so its password helps a
  // backend that kept no profile for it, unless the device has just proved it wrong.
  const std::string& given = password_.empty() && opt_.password ? *opt_.password : password_;
  if (!back && home_->ssid == (opt_.network ? opt_.network->ssid : network_.ssid) && !given.empty() &&
      !password_rejected_ && given != opt_.home_password) {
    back = wifi_.rejoin(*home_, given);
  }
  return back;
}

bool ProvisioningSession::Runner::worth_again(Net net, Step which, const Failure& failure, Regain& regain) {
  if (!lost_network(failure.reason) || cancelled()) return false;
  if (net == Net::home && !home_) {
    // On no network at all when it started (dropped a moment before; a wired computer gets
    // here only when its cloud is away): the network the device is to join is the one the
    // user has internet on, and its password is at hand, so that is home.
    if (!opt_.network || opt_.network->hidden) return false;
    home_ = HomeLink{opt_.network->ssid, {}};
  }
  const std::string& want = net == Net::home ? home_->ssid : device_ap_;
  for (;;) {
    const auto now = Clock::now();
    if (now >= regain.until) return false;
    auto here = wifi_.current();
    const bool on = here && *here && (*here)->ssid == want;
    if (on) {
      // Back on it (or never off): the other end may still be coming up, so pause first.
      if (!regain.rejoined && now >= regain.patient_til) return false;
      return wait_a_little(regain.polls, regain.until).ok();
    }
    if (!regain.noted) {
      note(which, net == Net::home ? "note.phone_off_home" : "note.phone_left_ap", {{"subject", want}});
      regain.noted = true;
    }
    Status joined = net == Net::home ? join_home() : wifi_.join(device_ap_, "");
    if (joined) {
      if (net == Net::device_ap) on_device_ap_ = true;
      regain.rejoined = true;
      return true;
    }
    // Its AP is away for now (a board restarting, a router off): ask again in a moment.
    if (!wait_a_little(regain.polls, regain.until)) return false;
  }
}

Status ProvisioningSession::Runner::join_again(const std::function<Status()>& join) {
  const auto until = Clock::now() + opt_.rejoin_timeout;
  int polls = 0;
  Status joined = join();
  while (!joined && lost_network(joined.failure().reason) && Clock::now() < until) {
    if (!wait_a_little(polls, until)) break;
    joined = join();
  }
  return joined;
}

Status ProvisioningSession::Runner::rejoin_home() {
  if (on_device_ap_) {
    Status left = wifi_.leave();
    if (!left) note(Step::rejoin_home, "note.leaving_ap_failed", {{"detail", left.failure().message}});
    on_device_ap_ = false;
  }
  if (!home_) return Done{};
  // The router may be restarting, or home changing channel: keep asking for a while.
  Status back = join_again([&] { return join_home(); });
  if (!back) {
    const Failure& f = back.failure();
    return fail(Reason::home_unreachable, "could not return to '" + home_->ssid + "': " + f.message,
                Action::reconnect_home, home_->ssid);
  }
  return Done{};
}

void ProvisioningSession::Runner::clean_up() {
  if (!on_device_ap_ && !home_) return;
  Status back = rejoin_home();
  if (back && home_) note(Step::rejoin_home, "note.back_home", {{"subject", home_->ssid}});
  if (!back) note(Step::rejoin_home, "note.detail", {{"detail", back.failure().message}});
}

}  // namespace onboard::wizard
