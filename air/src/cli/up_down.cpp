// "up" forks the daemon and returns once the world is ready; "down" stops it
// and removes everything it made, or what a crashed daemon left behind.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "daemon/server.hpp"
#include "net/namespaces.hpp"
#include "world/addresses.hpp"

namespace onboard::air {
namespace fs = std::filesystem;
namespace {

pid_t read_pid(const RunDir& run_dir) {
  std::ifstream in(run_dir.pid_file());
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

bool is_our_daemon(pid_t pid) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return cmdline.find("onboard-air") != std::string::npos;
}

void wait_gone(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (is_our_daemon(pid) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Removes whatever a previous daemon of this run dir left: its process, its
// namespaces (and every process in them), its socket.
void clean_leftovers(const RunDir& run_dir) {
  const pid_t pid = read_pid(run_dir);
  if (is_our_daemon(pid)) {
    kill(pid, SIGKILL);
    wait_gone(pid, std::chrono::seconds(5));
  }
  std::vector<std::string> names = list_namespaces(run_dir.prefix() + "-");
  std::ifstream recorded(run_dir.namespaces_file());
  for (std::string ns; std::getline(recorded, ns);) {
    if (ns.rfind(run_dir.prefix() + "-", 0) == 0) names.push_back(ns);
  }
  for (const auto& ns : names) {
    if (namespace_exists(ns) || fs::exists("/etc/netns/" + ns)) delete_namespace(ns);
  }
  std::error_code ec;
  fs::remove(run_dir.namespaces_file(), ec);
  fs::remove(run_dir.socket(), ec);
  fs::remove(run_dir.pid_file(), ec);
}

bool world_answers(const RunDir& run_dir) {
  air_client::Error error;
  auto client = air_client::Client::connect(run_dir.socket().string(), &error);
  return client && client->request("ping", {}, air_client::Clock::now() + std::chrono::seconds(5), &error);
}

// The daemon process: detached, logging to air.log, telling the parent on
// ready_fd whether the world came up.
[[noreturn]] void become_daemon(const RunDir& run_dir, WorldOptions options, int owner_pid, int ready_fd) {
  setsid();
  // Keep nothing of the caller's but the ready pipe: a test runner waiting for
  // its pipes to close must not wait for the world.
  std::vector<int> inherited;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    inherited.push_back(std::stoi(entry.path().filename().string()));
  }
  for (int fd : inherited) {
    if (fd > 2 && fd != ready_fd) close(fd);
  }
  const int log = open(run_dir.log_file().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  dup2(null, 0);
  dup2(log, 1);
  dup2(log, 2);
  {
    std::ofstream pid_file(run_dir.pid_file());
    pid_file << getpid() << '\n';
  }
  std::string error;
  int code = 0;
  {
    Server server(run_dir, options);
    if (server.start(&error, owner_pid)) {
      std::cerr << "air: world up in " << run_dir.dir() << std::endl;
      const std::string ready = "ready\n";
      (void)!write(ready_fd, ready.data(), ready.size());
      close(ready_fd);
      server.run();
      std::cerr << "air: world down" << std::endl;
    } else {
      std::cerr << "air: cannot build the world: " << error << std::endl;
      const std::string message = "error " + error + "\n";
      (void)!write(ready_fd, message.data(), message.size());
      code = 1;
    }
  }
  std::error_code ec;
  fs::remove(run_dir.pid_file(), ec);
  _exit(code);
}

void up(Context& ctx, bool no_channel_switch, int owner_pid) {
  if (ctx.run_dir_option.empty() && RunDir::locate("") == std::nullopt) ctx.run_dir();  // usage error
  const fs::path dir = *RunDir::locate(ctx.run_dir_option);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw CliError(1, "cannot create " + dir.string() + ": " + ec.message());
  if (geteuid() != 0) {
    throw CliError(1, "onboard-air needs root (network namespaces); run it with sudo or as root");
  }
  const RunDir run_dir(dir);
  if (world_answers(run_dir)) throw CliError(1, "a world is already up in " + run_dir.dir().string());
  clean_leftovers(run_dir);

  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) throw CliError(1, "pipe failed");
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  if (pid < 0) throw CliError(1, "fork failed");
  if (pid == 0) {
    close(ready[0]);
    become_daemon(run_dir, WorldOptions{!no_channel_switch}, owner_pid, ready[1]);
  }
  close(ready[1]);
  std::string answer;
  char buf[512];
  ssize_t n = 0;
  while ((n = read(ready[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0) answer.append(buf, static_cast<std::size_t>(n));
  }
  close(ready[0]);
  if (answer.rfind("ready", 0) != 0) {
    clean_leftovers(run_dir);
    throw CliError(1, "the world did not come up: " +
                          (answer.empty() ? "the daemon died (see " + run_dir.log_file().string() + ")"
                                          : answer.substr(6, answer.size() > 7 ? answer.size() - 7 : 0)));
  }
  std::cout << "air up in " << run_dir.dir().string() << " (namespaces " << run_dir.prefix() << "-*)\n"
            << "  socket    " << run_dir.socket().string() << "\n"
            << "  internet  " << kInternetAddress << "   (run the cloud: onboard-air exec internet -- ...)\n"
            << "  home LAN  192.168.1.0/24, gateway " << kHomeGateway
            << "   (add APs: onboard-air ap add --ssid S)\n"
            << "  export ONBOARD_AIR_RUN_DIR=" << run_dir.dir().string() << "\n";
}

void down(Context& ctx) {
  const RunDir run_dir = ctx.run_dir();
  const pid_t pid = read_pid(run_dir);
  air_client::Error error;
  if (auto client = air_client::Client::connect(run_dir.socket().string(), &error)) {
    if (client->request("shutdown", {}, air_client::kNoDeadline, &error)) client->wait_closed();
  }
  wait_gone(pid, std::chrono::seconds(10));
  clean_leftovers(run_dir);
  std::cout << "air down in " << run_dir.dir().string() << "\n";
}

}  // namespace

void add_up_down_commands(CLI::App& app, Context& ctx) {
  auto* up_cmd = app.add_subcommand("up", "Build a world and start its daemon (returns once it is ready)");
  auto no_channel_switch = std::make_shared<bool>(false);
  up_cmd->add_flag("--no-channel-switch", *no_channel_switch,
                   "A board's AP keeps its channel when its station joins another channel");
  auto owner_pid = std::make_shared<int>(0);
  up_cmd->add_option("--owner-pid", *owner_pid,
                     "Take the world down when this process ends (for test harnesses)");
  up_cmd->callback([&ctx, no_channel_switch, owner_pid] { up(ctx, *no_channel_switch, *owner_pid); });

  app.add_subcommand("down", "Stop the world: boards, links and namespaces (also cleans a crashed one)")
      ->callback([&ctx] { down(ctx); });
}

}  // namespace onboard::air
