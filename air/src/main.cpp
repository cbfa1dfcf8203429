// onboard-air: a world of radios made of network namespaces (see docs/air.md).
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace onboard::air;
  CLI::App app{"onboard-air: a virtual world of Wi-Fi radios (network namespaces)", "onboard-air"};
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "example: onboard-air up --run-dir /tmp/air && onboard-air ap add --ssid Home --password secret123");
  Context ctx;
  app.add_option("--run-dir", ctx.run_dir_option, "the world's directory (default: $ONBOARD_AIR_RUN_DIR)");
  add_up_down_commands(app, ctx);
  add_world_commands(app, ctx);
  add_board_commands(app, ctx);
  add_station_commands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const CliError& e) {
    std::cerr << "onboard-air: " << e.what() << "\n";
    return e.code;
  } catch (const std::exception& e) {
    std::cerr << "onboard-air: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
