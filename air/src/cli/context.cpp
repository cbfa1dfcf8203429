#include "cli/context.hpp"

#include <filesystem>

namespace onboard::air {

RunDir Context::run_dir() const {
  auto path = RunDir::locate(run_dir_option);
  if (!path) {
    throw CliError(2,
                   "which world? give --run-dir DIR or set ONBOARD_AIR_RUN_DIR\n"
                   "example: onboard-air status --run-dir /tmp/air");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(*path, ec)) throw CliError(1, "no world at " + path->string());
  return RunDir(*path);
}

Response Context::call(std::string_view verb, const FieldList& fields, const std::string& what) const {
  air_client::Error error;
  auto client = air_client::Client::connect(run_dir().socket().string(), &error);
  if (!client) throw CliError(1, error.message + "; start one with: onboard-air up --run-dir DIR");
  auto response = client->request(verb, fields, air_client::kNoDeadline, &error);
  if (!response) throw CliError(1, what + ": " + error.message);
  if (!response->ok()) {
    std::string message = what + ": " + response->final.get("reason", "failed");
    if (response->final.has("detail")) message += " (" + response->final.get("detail") + ")";
    throw CliError(1, message);
  }
  return *response;
}

}  // namespace onboard::air
