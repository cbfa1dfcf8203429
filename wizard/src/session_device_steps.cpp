// The steps spoken over the device's access point, and the moves between networks.
#include <algorithm>

#include "onboard/protocol/setup/config_request.hpp"
#include "session_runner.hpp"

namespace onboard::wizard {

Status ProvisioningSession::Runner::find_device() {
  if (!home_) remember_home();
  const auto deadline = std::chrono::steady_clock::now() + opt_.device_search_timeout;
  bool noted = false;
  int polls = 0;
  std::vector<WifiNetwork> aps;
  for (;;) {
    auto scan = wifi_.scan();
    if (!scan) return scan.failure();
    phone_scan_ = std::move(*scan);
    aps = device_aps(phone_scan_, opt_.device_prefixes);
    const bool found = opt_.device_ssid
                           ? std::any_of(phone_scan_.begin(), phone_scan_.end(),
                                         [&](const auto& n) { return n.ssid == *opt_.device_ssid; })
                           : !aps.empty();
    if (found || std::chrono::steady_clock::now() >= deadline) break;
    if (!noted) {
      note(Step::find_device, "note.waiting_for_ap");
      noted = true;
    }
    if (Status w = wait_a_little(polls, deadline); !w) return w.failure();
  }
  if (opt_.device_ssid) {
    device_ap_ = *opt_.device_ssid;
    if (std::none_of(phone_scan_.begin(), phone_scan_.end(),
                     [&](const auto& n) { return n.ssid == device_ap_; })) {
      return fail(Reason::device_not_found, "no access point named '" + device_ap_ + "' is in range",
                  Action::put_device_in_setup_mode, device_ap_);
    }
    return Done{};
  }
  if (aps.empty()) {
    return fail(Reason::device_not_found, "no device in setup mode is in range");
  }
  auto chosen = choices_.choose_device(aps);
  if (!chosen) {
    return fail(Reason::missing_choice, std::to_string(aps.size()) + " devices are in range; which one?",
                Action::choose_device, aps.front().ssid);
  }
  device_ap_ = *chosen;
  return Done{};
}

Status ProvisioningSession::Runner::join_device() {
  // Its AP may be away for a moment (the board restarting): keep asking for a while.
  Status joined = join_again([&] { return wifi_.join(device_ap_, ""); });
  if (!joined) {
    const Failure& f = joined.failure();
    return fail(f.reason, "could not join the device's access point '" + device_ap_ + "': " + f.message,
                Action::move_phone_closer, device_ap_);
  }
  on_device_ap_ = true;
  return Done{};
}

Status ProvisioningSession::Runner::read_board_info() {
  auto info = keep_on(Net::device_ap, Step::board_info, [&] { return device_.board_info(); });
  if (!info) return info.failure();
  board_ = std::move(*info);
  if (board_.tmpl_id != prov_.template_id) {
    // Nothing has been sent: the token stays unused and simply expires in the cloud (there is
    // no REST call to delete a provisioning session).
    return fail(Reason::template_mismatch,
                "the device runs firmware for template " + board_.tmpl_id + " (" + board_.board + "), not " +
                    prov_.template_id + "; nothing was sent and the token was left unused",
                Action::choose_firmware_template, board_.tmpl_id);
  }
  if (!board_.is_onboard()) note(Step::board_info, "note.edgent_only");
  return secure_setup();
}

Status ProvisioningSession::Runner::read_device_scan() {
  auto scan = keep_on(Net::device_ap, Step::device_scan, [&] { return device_.wifi_scan(); });
  if (!scan) return scan.failure();
  device_scan_ = std::move(*scan);
  return Done{};
}

Status ProvisioningSession::Runner::choose_network() {
  std::optional<NetworkChoice> choice = opt_.network;
  if (!choice) choice = choices_.choose_network(visible_networks(device_scan_));
  if (!choice) return fail(Reason::missing_choice, "no network chosen", Action::choose_network);
  auto verdict = judge_network(choice->ssid, choice->hidden, device_scan_, phone_scan_);
  // The device's scan may be older than the network (a router that came up after the device
  // did). A device redoes a scan older than a few seconds when asked, so while the phone hears
  // the network itself, ask again for a while before saying the device cannot see it.
  const bool phone_hears = std::any_of(phone_scan_.begin(), phone_scan_.end(), [&](const WifiNetwork& n) {
    return n.ssid == choice->ssid && n.band == Band::ghz24;
  });
  if (!verdict && verdict.failure().reason == Reason::network_not_found && phone_hears) {
    constexpr auto kScanRefreshWait = std::chrono::seconds(15);
    const auto until = Clock::now() + kScanRefreshWait;
    note(Step::choose_network, "note.device_scan_again", {{"subject", choice->ssid}});
    int polls = 0;
    while (!verdict && verdict.failure().reason == Reason::network_not_found && Clock::now() < until) {
      if (Status w = wait_a_little(polls, until); !w) return w.failure();
      if (Status s = read_device_scan(); !s) return s.failure();
      verdict = judge_network(choice->ssid, choice->hidden, device_scan_, phone_scan_);
    }
  }
  if (!verdict) return verdict.failure();
  network_ = *choice;
  if (verdict->entry != nullptr) entry_ = *verdict->entry;
  if (verdict->hidden_guess) warn(Step::choose_network, "warn.hidden_network", {{"subject", choice->ssid}});
  if (opt_.password) {
    password_ = *opt_.password;
    return check_password_for(network_.ssid, password_, entry_ ? &*entry_ : nullptr);
  }
  return ask_password(false);
}

Status ProvisioningSession::Runner::ask_password(bool retry) {
  const DeviceNetwork* entry = entry_ ? &*entry_ : nullptr;
  if (!retry && entry != nullptr && entry->open()) {
    password_.clear();
    return Done{};
  }
  auto pw = choices_.password(network_.ssid, entry, retry);
  if (!pw)
    return fail(Reason::missing_choice, "no password given for '" + network_.ssid + "'",
                Action::give_password, network_.ssid);
  Status ok = check_password_for(network_.ssid, *pw, entry);
  if (!ok) return ok;
  password_ = *pw;
  password_rejected_ = false;
  return Done{};
}

DeviceCloudEndpoint device_cloud_endpoint(const SessionOptions& options, const Endpoint& server) {
  DeviceCloudEndpoint out;
  out.host = options.cloud_host.empty() ? server.host : options.cloud_host;
  out.port = options.cloud_port != 0 ? options.cloud_port : server.port;
  // A port of the user's own says nothing about the server URL's scheme: take it as TLS, the
  // port_ssl that Edgent apps send, unless told otherwise.
  out.tls = options.cloud_tls.value_or(options.cloud_port != 0 ? true : server.tls);
  return out;
}

Status ProvisioningSession::Runner::send_config(bool again) {
  setup::ConfigRequest req;
  const DeviceCloudEndpoint cloud = device_cloud_endpoint(opt_, cloud_.endpoint());
  if (!req.set_ssid(network_.ssid) || !req.set_password(password_) || !req.set_token(prov_.token) ||
      !req.set_host(cloud.host)) {
    return fail(Reason::invalid_config, "a field is too long for the device");
  }
  if (cloud.tls) {
    req.set_port_ssl(cloud.port);
  } else {
    req.set_port(cloud.port);
  }
  setup::ParseResult valid = setup::validate(req);
  if (!valid) {
    char text[128];
    std::size_t n = setup::format_error(valid, text, sizeof text);
    return fail(Reason::invalid_config, "the configuration is not valid: " + std::string(text, n));
  }
  if (!again) {
    note(Step::send_config, cloud.tls ? "note.cloud_endpoint_tls" : "note.cloud_endpoint_plain",
         {{"host", cloud.host}, {"port", std::to_string(cloud.port)}});
    if (!cloud.tls && !board_.is_onboard()) warn(Step::send_config, "warn.edgent_plain_port");
  }
  auto answer = keep_on(Net::device_ap, Step::send_config, [&] { return device_.send_config(req); });
  if (!answer) return answer.failure();
  if (answer->verdict == ConfigAnswer::Verdict::rejected) {
    return fail(Reason::invalid_config, "the device refused the configuration: " + answer->message,
                Action::check_network_fields, answer->field);
  }
  if (answer->verdict == ConfigAnswer::Verdict::maybe_accepted) {
    note(Step::send_config, "note.ap_dropped_on_config");
  }
  return Done{};
}

Status ProvisioningSession::Runner::follow_device() {
  const auto deadline = std::chrono::steady_clock::now() + opt_.device_connect_timeout;
  setup::ConnectState last_state = setup::ConnectState::idle;
  int rejoins_left = 2;
  bool rejoined = false;
  int polls = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    auto status = device_.connect_status();
    if (!status) {
      rejoined = true;
      // Expected (field pain 5): the AP moves to the router's channel once the device joins,
      // which drops the phone. Rejoining it learns the result soonest (a failure is only
      // known here); when the AP is gone, the cloud will tell.
      if (rejoins_left-- > 0 && wifi_.join(device_ap_, "")) {
        note(Step::device_connect, "note.ap_moved_rejoined");
        continue;
      }
      note(Step::device_connect, "note.ap_gone_following_cloud");
      on_device_ap_ = false;
      return Done{};
    }
    if (!status->has_value()) {
      note(Step::device_connect, "note.no_connect_status");
      return Done{};
    }
    const DeviceConnectStatus& s = **status;
    if (s.state != last_state && s.state != setup::ConnectState::idle &&
        s.state != setup::ConnectState::failed) {
      note(Step::device_connect, "note.device_state", {{"subject", std::string(setup::to_string(s.state))}});
      last_state = s.state;
    }
    if (s.state == setup::ConnectState::activated) {
      device_committed_ = true;
      return Done{};
    }
    // Nothing in progress after it took the configuration: it started afresh (lost power?), or
    // it never got it (the phone was dropped while sending). Its AP is up and the token still
    // good, so send it again before saying so.
    if (s.state == setup::ConnectState::idle && (rejoined || last_state != setup::ConnectState::idle)) {
      if (resends_left_-- <= 0)
        return fail(Reason::device_restarted, message_for(Reason::device_restarted, {}));
      note(Step::device_connect, "note.config_again");
      if (Status sent = send_config(true); !sent) return sent.failure();
      rejoined = false;
      rejoins_left = 2;
      last_state = setup::ConnectState::idle;
      continue;
    }
    if (s.state == setup::ConnectState::failed) {
      const Reason reason = from_device(s.reason);
      password_rejected_ = reason == Reason::wrong_password;
      // A try that met a moment when its network or the cloud was away (a router restarting,
      // an AP changing channel, a cloud restarting) is worth one more, once it is back.
      if (!retried_failure_ && passing(reason) && back_again(reason, deadline)) {
        retried_failure_ = true;
        note(Step::device_connect, "note.config_again_after", {{"subject", std::string(to_string(reason))}});
        if (Status sent = send_config(true); !sent) return sent.failure();
        rejoined = false;
        rejoins_left = 2;
        last_state = setup::ConnectState::idle;
        continue;
      }
      return device_failure(reason);
    }
    if (Status w = wait_a_little(polls, deadline); !w) return w.failure();
  }
  note(Step::device_connect, "note.device_no_result");
  return Done{};
}

