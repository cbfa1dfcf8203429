// Programs are run without a shell; the long-running cloud gets its own process group so
// that stopping it also stops what `onboard-air exec` started for it.
#include "world_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "onboard/test/waits.hpp"
#include "onboard/wizard/command_runner.hpp"

extern char** environ;

namespace onboard::e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAdminEmail = World::kAdminEmail;
constexpr const char* kAdminPassword = World::kAdminPassword;

std::string bin_dir() {
  return ONBOARD_BIN_DIR;
}

// One argument for `sh -c`, whatever bytes it holds.
std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int port_after(const std::string& line, const std::string& key) {
  auto at = line.find(key);
  if (at == std::string::npos) return 0;
  auto end = line.find_first_of(" \n", at);
  std::string endpoint = line.substr(at + key.size(), end - at - key.size());
  return std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
}

}  // namespace

bool eventually(const std::function<bool()>& check, std::chrono::seconds timeout) {
  // Each check is a round trip to a program; 200 ms between them keeps the machine free.
  return test::eventually(check, timeout, std::chrono::milliseconds(200));
}

std::string missing_prerequisite() {
  if (geteuid() != 0) return "needs root (network namespaces); CI runs as root";
  for (const char* program : {"onboard-air", "onboard-cloud", "onboard-device", "onboard"}) {
    if (!fs::exists(bin_dir() + "/" + program)) return std::string(program) + " is not built yet";
  }
  if (std::system("command -v curl >/dev/null 2>&1") != 0)
    return "curl is not installed (scripts/install-deps)";
  return {};
}

World::World() : bin_(bin_dir()) {
  char tmpl[] = "/tmp/onboard-e2e-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  auto up = air({"up", "--owner-pid", std::to_string(getpid())});
  if (up.code != 0) throw std::runtime_error("onboard-air up failed: " + up.err);
  if (air({"ap", "add", "--ssid", "Home", "--password", kHomePassword}).code != 0 ||
      air({"ap", "add", "--ssid", "Home-5G", "--password", kHomePassword, "--band", "5"}).code != 0 ||
      air({"ap", "add", "--ssid", "Office", "--password", kOfficePassword, "--channel", "11"}).code != 0 ||
      air({"phone", "add", "phone"}).code != 0 ||
      air({"join", "phone", "--ssid", "Home", "--password", kHomePassword}).code != 0) {
    throw std::runtime_error("could not build the home network");
  }
  start_cloud();
  auto login = rest("POST", "/api/v1/login",
                    nlohmann::json{{"email", kAdminEmail}, {"password", kAdminPassword}}.dump());
  admin_token_ = login.value("token", "");
  if (admin_token_.empty()) throw std::runtime_error("admin login failed: " + login.dump());
  auto created = rest("POST", "/api/v1/templates", R"({"name":"Lamp"})");
  template_id_ = created.value("id", "");
  if (template_id_.empty()) throw std::runtime_error("template creation failed: " + created.dump());
  // The wizard signs in from the phone, as a user would, into its own config directory.
  auto signed_in =
      air({"exec", "phone", "--", "env", "XDG_CONFIG_HOME=" + dir_ + "/phone-config", bin_ + "/onboard",
           "login", "--server", server_url(), "--email", kAdminEmail, "--password", kAdminPassword});
  if (signed_in.code != 0) throw std::runtime_error("onboard login failed: " + signed_in.err);
}

