// The subcommands of onboard-cloud.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "onboard/cloud/cluster/cluster_node.hpp"
#include "onboard/cloud/config.hpp"

namespace onboard::cloud {

struct ServeOptions {
  Config config;
  std::string config_file;
};
CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);
int run_serve(ServeOptions& options, const CLI::App& command);
// --node-id, --redis-url, --node-alive-ms, --proxy-protocol (cluster_options.cpp).
void add_cluster_options(CLI::App& serve, Config& config);
void keep_cluster_flags(const CLI::App& command, const Config& flags, Config& from_file);
// Joins the cluster when --redis-url is set (nullptr otherwise).
std::unique_ptr<ClusterNode> start_cluster(const Config& config, Hub& hub);

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