bool ProvisioningSession::Runner::passing(Reason reason) {
  switch (reason) {
    case Reason::network_not_found:
    case Reason::join_timeout:
    case Reason::no_ip:
    case Reason::dns_failed:
    case Reason::cloud_unreachable:
    case Reason::cloud_timeout: return true;
    default: return false;
  }
}

bool ProvisioningSession::Runner::back_again(Reason reason, Clock::time_point deadline) {
  const auto until = std::min(deadline, Clock::now() + opt_.rejoin_timeout);
  int polls = 0;
  if (reason != Reason::network_not_found && reason != Reason::join_timeout && reason != Reason::no_ip) {
    // The cloud cannot be asked from the device's AP: give a restarting one a moment.
    constexpr auto kCloudPause = std::chrono::seconds(2);
    const auto pause_until = std::min(until, Clock::now() + kCloudPause);
    while (Clock::now() < pause_until) {
      if (!wait_a_little(polls, pause_until)) return false;
    }
    return true;
  }
  // The network: when the phone hears it again on 2.4 GHz.
  while (Clock::now() < until) {
    if (auto scan = wifi_.scan(); scan && std::any_of(scan->begin(), scan->end(), [&](const WifiNetwork& n) {
                                    return n.ssid == network_.ssid && n.band == Band::ghz24;
                                  }))
      return true;
    if (!wait_a_little(polls, until)) return false;
  }
  return false;
}

