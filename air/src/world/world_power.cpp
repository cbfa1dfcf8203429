// A board's power switch, its button, and the program that is its firmware.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>

#include "net/namespaces.hpp"
#include "net/qemu_wire.hpp"
#include "onboard/protocol/air/limits.hpp"
#include "world/addresses.hpp"
#include "world/qemu_command.hpp"
#include "world/world.hpp"

namespace onboard::air {

void World::serial_note(const std::string& board, const std::string& text) const {
  // The board's serial log also tells what the world did to it, marked [air].
  std::ofstream out(run_dir_.serial_log(board), std::ios::app);
  out << "[air] " << text << '\n';
}

void World::start_board(Host& host) {
  Board& board = *host.board;
  board.power = true;
  board.last_exit.reset();
  board.last_exit_text.clear();
  board.led.clear();
  serial_note(host.name, "power on");

  const std::string log = run_dir_.serial_log(host.name).string();
  const std::string storage = run_dir_.storage(host.name).string();
  const std::string socket = run_dir_.socket().string();
  std::vector<std::string> command = board.command;
  if (board.is_qemu()) {
    // The tap and bridge exist before QEMU opens the tap; the firmware's lwIP holds the addresses.
    std::string error;
    if (!make_qemu_wire(host.ns, kBoardApBridge, &error)) {
      serial_note(host.name, "cannot start: the QEMU board's wire: " + error);
      return;
    }
    command = qemu_board_command({board.qemu_image, host.name, board.chip_id, host.mac, socket,
                                  storage + "/flash.bin", kQemuTap, board.command});
  }
  std::vector<char*> argv;
  for (auto& arg : command) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) {
    serial_note(host.name, std::string("cannot start: fork: ") + std::strerror(errno));
    return;
  }
  if (pid == 0) {
    setsid();  // its own process group: power off kills all of it
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    const int out = open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    const int in = open("/dev/null", O_RDONLY);
    if (out >= 0) {
      dup2(out, 1);
      dup2(out, 2);
    }
    if (in >= 0) dup2(in, 0);
    if (!board.cwd.empty() && chdir(board.cwd.c_str()) != 0) {
      dprintf(2, "[air] cannot enter %s: %s\n", board.cwd.c_str(), std::strerror(errno));
    }
    if (!enter_namespace(host.ns)) {
      dprintf(2, "[air] cannot enter namespace %s: %s\n", host.ns.c_str(), std::strerror(errno));
      _exit(126);
    }
    setenv(kEnvSocket, socket.c_str(), 1);
    setenv(kEnvHost, host.name.c_str(), 1);
    setenv(kEnvChipId, board.chip_id.c_str(), 1);
    setenv(kEnvStorage, storage.c_str(), 1);
    setenv(kEnvRunDir, run_dir_.dir().c_str(), 1);
    execvp(argv[0], argv.data());
    dprintf(2, "[air] cannot run %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  board.pid = pid;
}

void World::stop_board(Host& host) {
  Board& board = *host.board;
  // A power cut: SIGKILL to the program, its process group and anything else
  // left running in the board's host. No warning, no clean-up.
  if (board.pid > 0) {
    kill(-board.pid, SIGKILL);
    kill(board.pid, SIGKILL);
    int status = 0;
    while (waitpid(board.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  for (int i = 0; i < 100 && kill_namespace_processes(host.ns) > 0; ++i) {
    const timespec pause{0, 5'000'000};
    nanosleep(&pause, nullptr);
  }
  board.pid = 0;
  ap_stop(host.name, Reason::ap_gone);
  drop_link(host, std::nullopt);
  board.power = false;
  board.led.clear();
  serial_note(host.name, "power off");
}

Reply World::power(const std::string& name, PowerAction action) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  Board& board = *host->board;
  if (action == PowerAction::cycle_on_join) {
    board.cycle_on_join = true;
    return reply.add("power", board.power ? "on" : "off").add("cycle_on_join", "1");
  }
  if (action != PowerAction::on && board.power) stop_board(*host);
  // "on" also restarts a board whose program ended by itself.
  if (action != PowerAction::off && (!board.power || board.pid == 0)) start_board(*host);
  return reply.add("power", board.power ? "on" : "off").add("pid", static_cast<long long>(board.pid));
}

Reply World::button(const std::string& name, ButtonAction action, double seconds) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  Board& board = *host->board;
  const auto now = std::chrono::steady_clock::now();
  if (action == ButtonAction::release) {
    release_button(*host);
    return reply.add("button", "up");
  }
  if (seconds < 0 || seconds > 86400) return Reply::error(Reason::bad_request, "seconds: 0..86400");
  if (!board.button_down) {
    board.button_down = true;
    push_(name, make_line("button", {{"state", "down"}}));
  }
  if (action == ButtonAction::press) {
    board.button_release_at = now + std::chrono::milliseconds(kPressMillis);
  } else if (seconds > 0) {
    board.button_release_at = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(seconds));
  } else {
    board.button_release_at.reset();  // held until "release"
  }
  return reply.add("button", "down");
}

void World::release_button(Host& host) {
  Board& board = *host.board;
  board.button_release_at.reset();
  if (!board.button_down) return;
  board.button_down = false;
  push_(host.name, make_line("button", {{"state", "up"}}));
}

std::optional<std::chrono::steady_clock::time_point> World::next_deadline() const {
  std::optional<std::chrono::steady_clock::time_point> next;
  for (const auto& [name, host] : hosts_) {
    if (host->board && host->board->button_release_at) {
      if (!next || *host->board->button_release_at < *next) next = host->board->button_release_at;
    }
  }
  for (const auto& [name, host] : hosts_)
    if (host->board && host->board->cycle_due) next = std::chrono::steady_clock::now();  // at once
  next_phone_deadline(next);
  return next;
}

void World::tick(std::chrono::steady_clock::time_point now) {
  for (auto& [name, host] : hosts_) {
    if (host->board && host->board->cycle_due) {
      host->board->cycle_due = false;
      ++host->board->join_cycles;
      power(name, PowerAction::cycle);
    }
    if (host->board && host->board->button_release_at && *host->board->button_release_at <= now) {
      release_button(*host);
    }
  }
  phone_timers(now);
}

void World::on_child_exit(pid_t pid, int wait_status) {
  for (auto& [name, host] : hosts_) {
    if (!host->board || host->board->pid != pid) continue;
    Board& board = *host->board;
    board.pid = 0;
    board.last_exit = wait_status;
    board.last_exit_text = WIFEXITED(wait_status) ? "exit " + std::to_string(WEXITSTATUS(wait_status))
                                                  : "signal " + std::to_string(WTERMSIG(wait_status));
    serial_note(name, "program ended (" + board.last_exit_text + "); power is still on");
  }
}

Reply World::set_led(const std::string& name, const FieldList& fields) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  host->board->led.clear();
  for (const auto& [key, value] : fields) {
    if (key != "host") host->board->led[key] = value;
  }
  return reply;
}

}  // namespace onboard::air
