// onboard-cloud: `serve` and `user add` (see docs/self-hosting.md).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace onboard::cloud;
  auto logger = spdlog::stderr_color_mt("onboard-cloud");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::set_default_logger(logger);

  CLI::App app{"onboard-cloud: the Onboard server (Blynk device protocol, provisioning, REST API)"};
  app.require_subcommand(1);
  app.footer(
      "examples:\n  onboard-cloud user add --data-dir /var/lib/onboard --email a@example.com --role admin\n  "
      "onboard-cloud serve --data-dir /var/lib/onboard --listen 0.0.0.0:8080");

  ServeOptions serve;
  auto* serve_cmd = add_serve_command(app, serve);

  UserAddOptions user;
  auto* user_cmd = app.add_subcommand("user", "manage users");
  user_cmd->require_subcommand(1);
  auto* add_cmd = add_user_add_command(*user_cmd, user);

  MigrateOptions migrate;
  auto* migrate_cmd = add_migrate_command(app, migrate);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (serve_cmd->parsed()) return run_serve(serve, *serve_cmd);
    if (add_cmd->parsed()) return run_user_add(user, add_cmd->count("--password") > 0);
    if (migrate_cmd->parsed()) return run_migrate(migrate);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 2;
}
