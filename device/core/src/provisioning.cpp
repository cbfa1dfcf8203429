// The provisioning state machine: joining a network and logging in, backoff
// retries, try-before-commit of a new configuration with rollback, and reset.
#include <cstring>

#include "onboard/device/provisioning.hpp"

namespace onboard::device {
namespace {

using setup::ConnectState;
using setup::Reason;

hal::StationConfig station_config(const NetworkConfig& c) {
  hal::StationConfig s;
  std::memcpy(s.ssid, c.ssid, c.ssid_len);
  s.ssid_len = c.ssid_len;
  std::memcpy(s.password, c.password, c.password_len);
  s.password[c.password_len] = '\0';
  s.static_ip = c.static_ip;
  s.ip.value = c.ip;
  s.mask.value = c.mask;
  s.gateway.value = c.gateway;
  s.dns.value = c.dns;
  s.dns2.value = c.dns2;
  return s;
}

}  // namespace

Reason Provisioning::reason_for_join(hal::LinkFailure failure) const {
  switch (failure) {
    case hal::LinkFailure::WrongPassword: return Reason::wrong_password;
    case hal::LinkFailure::NoIp: return Reason::no_ip;
    case hal::LinkFailure::Timeout: return Reason::join_timeout;
    case hal::LinkFailure::NetworkNotFound: {
      // Our own scan tells why a network was not found: seen only on 5 GHz, or
      // only with a security this radio cannot join.
      const NetworkConfig& c = active();
      bool seen = false, on_2g = false, joinable = false;
      for (std::size_t i = 0; i < scan_.count; ++i) {
        const hal::ScanResult& r = scan_.entries[i];
        if (r.ssid_len != c.ssid_len || std::memcmp(r.ssid, c.ssid, c.ssid_len) != 0) continue;
        seen = true;
        on_2g = on_2g || r.band == hal::Band::Ghz2_4;
        joinable =
            joinable || (r.security != hal::Security::Wpa2Enterprise && r.security != hal::Security::Wapi);
      }
      if (seen && !on_2g) return Reason::band_unsupported;
      if (seen && !joinable) return Reason::security_unsupported;
      return Reason::network_not_found;
    }
    default: return Reason::network_not_found;
  }
}

void Provisioning::start_attempt(std::uint64_t now) {
  const NetworkConfig& c = active();
  cloud_.stop();
  link_ = Link::Joining;
  deadline_ = now + settings_.join_timeout_ms;
  // A retry after a cloud failure keeps a link that is still up.
  const hal::StationStatus status = hal_.wifi.station_status();
  if (trying_ || status.state != hal::JoinState::Joined) {
    if (!hal_.wifi.join(station_config(c))) {
      failed(now, Reason::internal);
      return;
    }
  }
  if (trying_) try_state_ = ConnectState::joining;
  events_.on_state(State::ConnectingNet);
}

void Provisioning::poll(std::uint64_t now) {
  switch (link_) {
    case Link::Idle: return;
    case Link::Waiting:
      if (now >= retry_at_) start_attempt(now);
      return;
    case Link::Joining: {
      const hal::StationStatus status = hal_.wifi.station_status();
      if (status.state == hal::JoinState::Joined) {
        const NetworkConfig& c = active();
        log_.line() << "wifi: joined " << LogLine::Quoted{c.ssid_view()} << ", channel "
                    << static_cast<int>(status.channel) << ", rssi " << static_cast<int>(status.rssi);
        hal::Stream* stream = &hal_.net;
        if (c.tls) {
          if (hal_.tls == nullptr) {
            log_.line() << "cloud: TLS requested but this port has no TLS";
            failed(now, Reason::tls_failed);
            return;
          }
          stream = hal_.tls;
        }
        if (trying_) try_state_ = ConnectState::joined;
        link_ = Link::Cloud;
        events_.on_state(State::ConnectingCloud);
        cloud_.start(*stream, c.host_view(), c.port, c.tls, c.token_view(), now);
        if (trying_) try_state_ = ConnectState::cloud;
      } else if (status.state == hal::JoinState::Failed) {
        failed(now, reason_for_join(status.failure));
      } else if (now >= deadline_) {
        failed(now, Reason::join_timeout);
      }
      return;
    }
    case Link::Cloud:
    case Link::Online: {
      if (hal_.wifi.station_status().state != hal::JoinState::Joined) {
        log_.line() << "wifi: link lost";
        if (link_ == Link::Online) {
          went_offline(now, Reason::network_not_found);
        } else {
          failed(now, Reason::network_not_found);
        }
        return;
      }
      cloud_.poll(now, cloud_events_);
      if (link_ == Link::Cloud && cloud_.ready()) {
        succeeded(now);
      } else if (cloud_.phase() == CloudClient::Phase::Failed) {
        if (link_ == Link::Online) {
          went_offline(now, cloud_.failure());
        } else {
          failed(now, cloud_.failure());
        }
      }
      return;
    }
  }
}

void Provisioning::succeeded(std::uint64_t now) {
  const bool committed = trying_;
  if (trying_) {
    // Try before commit: only a configuration that reached the cloud is saved.
    candidate_.token_invalid = false;
    if (!store_.save(candidate_)) {
      log_.line() << "config: could not save the new configuration";
      failed(now, Reason::storage_failed);
      return;
    }
    stored_ = candidate_;
    has_stored_ = true;
    trying_ = false;
    try_state_ = ConnectState::activated;
    try_reason_ = Reason::none;
    log_.line() << "config: new configuration works and is saved";
  }
  link_ = Link::Online;
  last_reason_ = Reason::none;
  backoff_ms_ = 0;
  events_.on_state(State::Running);
  log_.line() << "cloud: online";
  events_.on_online(committed);
}

void Provisioning::schedule_retry(std::uint64_t now) {
  backoff_ms_ = backoff_ms_ == 0 ? settings_.backoff_start_ms : backoff_ms_ * 2;
  if (backoff_ms_ > settings_.backoff_cap_ms) backoff_ms_ = settings_.backoff_cap_ms;
  retry_at_ = now + backoff_ms_;
  link_ = Link::Waiting;
  log_.line() << "retrying in " << static_cast<std::int64_t>(backoff_ms_ / 1000) << " s";
}

void Provisioning::failed(std::uint64_t now, Reason reason) {
  cloud_.stop();
  last_reason_ = reason;
  log_.line() << "connect failed: " << setup::to_string(reason) << " ("
              << static_cast<int>(setup::to_int(setup::error_code_for(reason))) << ")";
  if (trying_) {
    // The new configuration is dropped; the saved one (if any) was never touched.
    trying_ = false;
    try_state_ = ConnectState::failed;
    try_reason_ = reason;
    hal_.wifi.leave();
    link_ = Link::Idle;
    if (has_stored_ && !stored_.token_invalid) {
      log_.line() << "config: rolling back to the saved network " << LogLine::Quoted{stored_.ssid_view()};
      schedule_retry(now);
    } else {
      events_.on_state(State::WaitConfig);
    }
    return;
  }
  if (reason == Reason::token_invalid) {
    // Re-provisioning needs a new token, not a new network: keep the Wi-Fi credentials.
    stored_.token_invalid = true;
    store_.save(stored_);
    hal_.wifi.leave();
    link_ = Link::Idle;
    events_.on_setup_needed();
    events_.on_state(State::WaitConfig);
    return;
  }
  schedule_retry(now);
}

void Provisioning::went_offline(std::uint64_t now, Reason reason) {
  log_.line() << "cloud: offline (" << setup::to_string(reason) << ")";
  offline_since_ = now;
  events_.on_offline();
  link_ = Link::Cloud;  // so attempt_failed treats it as a normal failure
  events_.on_state(State::ConnectingNet);
  failed(now, reason);
}

Provisioning::Accepted Provisioning::accept(const setup::ConfigRequest& r, std::uint64_t now) {
  NetworkConfig c;
  std::memcpy(c.ssid, r.ssid, r.ssid_len);
  c.ssid_len = r.ssid_len;
  std::memcpy(c.password, r.password, r.password_len);
  c.password_len = r.password_len;
  std::memcpy(c.token, r.token, r.token_len);
  c.token_len = r.token_len;
  if (r.host_len > 0) {
    std::memcpy(c.host, r.host, r.host_len);
    c.host_len = static_cast<std::uint8_t>(r.host_len);
  } else {
    const std::string_view host = settings_.cloud_host;
    c.host_len = static_cast<std::uint8_t>(host.size() < sizeof c.host ? host.size() : sizeof c.host);
    std::memcpy(c.host, host.data(), c.host_len);
  }
  // The key names the transport: port_ssl is TLS, port plain TCP (port_ssl wins when both
  // came); with neither, the build's endpoint (Settings::cloud_port, cloud_tls) stands.
  const setup::ConfigRequest::CloudPort asked = r.cloud_port();
  c.port = asked.given() ? asked.number : settings_.cloud_port;
  c.tls = asked.given() ? asked.tls : settings_.cloud_tls;
  c.static_ip = r.static_ip();
  c.ip = r.ip;
  c.mask = r.mask;
  c.gateway = r.gw;
  c.dns = r.dns;
  c.dns2 = r.dns2;

  cloud_.stop();
  candidate_ = c;
  backoff_ms_ = 0;
  if (r.save) {
    // Edgent's "save": commit at once (e.g. a network out of range today).
    if (!store_.save(c)) {
      last_reason_ = Reason::storage_failed;
      return Accepted::storage_failed;
    }
    stored_ = c;
    has_stored_ = true;
    trying_ = false;
    start_attempt(now);
    return Accepted::saved;
  }
  trying_ = true;
  try_reason_ = Reason::none;
  start_attempt(now);
  return Accepted::trying;
}

void Provisioning::erase() {
  cloud_.stop();
  hal_.wifi.leave();
  if (!store_.erase()) log_.line() << "config: erase failed";
  stored_ = NetworkConfig{};
  candidate_ = NetworkConfig{};
  has_stored_ = false;
  trying_ = false;
  link_ = Link::Idle;
  try_state_ = ConnectState::idle;
  try_reason_ = Reason::none;
  last_reason_ = Reason::none;
  backoff_ms_ = 0;
  log_.line() << "config: erased";
}

void Provisioning::pause() {
  cloud_.stop();
  hal_.wifi.leave();
  link_ = Link::Idle;
  trying_ = false;
}

Provisioning::Boot Provisioning::begin(std::uint64_t now) {
  switch (store_.load(stored_)) {
    case ConfigStore::Load::Found: has_stored_ = true; break;
    case ConfigStore::Load::Empty: break;
    case ConfigStore::Load::StorageError: log_.line() << "config: storage is too small or unreadable"; break;
  }
  offline_since_ = now;
  if (has_stored_ && !stored_.token_invalid) {
    log_.line() << "config: network " << LogLine::Quoted{stored_.ssid_view()} << ", cloud "
                << stored_.host_view();
    start_attempt(now);
    return Boot::connecting;
  }
  if (has_stored_) {
    last_reason_ = Reason::token_invalid;
    log_.line() << "config: the saved token was refused by the cloud: waiting for a new one";
  } else {
    log_.line() << "config: none saved";
  }
  return Boot::needs_setup;
}

std::uint64_t Provisioning::next_deadline() const {
  if (link_ == Link::Joining) return deadline_;
  if (link_ == Link::Waiting) return retry_at_;
  return UINT64_MAX;
}

}  // namespace onboard::device
