// One onboard-air world per test, in a fresh run directory: `up` on creation,
// `down` on destruction, and the board/phone/HTTP steps the scenarios share.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.hpp"

namespace onboard::e2e {

// Where the build put onboard-air and onboard-device (a compile definition).
std::filesystem::path bin_dir();

// The firmware of one board, e.g. BoardSpec().name("Fan").chip("c0ffee01").
struct BoardSpec {
  std::string template_id = "TMPLscenario1";
  std::string template_name = "Lamp";
  std::string chip_id;                   // hex; empty: the air picks one
  std::vector<std::string> extra_flags;  // more onboard-device flags

  BoardSpec& id(std::string v) { return template_id = std::move(v), *this; }
  BoardSpec& name(std::string v) { return template_name = std::move(v), *this; }
  BoardSpec& chip(std::string v) { return chip_id = std::move(v), *this; }
  BoardSpec& flags(std::vector<std::string> v) { return extra_flags = std::move(v), *this; }
};

struct HttpReply {
  int status = 0;  // 0: no HTTP reply (curl failed or timed out)
  std::string body;
  std::string error;  // curl's complaint when status is 0
};

class World {
 public:
  World();  // `up --owner-pid <this process>`: the world ends with the test even if it crashes
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  bool ok() const { return up_; }
  const std::string& up_error() const { return up_error_; }
  const std::filesystem::path& dir() const { return dir_; }

  // onboard-air --run-dir DIR args...
  RunResult air(std::vector<std::string> args, std::chrono::milliseconds limit = std::chrono::seconds(60));
  // The argv of `onboard-air --run-dir DIR args...`, for Background.
  std::vector<std::string> air_argv(std::vector<std::string> args) const;

  // `board add NAME -- sh -c 'exec onboard-device ...'` with the board's storage.
  RunResult add_board(const std::string& name, const BoardSpec& spec);

  nlohmann::json status();
  nlohmann::json scan(const std::string& host);  // `scan HOST --json`
  nlohmann::json led(const std::string& board);
  // The SSID of a board's AP once it is open (polled); empty after `limit`.
  std::string wait_board_ap(const std::string& board, std::chrono::milliseconds limit);
  // Joins a network, retrying until `limit` (the AP may not be up yet).
  RunResult join(const std::string& host, const std::string& ssid, const std::string& password = "",
                 std::chrono::milliseconds limit = std::chrono::seconds(15));

  // GET with curl inside a host (a phone): status and body.
  HttpReply http_get(const std::string& host, const std::string& url, int timeout_s = 10);

  // The board's serial monitor as a file: its bytes, and a wait for a text that
  // appears after byte `from` (e.g. the size before a power cycle).
  std::string serial(const std::string& board) const;
  bool wait_serial(const std::string& board, const std::string& text, std::size_t from,
                   std::chrono::milliseconds limit);

 private:
  std::filesystem::path dir_;
  bool up_ = false;
  std::string up_error_;
};

// Percent-encodes a query value as a browser's GET form does (UTF-8 bytes, + not used).
std::string url_encode(const std::string& value);

}  // namespace onboard::e2e
