// The subcommands of onboard-cloud.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "onboard/cloud/config.hpp"

namespace onboard::cloud {

struct ServeOptions {
  Config config;
  std::string config_file;
};
CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);
int run_serve(ServeOptions& options, const CLI::App& command);

struct UserAddOptions {
  std::string data_dir;
  std::string email;
  std::string password;
  std::string password_file;
  std::string role;
  std::string org = "Default";
  std::string store = "sqlite";
  std::string db_url;
};
CLI::App* add_user_add_command(CLI::App& user, UserAddOptions& options);
// password_given: --password was on the command line (it may be empty).
int run_user_add(const UserAddOptions& options, bool password_given);

struct MigrateOptions {
  std::string from;
  std::string db_url;
};
CLI::App* add_migrate_command(CLI::App& app, MigrateOptions& options);
int run_migrate(const MigrateOptions& options);

// The SQLite file inside a data directory.
std::string database_path(const std::string& data_dir);

}  // namespace onboard::cloud
