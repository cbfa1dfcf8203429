#include "onboard/air_client/client.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <thread>

namespace onboard::air_client {
namespace {

// A one-connection daemon: answers each request line with `answer` (or stays silent).
class FakeDaemon {
 public:
  explicit FakeDaemon(std::string answer) : answer_(std::move(answer)) {
    path_ = (std::filesystem::temp_directory_path() /
             ("air-client-" + std::to_string(getpid()) + "-" + std::to_string(counter_++) + ".sock"))
                .string();
    listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
    unlink(path_.c_str());
    EXPECT_EQ(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(listen_fd_, 1), 0);
    thread_ = std::thread([this] {
      const int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      char buf[512];
      while (true) {
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        requests_ += std::string(buf, static_cast<std::size_t>(n));
        if (!answer_.empty()) (void)!send(fd, answer_.data(), answer_.size(), MSG_NOSIGNAL);
      }
      close(fd);
    });
  }
  ~FakeDaemon() {
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
    unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  std::string requests() const { return requests_; }

 private:
  static inline std::atomic<int> counter_{0};
  std::string answer_;
  std::string path_;
  int listen_fd_ = -1;
  std::string requests_;
  std::thread thread_;
};

TEST(AirClient, SeparatesDataLinesPushesAndTheFinalLine) {
  FakeDaemon daemon("link_lost reason=ap_gone ssid=Blynk%20Lamp\nap ssid=Home ch=6\nok count=1\n");
  Error error;
  auto client = Client::connect(daemon.path(), &error);
  ASSERT_TRUE(client) << error.message;
  std::vector<std::string> pushes;
  client->on_push([&](const Line& l) { pushes.push_back(l.get("ssid")); });
  auto reply = client->request("scan", {{"host", "phone 1"}}, Clock::now() + std::chrono::seconds(5), &error);
  ASSERT_TRUE(reply) << error.message;
  EXPECT_TRUE(reply->ok());
  EXPECT_EQ(reply->final.get("count"), "1");
  ASSERT_EQ(reply->data.size(), 1u);
  EXPECT_EQ(reply->data[0].get("ssid"), "Home");
  EXPECT_EQ(reply->data[0].raw, "ap ssid=Home ch=6\n");
  EXPECT_EQ(pushes, std::vector<std::string>{"Blynk Lamp"});
}

TEST(AirClient, ASilentWorldEndsAtTheDeadline) {
  FakeDaemon daemon("");
  Error error;
  auto client = Client::connect(daemon.path(), &error);
  ASSERT_TRUE(client);
  EXPECT_FALSE(client->request("ping", {}, Clock::now() + std::chrono::milliseconds(50), &error));
  EXPECT_EQ(error.kind, Error::Kind::timeout);
}

TEST(AirClient, ACancelledWaitEndsWithoutItsDeadline) {
  FakeDaemon daemon("");
  Error error;
  auto client = Client::connect(daemon.path(), &error);
  ASSERT_TRUE(client);
  int asked = 0;
  EXPECT_FALSE(client->request("ping", {}, kNoDeadline, &error, [&] { return ++asked > 2; }));
  EXPECT_EQ(error.kind, Error::Kind::cancelled);
}

TEST(AirClient, NoWorldIsAConnectError) {
  Error error;
  EXPECT_FALSE(Client::connect("/nonexistent/air.sock", &error));
  EXPECT_EQ(error.kind, Error::Kind::connect);
}

TEST(AirClientLine, MakesAndParsesEncodedValues) {
  const std::string line = make_line("join", {{"ssid", "my wifi=1"}, {"pass", "p+q"}});
  EXPECT_EQ(line, "join ssid=my%20wifi%3D1 pass=p+q\n");
  auto parsed = parse_line(line);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->get("ssid"), "my wifi=1");
  EXPECT_EQ(parsed->get("pass"), "p+q");
  air::ParseError e{};
  EXPECT_FALSE(parse_line("join ssid=%zz\n", &e));
  EXPECT_EQ(e, air::ParseError::bad_encoding);
}

}  // namespace
}  // namespace onboard::air_client
