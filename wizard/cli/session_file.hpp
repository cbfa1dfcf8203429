// The signed-in session of the `onboard` CLI, kept in $XDG_CONFIG_HOME/onboard/session.json
// (or ~/.config/...) with mode 0600, since the bearer token is as good as the password.
#pragma once

#include <string>

#include "onboard/wizard/failure.hpp"

namespace onboard::cli {

struct SavedSession {
  std::string server;  // as typed at login: http://host:port
  std::string token;
  std::string email;
  std::string ca_file;  // PEM trusted for an https server with a self-signed certificate
};

// $XDG_CONFIG_HOME/onboard, or $HOME/.config/onboard.
std::string config_dir();
std::string session_path();

wizard::Status save_session(const SavedSession& session, const std::string& path = session_path());
wizard::Result<SavedSession> load_session(const std::string& path = session_path());

}  // namespace onboard::cli
