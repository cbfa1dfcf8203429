// The phone side of protocol/air. Scan lines are read with protocol/air's own reader, so the
// wizard and the world agree on every field; a lost connection is opened again on next use.
#include "onboard/wizard/air_wifi.hpp"

#include <cstdlib>

#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/scan_entry.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::wizard {

AirWifi::AirWifi(std::string socket_path, std::string host, std::chrono::milliseconds timeout)
    : socket_path_(std::move(socket_path)), host_(std::move(host)), timeout_(timeout) {}

Result<std::unique_ptr<AirWifi>> AirWifi::from_environment() {
  const char* socket = std::getenv(air::kEnvSocket);
  const char* host = std::getenv(air::kEnvHost);
  if (socket == nullptr || host == nullptr || *socket == '\0' || *host == '\0') {
    return fail(Reason::wifi_error, "the air backend needs ONBOARD_AIR_SOCKET and ONBOARD_AIR_HOST",
                Action::run_inside_world);
  }
  return std::make_unique<AirWifi>(socket, host);
}

Status AirWifi::connect() {
  if (client_) return Done{};
  air_client::Error error;
  auto client = air_client::Client::connect(socket_path_, &error);
  if (!client) {
    return fail(Reason::wifi_error, "cannot reach the world at " + socket_path_ + ": " + error.message,
                Action::start_world);
  }
  client->on_push([this](const air_client::Line& push) {
    if (push.verb == air::verb::kLinkLost)
      link_events_.push_back(push.get("reason") + " " + push.get("ssid"));
  });
  client_ = std::move(*client);
  auto hello = request(air::verb::kHello, {{"host", host_}, {"role", "phone"}});
  if (!hello) return hello.failure();
  if (!hello->ok()) {
    client_.reset();
    return failure_of(hello->final, "register with the world as " + host_);
  }
  return Done{};
}

Result<air_client::Reply> AirWifi::request(std::string_view verb, const air_client::Fields& fields) {
  if (!client_) return fail(Reason::wifi_error, "not connected to the world");
  air_client::Error error;
  std::function<bool()> cancelled;
  if (cancel_) cancelled = [token = *cancel_] { return token.cancelled(); };
  auto reply = client_->request(verb, fields, air_client::Clock::now() + timeout_, &error, cancelled);
  if (reply) return std::move(*reply);
  client_.reset();  // the connection is closed; the next call opens a new one
  switch (error.kind) {
    case air_client::Error::Kind::cancelled: return fail(Reason::cancelled, "cancelled");
    case air_client::Error::Kind::timeout: return fail(Reason::timeout, error.message);
    default: return fail(Reason::wifi_error, error.message);
  }
}

Failure AirWifi::failure_of(const air_client::Line& error, const std::string& what) const {
  const std::string reason = error.get("reason");
  const std::string detail = error.get("detail");
  std::string message = "could not " + what + ": " + (reason.empty() ? "error" : reason);
  if (!detail.empty()) message += " (" + detail + ")";
  air::Reason air_reason{};
  if (air::parse(reason, &air_reason)) {
    if (air_reason == air::Reason::wrong_password) return fail(Reason::wrong_password, message);
    if (air_reason == air::Reason::network_not_found) return fail(Reason::network_not_found, message);
  }
  return fail(Reason::wifi_error, message);
}

Result<std::vector<WifiNetwork>> AirWifi::scan() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(air::verb::kScan, {});
  if (!r) return r.failure();
  if (!r->ok()) return failure_of(r->final, "scan");
  std::vector<WifiNetwork> out;
  for (const auto& l : r->data) {
    std::string raw = l.raw;
    air::Message message;
    air::ScanEntry entry;
    if (message.parse(raw.data(), raw.size()) != air::ParseError::none ||
        !air::read_scan_entry(message, &entry))
      continue;  // a line of a newer world this wizard does not know
    WifiNetwork n;
    n.ssid = std::string(entry.ssid_view());
    n.bssid = entry.bssid;
    n.rssi = entry.rssi;
    n.channel = entry.channel;
    n.band = entry.band == air::Band::ghz5 ? Band::ghz5 : Band::ghz24;
    n.security = entry.security == air::Security::open ? "OPEN" : "WPA2";
    out.push_back(std::move(n));
  }
  return out;
}

Status AirWifi::join(const std::string& ssid, const std::string& password) {
  if (auto c = connect(); !c) return c.failure();
  air_client::Fields fields{{"ssid", ssid}};
  if (!password.empty()) fields.emplace_back("pass", password);
  auto r = request(air::verb::kJoin, fields);
  if (!r) return r.failure();
  if (!r->ok()) return failure_of(r->final, "join '" + ssid + "'");
  if (!password.empty()) known_[ssid] = password;
  return Done{};
}

Status AirWifi::leave() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(air::verb::kLeave, {});
  if (!r) return r.failure();
  if (!r->ok() && r->final.get("reason") != air::to_string(air::Reason::not_joined))
    return failure_of(r->final, "leave");
  return Done{};
}

Result<std::optional<HomeLink>> AirWifi::current() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(air::verb::kStatus, {});
  if (!r) return r.failure();
  if (!r->ok()) return failure_of(r->final, "read the phone's status");
  if (r->final.get("link") != "up") return std::optional<HomeLink>();
  return std::optional<HomeLink>(HomeLink{r->final.get("ssid"), {}});
}

Status AirWifi::rejoin(const HomeLink& home, const std::string& password) {
  std::string pw = password;
  if (pw.empty()) {
    auto it = known_.find(home.ssid);
    if (it != known_.end()) pw = it->second;
  }
  return join(home.ssid, pw);
}

}  // namespace onboard::wizard
