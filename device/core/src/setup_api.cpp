// The setup API's request policy: which path gets which reply, the actions a
// request starts, and the bodies (JSON from protocol/setup). No sockets here.
#include <cstring>

#include "onboard/device/device_core.hpp"
#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

namespace onboard::device {
namespace {

using setup::Reason;

bool is_captive_probe(std::string_view path) {
  // What phones and laptops fetch to detect a captive portal; a redirect makes
  // them open the setup page by themselves (field pain 3).
  static constexpr std::string_view kProbes[] = {
      "/generate_204",
      "/gen_204",
      "/hotspot-detect.html",
      "/library/test/success.html",
      "/ncsi.txt",
      "/connecttest.txt",
      "/redirect",
      "/canonical.html",
      "/success.txt",
  };
  for (std::string_view probe : kProbes) {
    if (path == probe) return true;
  }
  return false;
}

// With the captive DNS answering every name, a browser may open any page of any
// site on the board: send it to the setup page rather than "Not Found". Paths
// that look like API calls (".json") keep their 404 so a wizard can tell an
// Edgent-only device from an Onboard one.
bool redirects_to_setup(std::string_view path, bool captive_portal) {
  if (is_captive_probe(path)) return true;
  const std::string_view json = ".json";
  const bool api_like = path.size() >= json.size() && path.substr(path.size() - json.size()) == json;
  return captive_portal && !api_like;
}

setup::Security to_setup(hal::Security s) {
  switch (s) {
    case hal::Security::Open: return setup::Security::open;
    case hal::Security::Wep: return setup::Security::wep;
    case hal::Security::Wpa: return setup::Security::wpa;
    case hal::Security::Wpa2: return setup::Security::wpa2;
    case hal::Security::WpaWpa2: return setup::Security::wpa_wpa2;
    case hal::Security::Wpa2Enterprise: return setup::Security::wpa2_eap;
    case hal::Security::Wpa3: return setup::Security::wpa3;
    case hal::Security::Wpa2Wpa3: return setup::Security::wpa2_wpa3;
    case hal::Security::Wapi: return setup::Security::wapi;
    case hal::Security::Unknown: break;
  }
  return setup::Security::unknown;
}

setup::MacAddress to_setup(const hal::MacAddress& mac) {
  setup::MacAddress out;
  std::memcpy(out.bytes, mac.bytes, 6);
  return out;
}

Reply text_reply(std::uint16_t status) {
  Reply r;
  r.status = status;
  r.body = kBodyText;
  return r;
}

}  // namespace

Reply DeviceCore::error(int status) {
  log_.line() << "setup: bad request -> " << status;
  return text_reply(static_cast<std::uint16_t>(status));
}

Reply DeviceCore::handle(const HttpRequestParser& request) {
  Reply reply;
  if (handle_secure(request, reply)) return reply;
  return route(SetupRequest::from(request), false);
}

// `in_session`: the request came through /secure, so secrets may pass.
Reply DeviceCore::route(const SetupRequest& request, bool in_session) {
  const std::uint64_t now = hal_.clock.now_ms();
  const std::string_view path = request.path;
  const bool get = request.method == HttpMethod::Get || request.method == HttpMethod::Head;
  Reply reply;
  reply.head_only = request.method == HttpMethod::Head;
  if (!in_session && refuse_in_clear(path, reply)) return reply;

  const bool known = path == "/" || path == "/board_info.json" || path == "/wifi_scan.json" ||
                     path == "/config" || path == "/reset" || path == "/reboot" ||
                     (settings_.onboard_extensions && path == "/connect_status.json");
  // Edgent's /config takes its fields by POST (a form body) as well as GET.
  const bool post_config = path == "/config" && request.method == HttpMethod::Post;
  if (known && !get && !post_config) {
    reply = text_reply(405);
  } else if (path == "/") {
    reply.body = kBodyPage;
    request_scan(now);
  } else if (path == "/board_info.json") {
    reply.body = kBodyBoardInfo;
    reply.detail = static_cast<std::uint8_t>(provisioning_.last_reason());
    if (state_ == State::WaitConfig) set_state(State::Configuring);
  } else if (path == "/wifi_scan.json") {
    reply.body = kBodyScan;
    request_scan(now);
  } else if (path == "/connect_status.json" && settings_.onboard_extensions) {
    reply.body = kBodyConnectStatus;
    const setup::ConnectStatus status = provisioning_.connect_status();
    reply.detail = static_cast<std::uint8_t>(status.state);
    reply.extra = static_cast<std::uint8_t>(status.reason);
  } else if (path == "/config") {
    setup::ConfigRequest config;
    const std::string_view fields = post_config && !request.body.empty() ? request.body : request.query;
    const setup::ParseResult parsed = setup::parse_config_query(fields, config);
    if (!parsed) {
      reply.status = 500;  // Edgent answers invalid input with 500
      reply.body = kBodyConfigError;
      reply.detail = static_cast<std::uint8_t>(parsed.field);
      reply.extra = static_cast<std::uint8_t>(parsed.rule);
      provisioning_.note_invalid_config();
      (log_.line() << "setup: GET /config -> 500 invalid " << setup::to_string(parsed.field) << ": ")
          << setup::to_string(parsed.rule);
      return reply;
    }
    reply.body = kBodyConfigOk;
    reply.detail = static_cast<std::uint8_t>(config.save ? setup::OkMessage::config_saved
                                                         : setup::OkMessage::trying_to_connect);
    log_.line() << "setup: GET /config -> 200 network " << LogLine::Quoted{config.ssid_view()}
                << ", password " << LogLine::Masked{config.password_view()} << ", token "
                << LogLine::Masked{config.token_view()} << (config.save ? ", saving" : ", trying");
    ap_.cancel_linger();  // someone is configuring: the AP stays
    if (provisioning_.accept(config, now) == Provisioning::Accepted::saved) ap_.close_when_online();
    return reply;
  } else if (path == "/reset") {
    reply.body = kBodyConfigOk;
    reply.detail = static_cast<std::uint8_t>(setup::OkMessage::config_reset);
    reply.after_sent = true;
    reply.close = true;
  } else if (path == "/reboot") {
    reply.body = kBodyReboot;
    reply.after_sent = true;
    reply.close = true;
  } else if (redirects_to_setup(path, settings_.captive_portal)) {
    reply = text_reply(302);
    reply.body = kBodyRedirect;
  } else {
    reply = text_reply(404);
  }
  reply.head_only = request.method == HttpMethod::Head;
  log_.line() << "setup: " << request.method_text << " " << path << " -> " << static_cast<int>(reply.status);
  return reply;
}

void DeviceCore::sent(const Reply& reply) {
  // Actions that would cut the reply short run only once it is out.
  secure_sent(reply);
  if (reply.body == kBodyReboot) restart_requested_ = true;
  if (reply.body == kBodyConfigOk &&
      reply.detail == static_cast<std::uint8_t>(setup::OkMessage::config_reset)) {
    reset_requested_ = true;
  }
}

void DeviceCore::render_headers(const Reply& reply, ReplySink& sink) {
  switch (reply.body) {
    case kBodyPage: sink.write("Content-Type: text/html; charset=utf-8\r\n"); break;
    case kBodyText: sink.write("Content-Type: text/plain\r\n"); break;
    case kBodyPake:
    case kBodySecure: sink.write("Content-Type: application/json\r\n"); break;
    case kBodyRedirect: sink.write("Location: http://192.168.4.1/\r\nContent-Type: text/plain\r\n"); break;
    default: sink.write("Content-Type: application/json\r\n"); break;
  }
  if (reply.status == 405) sink.write("Allow: GET, HEAD\r\n");  // /config also takes POST (Edgent)
  sink.write("Cache-Control: no-store\r\n");
}

void DeviceCore::render_body(const Reply& reply, ReplySink& sink) {
  char buf[setup::kResponseJsonMaxLength + 256];
  switch (reply.body) {
    case kBodyText:
    case kBodyRedirect: {
      sink.write(http_reason(reply.status));
      sink.write("\n");
      return;
    }
    case kBodyPage: render_page(sink); return;
    case kBodyBoardInfo: {
      setup::BoardInfo info;
      info.board = settings_.template_name;
      info.tmpl_id = settings_.template_id;
      info.fw_type = settings_.firmware_type != nullptr ? settings_.firmware_type : settings_.template_name;
      info.fw_ver = settings_.firmware_version;
      info.ssid = ap_name();
      info.bssid = to_setup(hal_.wifi.ap_mac());
      info.mac = to_setup(hal_.wifi.station_mac());
      info.last_reason = static_cast<Reason>(reply.detail);
#if ONBOARD_SECURE_SETUP
      if (secure_.enabled()) info.security = "spake2p";
#endif
      std::size_t n = setup::write_board_info_json(info, buf, sizeof buf);
      if (!settings_.onboard_extensions) {
        // The public Edgent API has no extension keys: end the object before them.
        const std::string_view json(buf, n);
        const std::size_t cut = json.find(",\"onboard\":");
        if (cut != std::string_view::npos) {
          buf[cut] = '}';
          n = cut + 1;
        }
      }
      sink.write(std::string_view(buf, n));
      return;
    }
    case kBodyScan: {
      // One entry at a time through a small buffer: the whole array would need ~5 KB.
      sink.write("[");
      for (std::size_t i = 0; i < scan_.count && i < setup::kMaxScanEntries; ++i) {
        setup::ScanEntry e;
        e.set_ssid(std::string_view(reinterpret_cast<const char*>(scan_.entries[i].ssid),
                                    scan_.entries[i].ssid_len));
        e.bssid = to_setup(scan_.entries[i].bssid);
        e.rssi = scan_.entries[i].rssi;
        e.security = to_setup(scan_.entries[i].security);
        e.channel = scan_.entries[i].channel;
        e.hidden = scan_.entries[i].ssid_len == 0;
        const std::size_t n = setup::write_scan_json(&e, 1, buf, sizeof buf);
        if (n < 2) continue;
        if (i > 0) sink.write(",");
        sink.write(std::string_view(buf + 1, n - 2));  // without the array's brackets
      }
      sink.write("]");
      return;
    }
    case kBodyConfigOk: {
      const std::size_t n =
          setup::write_ok_json(static_cast<setup::OkMessage>(reply.detail), buf, sizeof buf);
      sink.write(std::string_view(buf, n));
      return;
    }
    case kBodyConfigError: {
      const setup::ParseResult result = setup::ParseResult::failure(static_cast<setup::Field>(reply.detail),
                                                                    static_cast<setup::Rule>(reply.extra));
      const std::size_t n = setup::write_config_error_json(result, buf, sizeof buf);
      sink.write(std::string_view(buf, n));
      return;
    }
    case kBodyReboot: sink.write("{\"status\":\"ok\",\"msg\":\"Rebooting\"}"); return;
    case kBodyPake:
    case kBodySecure: render_secure_body(reply, sink); return;
    case kBodyConnectStatus: {
      setup::ConnectStatus status{static_cast<setup::ConnectState>(reply.detail),
                                  static_cast<Reason>(reply.extra)};
      const std::size_t n = setup::write_connect_status_json(status, buf, sizeof buf);
      sink.write(std::string_view(buf, n));
      return;
    }
    default: return;
  }
}

}  // namespace onboard::device
