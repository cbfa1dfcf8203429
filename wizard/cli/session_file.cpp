// Written to a temporary file created 0600 and renamed, so the token is never readable by
// others, not even for a moment, and a crash never leaves half a file.
#include "session_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace onboard::cli {

using wizard::fail;
using wizard::Reason;

std::string config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/onboard";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.config/onboard";
}

std::string session_path() {
  return config_dir() + "/session.json";
}

namespace {

bool make_dirs(const std::string& dir) {
  std::size_t pos = 0;
  while ((pos = dir.find('/', pos + 1)) != std::string::npos) mkdir(dir.substr(0, pos).c_str(), 0700);
  return mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST;
}

}  // namespace

wizard::Status save_session(const SavedSession& s, const std::string& path) {
  std::string dir = path.substr(0, path.rfind('/'));
  if (!make_dirs(dir))
    return fail(Reason::config_error, "cannot create " + dir + ": " + std::strerror(errno));
  std::string body =
      nlohmann::json{{"server", s.server}, {"token", s.token}, {"email", s.email}, {"caFile", s.ca_file}}
          .dump(2) +
      "\n";
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Reason::config_error, "cannot write " + tmp + ": " + std::strerror(errno));
  fchmod(fd, 0600);  // O_CREAT's mode does not apply to a file left over from before
  bool ok = write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size());
  ok = fsync(fd) == 0 && ok;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return fail(Reason::config_error, "cannot save the session in " + path);
  }
  return wizard::Done{};
}

wizard::Result<SavedSession> load_session(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return fail(Reason::not_signed_in, "not signed in (no " + path + ")");
  }
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!j.is_object() || !j.contains("token") || !j.contains("server")) {
    return fail(Reason::not_signed_in, path + " is damaged");
  }
  SavedSession s;
  s.server = j.value("server", "");
  s.token = j.value("token", "");
  s.email = j.value("email", "");
  s.ca_file = j.value("caFile", "");
  return s;
}

}  // namespace onboard::cli
