#include "world.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "onboard/test/waits.hpp"

namespace onboard::e2e {

using onboard::test::eventually;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path bin_dir() {
  return ONBOARD_BIN_DIR;
}

World::World() {
  char dir_template[] = "/tmp/onboard-board-e2e-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    up_error_ = "mkdtemp failed";
    return;
  }
  dir_ = dir_template;
  const RunResult up = air({"up", "--owner-pid", std::to_string(getpid())});
  up_ = up.code == 0;
  if (!up_) up_error_ = "onboard-air up: " + up.err;
}

World::~World() {
  if (dir_.empty()) return;
  if (up_) air({"down"});
  // Kept when ONBOARD_E2E_KEEP is set, to read the serial logs of a failure.
  if (std::getenv("ONBOARD_E2E_KEEP") != nullptr) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::vector<std::string> World::air_argv(std::vector<std::string> args) const {
  args.insert(args.begin(), {(bin_dir() / "onboard-air").string(), "--run-dir", dir_.string()});
  return args;
}

RunResult World::air(std::vector<std::string> args, std::chrono::milliseconds limit) {
  return run(air_argv(std::move(args)), limit);
}

RunResult World::add_board(const std::string& name, const BoardSpec& spec) {
  std::string command = "exec " + shell_quote((bin_dir() / "onboard-device").string()) + " --wifi air" +
                        " --template-id " + shell_quote(spec.template_id) + " --template-name " +
                        shell_quote(spec.template_name) + " --state-dir \"$ONBOARD_AIR_STORAGE\"";
  for (const std::string& flag : spec.extra_flags) command += " " + shell_quote(flag);
  std::vector<std::string> args = {"board", "add", name};
  if (!spec.chip_id.empty()) args.insert(args.end(), {"--chip-id", spec.chip_id});
  args.insert(args.end(), {"--", "sh", "-c", command});
  return air(args);
}

nlohmann::json World::status() {
  const RunResult r = air({"status", "--json"});
  if (r.code != 0) return nullptr;
  return nlohmann::json::parse(r.out, nullptr, false);
}

nlohmann::json World::scan(const std::string& host) {
  const RunResult r = air({"scan", host, "--json"});
  if (r.code != 0) return nullptr;
  return nlohmann::json::parse(r.out, nullptr, false);
}

nlohmann::json World::led(const std::string& board) {
  const RunResult r = air({"led", board});
  if (r.code != 0) return nullptr;
  return nlohmann::json::parse(r.out, nullptr, false);
}

std::string World::wait_board_ap(const std::string& board, std::chrono::milliseconds limit) {
  std::string ssid;
  eventually(
      [&] {
        const nlohmann::json all = status();
        if (!all.is_object()) return false;
        for (const auto& h : all["hosts"]) {
          if (h.value("name", "") == board && h.contains("ap") && h["ap"].is_object()) {
            ssid = h["ap"].value("ssid", "");
            return !ssid.empty();
          }
        }
        return false;
      },
      limit, 100ms);
  return ssid;
}

RunResult World::join(const std::string& host, const std::string& ssid, const std::string& password,
                      std::chrono::milliseconds limit) {
  std::vector<std::string> args = {"join", host, "--ssid", ssid};
  if (!password.empty()) args.insert(args.end(), {"--password", password});
  RunResult last;
  eventually(
      [&] {
        last = air(args);
        return last.code == 0;
      },
      limit, 100ms);
  return last;
}

HttpReply World::http_get(const std::string& host, const std::string& url, int timeout_s) {
  // The status goes on its own last line, after the body.
  const RunResult r = air({"exec", host, "--", "curl", "-sS", "--max-time", std::to_string(timeout_s), "-o",
                           "-", "-w", "\n%{http_code}", url},
                          std::chrono::seconds(timeout_s + 10));
  HttpReply reply;
  const std::size_t cut = r.out.rfind('\n');
  if (cut == std::string::npos) {
    reply.error = r.err;
    return reply;
  }
  reply.body = r.out.substr(0, cut);
  reply.status = std::atoi(r.out.c_str() + cut + 1);
  if (reply.status == 0) reply.error = r.err;
  return reply;
}

std::string World::serial(const std::string& board) const {
  std::ifstream in(dir_ / "boards" / board / "serial.log", std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool World::wait_serial(const std::string& board, const std::string& text, std::size_t from,
                        std::chrono::milliseconds limit) {
  return eventually(
      [&] {
        const std::string log = serial(board);
        return log.size() > from && log.find(text, from) != std::string::npos;
      },
      limit);
}

std::string url_encode(const std::string& value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' ||
        b == '.' || b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

}  // namespace onboard::e2e