World::~World() {
  air({"down"});
  if (cloud_pid_ > 0) {
    kill(-cloud_pid_, SIGTERM);
    int status = 0;
    waitpid(cloud_pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

CommandResult World::run(std::vector<std::string> argv, std::chrono::seconds timeout) {
  if (fs::exists(bin_ + "/" + argv[0])) argv[0] = bin_ + "/" + argv[0];
  wizard::ProcessRunner runner;
  auto r = runner.run(argv, timeout);
  if (!r) return CommandResult{-1, "", r.failure().message};
  return CommandResult{r->exit_code, r->out, r->err};
}

CommandResult World::air(std::vector<std::string> args, std::chrono::seconds timeout) {
  args.insert(args.begin(), {"onboard-air", "--run-dir", dir_ + "/air"});
  return run(std::move(args), timeout);
}

void World::start_cloud() {
  fs::create_directories(dir_ + "/cloud");
  auto user = run({"onboard-cloud", "user", "add", "--data-dir", dir_ + "/cloud", "--email", kAdminEmail,
                   "--password", kAdminPassword, "--role", "admin"});
  if (user.code != 0) throw std::runtime_error("onboard-cloud user add failed: " + user.err);
  std::vector<std::string> argv{
      bin_ + "/onboard-air",   "--run-dir", dir_ + "/air",   "exec",          "internet", "--",
      bin_ + "/onboard-cloud", "serve",     "--data-dir",    dir_ + "/cloud", "--listen", "0.0.0.0:0",
      "--tls-listen",          "0.0.0.0:0", "--public-host", "10.99.0.2"};
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, (dir_ + "/cloud.log").c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  int rc = posix_spawn(&cloud_pid_, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (rc != 0) throw std::runtime_error("cannot start onboard-cloud");
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 500) <= 0) continue;
    char buf[512];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
    auto at = seen.find("listening plain=");
    auto nl = at == std::string::npos ? std::string::npos : seen.find('\n', at);
    if (nl == std::string::npos) continue;
    const std::string line = seen.substr(at, nl - at + 1);
    cloud_port_ = port_after(line, "plain=");
    cloud_tls_port_ = port_after(line, "tls=");
    break;
  }
  // Keep draining stdout in the background so the cloud never blocks on a full pipe.
  std::thread([fd = out[0]] {
    char buf[512];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
  }).detach();
  if (cloud_port_ == 0) throw std::runtime_error("onboard-cloud did not print its listening line: " + seen);
}

nlohmann::json World::rest(const std::string& method, const std::string& path, const std::string& body) {
  std::vector<std::string> args{
      "exec", "internet", "--", "curl", "-s", "-X", method, "-H", "Content-Type: application/json"};
  if (!admin_token_.empty()) args.insert(args.end(), {"-H", "Authorization: Bearer " + admin_token_});
  if (!body.empty()) args.insert(args.end(), {"--data-binary", body});
  args.push_back("http://127.0.0.1:" + std::to_string(cloud_port_) + path);
  auto r = air(args);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

void World::add_board(const std::string& name, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"--cloud-plain"};
  args.insert(args.end(), extra.begin(), extra.end());
  add_board_for(name, template_id_, "Lamp", args);
}

void World::add_board_for(const std::string& name, const std::string& template_id,
                          const std::string& template_name, const std::vector<std::string>& extra) {
  std::string cmd = "exec " + bin_ + "/onboard-device --wifi air --template-id " + shell_quoted(template_id) +
                    " --template-name " + shell_quoted(template_name) +
                    " --state-dir \"$ONBOARD_AIR_STORAGE\"";
  for (const auto& e : extra) cmd += " " + shell_quoted(e);
  auto r = air({"board", "add", name, "--", "sh", "-c", cmd});
  if (r.code != 0) throw std::runtime_error("board add failed: " + r.err);
}

std::string World::board_log(const std::string& name) {
  return air({"log", name}).out;
}

int World::board_pid(const std::string& name) {
  auto status = nlohmann::json::parse(air({"status", "--json"}).out, nullptr, false);
  if (status.is_discarded()) return 0;
  for (const auto& host : status.value("hosts", nlohmann::json::array())) {
    if (host.value("name", "") == name) return host.value("pid", 0);
  }
  return 0;
}

nlohmann::json World::device(const std::string& device_id) {
  auto d = rest("GET", "/api/v1/devices/" + device_id);
  return d.is_object() && d.contains("id") ? d : nlohmann::json();
}

std::optional<std::string> World::wait_for_device_ap(const std::string& prefix,
                                                     std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = air({"scan", "phone", "--json"});
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_array()) {
      for (const auto& ap : j) {
        std::string ssid = ap.value("ssid", "");
        if (ssid.rfind(prefix, 0) == 0) return ssid;
      }
    }
    // A scan is a round trip to the daemon; polling it is the condition wait.
  }
  return std::nullopt;
}

nlohmann::json World::wizard(std::vector<std::string> args, CommandResult* raw) {
  std::vector<std::string> argv{
      "exec", "phone", "--", "env", "XDG_CONFIG_HOME=" + dir_ + "/phone-config", bin_ + "/onboard"};
  argv.insert(argv.end(), args.begin(), args.end());
  // The phone knows its own network's password, as a real phone keeps it in a profile.
  argv.insert(argv.end(),
              {"--yes", "--json", "--wifi", "air", "--timeout", "90", "--home-password", kHomePassword});
  auto r = air(argv, std::chrono::seconds(240));
  if (raw != nullptr) *raw = r;
  // With --json, stdout holds only the final object; progress went to stderr.
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

}  // namespace onboard::e2e
