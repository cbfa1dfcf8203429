// A headless Chromium driven over the DevTools protocol (CDP) through
// --remote-debugging-pipe, so a scenario can type into a page and click.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "world.hpp"

namespace onboard::e2e {

// Chromium inside a host of the world, with one page attached. Every call
// waits at most `limit`; failures come back as a null json / false.
class CdpBrowser {
 public:
  CdpBrowser(World& world, const std::string& host);
  ~CdpBrowser();
  CdpBrowser(const CdpBrowser&) = delete;
  CdpBrowser& operator=(const CdpBrowser&) = delete;

  bool ok() const { return !session_.empty(); }
  const std::string& error() const { return error_; }

  // A command to the page; its "result", or null on error (see error()).
  nlohmann::json page(const std::string& method, const nlohmann::json& params,
                      std::chrono::milliseconds limit = std::chrono::seconds(20));
  // Runtime.evaluate in the page; the value of the expression (null on error).
  nlohmann::json eval(const std::string& expression);
  // Types text as keyboard input into the element `selector` (focused first).
  bool type(const std::string& selector, const std::string& text);
  // A left mouse click in the middle of the element `selector`.
  bool click(const std::string& selector);

 private:
  nlohmann::json call(const std::string& method, const nlohmann::json& params, const std::string& session,
                      std::chrono::milliseconds limit);
  bool read_message(nlohmann::json& message, std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::string buffer_;
  int next_id_ = 1;
  std::string session_;
  std::string error_;
};

}  // namespace onboard::e2e
