#include "cdp_browser.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

namespace onboard::e2e {
namespace {

using Clock = std::chrono::steady_clock;

std::string js_string(const std::string& text) {
  return nlohmann::json(text).dump();
}

}  // namespace

CdpBrowser::CdpBrowser(World& world, const std::string& host) {
  std::string profile = (world.dir() / "chromium-cdp-XXXXXX").string();
  if (mkdtemp(profile.data()) == nullptr) {
    error_ = "mkdtemp failed";
    return;
  }
  const std::vector<std::string> argv = world.air_argv(
      {"exec", host, "--", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
       "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable", "--user-data-dir=" + profile,
       "--remote-debugging-pipe", "about:blank"});
  const std::string log = profile + ".log";
  int in[2], out[2];  // in: we write, Chromium reads fd 3; out: Chromium writes fd 4
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return;
  }
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    // Through high numbers first: dup2 onto the same number would keep O_CLOEXEC.
    const int read_end = fcntl(in[0], F_DUPFD, 10);
    const int write_end = fcntl(out[1], F_DUPFD, 10);
    dup2(read_end, 3);
    dup2(write_end, 4);
    const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  to_browser_ = in[1];
  from_browser_ = out[0];
  if (pid_ < 0) {
    error_ = "fork failed";
    return;
  }
  setpgid(pid_, pid_);

  const nlohmann::json targets =
      call("Target.getTargets", nlohmann::json::object(), "", std::chrono::seconds(30));
  std::string target;
  if (targets.is_object()) {
    for (const auto& t : targets["targetInfos"]) {
      if (t.value("type", "") == "page") target = t.value("targetId", "");
    }
  }
  if (target.empty()) {
    if (error_.empty()) error_ = "no page target (Chromium log: " + log + ")";
    return;
  }
  const nlohmann::json attached =
      call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}}, "", std::chrono::seconds(10));
  if (attached.is_object()) session_ = attached.value("sessionId", "");
}

CdpBrowser::~CdpBrowser() {
  if (to_browser_ >= 0) close(to_browser_);
  if (from_browser_ >= 0) close(from_browser_);
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool CdpBrowser::read_message(nlohmann::json& message, Clock::time_point deadline) {
  for (;;) {
    const std::size_t end = buffer_.find('\0');
    if (end != std::string::npos) {
      message = nlohmann::json::parse(buffer_.substr(0, end), nullptr, false);
      buffer_.erase(0, end + 1);
      return true;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{from_browser_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[65536];
    const ssize_t n = read(from_browser_, buf, sizeof buf);
    if (n <= 0) return false;  // Chromium ended
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

nlohmann::json CdpBrowser::call(const std::string& method, const nlohmann::json& params,
                                const std::string& session, std::chrono::milliseconds limit) {
  const int id = next_id_++;
  nlohmann::json request = {{"id", id}, {"method", method}, {"params", params}};
  if (!session.empty()) request["sessionId"] = session;
  const std::string text = request.dump() + '\0';
  if (write(to_browser_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    error_ = method + ": cannot write to Chromium";
    return nullptr;
  }
  const auto deadline = Clock::now() + limit;
  nlohmann::json message;
  while (read_message(message, deadline)) {
    if (!message.is_object() || message.value("id", -1) != id) continue;  // events, other replies
    if (message.contains("error")) {
      error_ = method + ": " + message["error"].dump();
      return nullptr;
    }
    return message.value("result", nlohmann::json::object());
  }
  error_ = method + ": no reply from Chromium";
  return nullptr;
}

nlohmann::json CdpBrowser::page(const std::string& method, const nlohmann::json& params,
                                std::chrono::milliseconds limit) {
  return call(method, params, session_, limit);
}

nlohmann::json CdpBrowser::eval(const std::string& expression) {
  const nlohmann::json r = page("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}});
  if (!r.is_object() || r.contains("exceptionDetails") || !r.contains("result")) return nullptr;
  return r["result"].value("value", nlohmann::json());
}

bool CdpBrowser::type(const std::string& selector, const std::string& text) {
  const nlohmann::json focused =
      eval("(() => { const e = document.querySelector(" + js_string(selector) +
           "); if (!e) return false; e.focus(); return document.activeElement === e; })()");
  if (focused != true) return false;
  return page("Input.insertText", {{"text", text}}).is_object();
}

bool CdpBrowser::click(const std::string& selector) {
  const nlohmann::json at =
      eval("(() => { const e = document.querySelector(" + js_string(selector) +
           "); if (!e) return null; e.scrollIntoView(); const r = e.getBoundingClientRect();"
           " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
  if (!at.is_array() || at.size() != 2) return false;
  for (const char* type : {"mousePressed", "mouseReleased"}) {
    const nlohmann::json r =
        page("Input.dispatchMouseEvent",
             {{"type", type}, {"x", at[0]}, {"y", at[1]}, {"button", "left"}, {"clickCount", 1}});
    if (!r.is_object()) return false;
  }
  return true;
}

}  // namespace onboard::e2e