Failure ProvisioningSession::Runner::device_failure(Reason reason) const {
  Hint hint = default_hint(reason);
  if (reason == Reason::wrong_password || reason == Reason::network_not_found) hint.subject = network_.ssid;
  return fail(reason, message_for(reason, network_.ssid), hint);
}

std::optional<Failure> ProvisioningSession::Runner::look_for_device_back(Clock::time_point& next_look) {
  // Long enough that a device which is simply logging in is seen online first.
  constexpr auto kLookEvery = std::chrono::seconds(5);
  // A device that said "activated" has saved the configuration: after a restart it comes
  // online by itself, and its lingering AP is no reason to take the phone off home.
  if (device_committed_) return std::nullopt;
  const auto now = Clock::now();
  if (now < next_look) return std::nullopt;
  next_look = now + kLookEvery;
  return ask_device_why(true);
}

std::optional<Failure> ProvisioningSession::Runner::ask_device_why(bool may_resend) {
  auto scan = wifi_.scan();
  if (!scan) return std::nullopt;
  bool back = std::any_of(scan->begin(), scan->end(), [&](const auto& n) { return n.ssid == device_ap_; });
  if (!back || !wifi_.join(device_ap_, "")) return std::nullopt;
  on_device_ap_ = true;
  note(Step::activation, "note.asking_device_why");
  std::optional<Failure> why;
  auto status = device_.connect_status();
  if (status && status->has_value() && (*status)->reason != setup::Reason::none) {
    why = device_failure(from_device((*status)->reason));
  } else if (auto info = device_.board_info(); info && info->last_reason != setup::Reason::none) {
    why = device_failure(from_device(info->last_reason));
  } else if (status && status->has_value() && (*status)->state == setup::ConnectState::idle) {
    // It got the configuration (the cloud saw it or it said so) and now has none in progress:
    // it restarted before it saved it. It offers setup again, so give it again while there is
    // time; the activation wait goes on after.
    if (may_resend && resends_left_-- > 0) {
      note(Step::activation, "note.config_again");
      Status sent = send_config(true);
      if (sent) sent = follow_device();
      if (!sent) why = sent.failure();
    } else {
      why = fail(Reason::device_restarted, message_for(Reason::device_restarted, {}));
    }
  }
  clean_up();
  return why;
}

}  // namespace onboard::wizard
