// A small fake firmware and network tool for the world's integration tests,
// and an example of a firmware port speaking protocol/air with fixed buffers.
//   air-test-tool board                 fake firmware (run by "board add")
//   air-test-tool phone-watch           registers as a phone, prints pushes
//   air-test-tool serve ADDR PORT TEXT  TCP server answering TEXT
//   air-test-tool connect ADDR PORT     prints what the server says; exit 1 if unreachable
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/line_reader.hpp"
#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/message.hpp"
#include "onboard/protocol/air/scan_entry.hpp"

namespace air = onboard::air;

namespace {

int g_air = -1;
char g_in[air::kMaxLine];
air::LineReader g_reader(g_in, sizeof g_in);
const char* g_host = "";

void (*g_on_push)(const air::Message&) = nullptr;

int connect_air() {
  const char* path = std::getenv(air::kEnvSocket);
  if (path == nullptr) {
    std::fprintf(stderr, "[fw] %s is not set\n", air::kEnvSocket);
    std::exit(2);
  }
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path);
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("[fw] connect to air");
    std::exit(2);
  }
  return fd;
}

void send_line(const air::LineWriter& w) {
  const std::string_view line = w.line();
  if (write(g_air, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::exit(3);
}

// Reads one line from the air into msg (in g_in); false on EOF.
bool read_message(air::Message* msg) {
  for (;;) {
    char* line = nullptr;
    std::size_t length = 0;
    const auto result = g_reader.next(&line, &length);
    if (result == air::LineReader::Result::line) {
      if (msg->parse(line, length) == air::ParseError::none) return true;
      continue;
    }
    const ssize_t n = read(g_air, g_reader.space(), g_reader.space_size());
    if (n <= 0) return false;
    g_reader.commit(static_cast<std::size_t>(n));
  }
}

bool is_push(const air::Message& m) {
  return m.is("button") || m.is("link_lost");
}

// Sends a request and returns its final line (ok/error); data lines go to
// on_data, pushes that arrive meanwhile to g_on_push.
bool request(const air::LineWriter& w, air::Message* final_line,
             void (*on_data)(const air::Message&) = nullptr) {
  send_line(w);
  for (;;) {
    if (!read_message(final_line)) return false;
    if (final_line->is("ok") || final_line->is("error")) return true;
    if (is_push(*final_line)) {
      if (g_on_push != nullptr) g_on_push(*final_line);
    } else if (on_data != nullptr) {
      on_data(*final_line);
    }
  }
}

void print_fields(const char* what, const air::Message& m) {
  std::printf("[fw] %s %.*s", what, static_cast<int>(m.verb().size()), m.verb().data());
  for (std::size_t i = 0; i < m.size(); ++i) {
    std::printf(" %.*s=%.*s", static_cast<int>(m.at(i).key.size()), m.at(i).key.data(),
                static_cast<int>(m.at(i).value.size()), m.at(i).value.data());
  }
  std::printf("\n");
}

void send_led(const char* pattern, const char* state, int r, int g, int b) {
  char out[air::kMaxLine];
  air::LineWriter w(out, sizeof out);
  w.verb("led")
      .field("r", r)
      .field("g", g)
      .field("b", b)
      .field("level", 128)
      .field("pattern", pattern)
      .field("state", state);
  w.finish();
  send_line(w);  // its "ok" is read (and skipped) by the loop
}

void board_push(const air::Message& m) {
  print_fields("push", m);
  if (m.is("button")) {
    if (m.get("state") == "down") {
      send_led("solid", "button_held", 255, 0, 0);
    } else {
      send_led("blink", "waiting_for_setup", 0, 0, 255);
    }
  }
}

void print_scan_entry(const air::Message& m) {
  air::ScanEntry e;
  if (!air::read_scan_entry(m, &e)) return;
  std::printf("[fw] scan: %.*s band=%s ch=%d\n", static_cast<int>(e.ssid_length), e.ssid,
              std::string(air::to_string(e.band)).c_str(), e.channel);
}

std::string read_file(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    char buf[256];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

int listen_tcp(const char* address, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, address, &addr.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 16) != 0) {
    std::fprintf(stderr, "[fw] cannot listen on %s:%d: %s\n", address, port, std::strerror(errno));
    return -1;
  }
  return fd;
}

int run_board() {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  g_host = std::getenv(air::kEnvHost);
  const std::string storage = std::getenv(air::kEnvStorage) != nullptr ? std::getenv(air::kEnvStorage) : ".";
  g_air = connect_air();
  g_on_push = board_push;
  char out[air::kMaxLine];
  air::LineWriter w(out, sizeof out);
  air::Message reply;

  w.verb("hello").field("host", g_host).field("role", "board").finish();
  if (!request(w, &reply) || !reply.is("ok")) return 4;
  print_fields("hello", reply);

  const int boots = std::atoi(read_file(storage + "/boots").c_str()) + 1;
  if (FILE* f = std::fopen((storage + "/boots").c_str(), "w")) {
    std::fprintf(f, "%d\n", boots);
    std::fclose(f);
  }
  std::printf("[fw] boot %d chip %s storage %s\n", boots, std::getenv(air::kEnvChipId), storage.c_str());

  w.clear();
  w.verb("scan").finish();
  request(w, &reply, print_scan_entry);
  print_fields("scan", reply);

  // Saved credentials (two lines: ssid, password): join like a provisioned board.
  const std::string wifi = read_file(storage + "/wifi");
  if (!wifi.empty()) {
    const std::size_t nl = wifi.find('\n');
    const std::string ssid = wifi.substr(0, nl);
    std::string pass = nl == std::string::npos ? "" : wifi.substr(nl + 1);
    while (!pass.empty() && pass.back() == '\n') pass.pop_back();
    w.clear();
    w.verb("join").field("ssid", ssid).field("pass", pass).finish();
    request(w, &reply);
    print_fields("join", reply);
  }

  const std::string ap_ssid = std::string("Onboard ") + g_host;
  w.clear();
  w.verb("ap_start").field("ssid", ap_ssid).finish();
  if (!request(w, &reply) || !reply.is("ok")) return 5;
  print_fields("ap_start", reply);

  const int server = listen_tcp("192.168.4.1", 8000);
  if (server < 0) return 6;
  std::printf("[fw] serving 192.168.4.1:8000\n");
  send_led("blink", "waiting_for_setup", 0, 0, 255);

  for (;;) {
    pollfd fds[2] = {{g_air, POLLIN, 0}, {server, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) continue;
    if ((fds[1].revents & POLLIN) != 0) {
      const int client = accept(server, nullptr, nullptr);
      if (client >= 0) {
        const std::string text = "board " + std::string(g_host) + " boot " + std::to_string(boots) + "\n";
        (void)!write(client, text.data(), text.size());
        close(client);
      }
    }
    if ((fds[0].revents & (POLLIN | POLLHUP)) != 0) {
      const ssize_t n = read(g_air, g_reader.space(), g_reader.space_size());
      if (n <= 0) return 0;
      g_reader.commit(static_cast<std::size_t>(n));
      char* line = nullptr;
      std::size_t length = 0;
      while (g_reader.next(&line, &length) == air::LineReader::Result::line) {
        air::Message m;
        if (m.parse(line, length) != air::ParseError::none) continue;
        if (is_push(m)) board_push(m);
      }
    }
  }
}

int run_phone_watch() {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  g_air = connect_air();
  char out[air::kMaxLine];
  air::LineWriter w(out, sizeof out);
  air::Message m;
  w.verb("hello").field("host", std::getenv(air::kEnvHost)).field("role", "phone").finish();
  if (!request(w, &m) || !m.is("ok")) return 4;
  std::printf("registered\n");
  while (read_message(&m)) {
    if (is_push(m)) print_fields("push", m);
  }
  return 0;
}

int run_serve(const char* address, int port, const char* text) {
  const int server = listen_tcp(address, port);
  if (server < 0) return 1;
  for (;;) {
    const int client = accept(server, nullptr, nullptr);
    if (client < 0) continue;
    const std::string line = std::string(text) + "\n";
    (void)!write(client, line.data(), line.size());
    close(client);
  }
}

int run_connect(const char* address, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, address, &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "connect %s:%d: %s\n", address, port, std::strerror(errno));
    return 1;
  }
  char buf[512];
  ssize_t n = 0;
  while ((n = read(fd, buf, sizeof buf)) > 0) std::fwrite(buf, 1, static_cast<std::size_t>(n), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "board") return run_board();
  if (mode == "phone-watch") return run_phone_watch();
  if (mode == "serve" && argc == 5) return run_serve(argv[2], std::atoi(argv[3]), argv[4]);
  if (mode == "connect" && argc == 4) return run_connect(argv[2], std::atoi(argv[3]));
  std::fprintf(stderr,
               "usage: air-test-tool board | phone-watch | serve ADDR PORT TEXT | connect ADDR PORT\n");
  return 2;
}
