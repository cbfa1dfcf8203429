// `onboard-cloud user add` without the password on the command line, and the
// data directory's permissions, against the real binary.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

namespace fs = std::filesystem;

int run(const std::string& shell) {
  const int rc = std::system((shell + " >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string user_add(const ServerProcess& server, const std::string& email) {
  return std::string(ONBOARD_CLOUD_BIN) + " user add --data-dir " + server.data_dir() + " --email " + email +
         " --role admin --org Acme";
}

int signs_in(const ServerProcess& server, const std::string& email, const std::string& password) {
  HttpClient c{server.plain(), false, {}};
  return c.post("/api/v1/login", {{"email", email}, {"password", password}}).status;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

TEST(UserAdd, ReadsThePasswordFromAFileOrOneLineOfStandardInput) {
  ServerProcess server;
  const auto file = fs::path(server.data_dir()) / "password.txt";
  std::ofstream(file) << "from-a-file-123\n";
  ASSERT_EQ(run(user_add(server, "file@example.com") + " --password-file " + file.string()), 0);
  ASSERT_EQ(run("printf 'piped-secret-456\\n' | " + user_add(server, "pipe@example.com")), 0);
  ASSERT_TRUE(server.start()) << server.log();
  EXPECT_EQ(signs_in(server, "file@example.com", "from-a-file-123"), 200);
  EXPECT_EQ(signs_in(server, "pipe@example.com", "piped-secret-456"), 200);
}

TEST(UserAdd, RefusesTwoSourcesAndAnUnreadableFile) {
  ServerProcess server;
  EXPECT_EQ(
      run(user_add(server, "a@example.com") + " --password 'long enough' --password-file /etc/hostname"), 2);
  EXPECT_EQ(run(user_add(server, "b@example.com") + " --password-file " + server.data_dir() + "/missing"), 2);
  EXPECT_EQ(run(user_add(server, "c@example.com") + " </dev/null"), 2);
}

TEST(DataDirectory, IsPrivateAndSoAreItsFiles) {
  ServerProcess server;
  fs::permissions(server.data_dir(), fs::perms::all,
                  fs::perm_options::replace);  // as a careless mkdir leaves it
  ASSERT_EQ(server.add_user("admin@example.com", "admin-password", "admin"), 0);
  ASSERT_TRUE(server.start()) << server.log();
  const fs::path dir = server.data_dir();
  EXPECT_EQ(mode_of(dir), 0700u);
  EXPECT_EQ(mode_of(dir / "onboard.db"), 0600u);
  EXPECT_EQ(mode_of(dir / "tls"), 0700u);
  EXPECT_EQ(mode_of(dir / "tls" / "key.pem"), 0600u);
  EXPECT_EQ(mode_of(dir / "tls" / "cert.pem"), 0600u);
  EXPECT_EQ(signs_in(server, "admin@example.com", "admin-password"), 200);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind("onboard.db", 0) == 0) {
      EXPECT_EQ(mode_of(entry.path()), 0600u) << entry.path();  // the WAL and shared-memory files too
    }
  }
}

}  // namespace
}  // namespace onboard::cloud::test
