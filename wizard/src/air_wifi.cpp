// The phone side of protocol/air: one request line, data lines, then one ok/error line;
// pushes such as link_lost may arrive between replies and are recorded, not mistaken for one.
#include "onboard/wizard/air_wifi.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/message.hpp"

namespace onboard::wizard {
namespace {

std::string build_line(const std::string& verb,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string buf(air::kMaxLine, '\0');
  air::LineWriter w(buf.data(), buf.size());
  w.verb(verb);
  for (const auto& [k, v] : fields) w.field(k, v);
  if (!w.finish()) return {};
  buf.resize(w.size());
  return buf;
}

}  // namespace

AirWifi::AirWifi(std::string socket_path, std::string host, std::chrono::milliseconds timeout)
    : socket_path_(std::move(socket_path)), host_(std::move(host)), timeout_(timeout) {}

AirWifi::~AirWifi() {
  if (fd_ >= 0) close(fd_);
}

Result<std::unique_ptr<AirWifi>> AirWifi::from_environment() {
  const char* socket = std::getenv(air::kEnvSocket);
  const char* host = std::getenv(air::kEnvHost);
  if (socket == nullptr || host == nullptr || *socket == '\0' || *host == '\0') {
    return fail("wifi_error", "the air backend needs ONBOARD_AIR_SOCKET and ONBOARD_AIR_HOST",
                "run inside the world: onboard-air exec PHONE -- onboard ...");
  }
  return std::make_unique<AirWifi>(socket, host);
}

Status AirWifi::connect() {
  if (fd_ >= 0) return Done{};
  fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return fail("wifi_error", std::string("socket: ") + std::strerror(errno));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path_.size() >= sizeof addr.sun_path) return fail("wifi_error", "air socket path too long");
  std::memcpy(addr.sun_path, socket_path_.c_str(), socket_path_.size() + 1);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int err = errno;
    close(fd_);
    fd_ = -1;
    return fail("wifi_error", "cannot reach the world at " + socket_path_ + ": " + std::strerror(err),
                "is onboard-air up?");
  }
  auto hello = request(build_line("hello", {{"host", host_}, {"role", "phone"}}));
  if (!hello) return hello.failure();
  if (hello->final.verb != "ok") return failure_of(hello->final, "register with the world as " + host_);
  return Done{};
}

Result<AirWifi::Line> AirWifi::read_line() {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  while (true) {
    auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string raw = buffer_.substr(0, nl + 1);
      buffer_.erase(0, nl + 1);
      air::Message msg;
      if (msg.parse(raw.data(), raw.size()) != air::ParseError::none) continue;  // skip garbage
      Line line{std::string(msg.verb()), {}};
      for (std::size_t i = 0; i < msg.size(); ++i) {
        line.fields[std::string(msg.at(i).key)] = std::string(msg.at(i).value);
      }
      return line;
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return fail("timeout", "the world did not answer in time");
    pollfd p{fd_, POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char chunk[4096];
    ssize_t got = read(fd_, chunk, sizeof chunk);
    if (got <= 0) {
      close(fd_);
      fd_ = -1;
      buffer_.clear();
      return fail("wifi_error", "the world closed its socket");
    }
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
}

Result<AirWifi::Reply> AirWifi::request(const std::string& line) {
  if (line.empty()) return fail("wifi_error", "request too long for the air protocol");
  if (fd_ < 0) return fail("wifi_error", "not connected to the world");
  std::size_t sent = 0;
  while (sent < line.size()) {
    ssize_t n = send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("wifi_error", std::string("writing to the world: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  Reply reply;
  while (true) {
    auto l = read_line();
    if (!l) return l.failure();
    if (l->verb == "link_lost") {
      link_events_.push_back(l->get("reason") + " " + l->get("ssid"));
    } else if (l->verb == "button") {
      // Boards only; a phone never gets it, but ignoring is harmless.
    } else if (l->verb == "ok" || l->verb == "error") {
      reply.final = std::move(*l);
      return reply;
    } else {
      reply.data.push_back(std::move(*l));
    }
  }
}

Failure AirWifi::failure_of(const Line& error, const std::string& what) const {
  std::string reason = error.get("reason");
  std::string detail = error.get("detail");
  std::string message = "could not " + what + ": " + (reason.empty() ? "error" : reason);
  if (!detail.empty()) message += " (" + detail + ")";
  if (reason == "wrong_password" || reason == "network_not_found") return fail(reason, message);
  return fail("wifi_error", message);
}

Result<std::vector<WifiNetwork>> AirWifi::scan() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(build_line("scan", {}));
  if (!r) return r.failure();
  if (r->final.verb != "ok") return failure_of(r->final, "scan");
  std::vector<WifiNetwork> out;
  for (const auto& l : r->data) {
    if (l.verb != "ap") continue;
    WifiNetwork n;
    n.ssid = l.get("ssid");
    n.bssid = l.get("bssid");
    n.rssi = std::atoi(l.get("rssi").c_str());
    n.channel = std::atoi(l.get("ch").c_str());
    std::string band = l.get("band");
    n.band = band == "5" ? Band::ghz5 : band == "2.4" ? Band::ghz24 : band_of_channel(n.channel);
    n.security = l.get("sec") == "open" ? "OPEN" : "WPA2";
    out.push_back(std::move(n));
  }
  return out;
}

Status AirWifi::join(const std::string& ssid, const std::string& password) {
  if (auto c = connect(); !c) return c.failure();
  std::vector<std::pair<std::string, std::string>> fields{{"ssid", ssid}};
  if (!password.empty()) fields.emplace_back("pass", password);
  auto r = request(build_line("join", fields));
  if (!r) return r.failure();
  if (r->final.verb != "ok") return failure_of(r->final, "join '" + ssid + "'");
  if (!password.empty()) known_[ssid] = password;
  return Done{};
}

Status AirWifi::leave() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(build_line("leave", {}));
  if (!r) return r.failure();
  if (r->final.verb != "ok" && r->final.get("reason") != "not_joined") return failure_of(r->final, "leave");
  return Done{};
}

Result<std::optional<HomeLink>> AirWifi::current() {
  if (auto c = connect(); !c) return c.failure();
  auto r = request(build_line("status", {}));
  if (!r) return r.failure();
  if (r->final.verb != "ok") return failure_of(r->final, "read the phone's status");
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
