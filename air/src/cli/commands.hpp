// The onboard-air subcommands, grouped by what they act on.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace onboard::air {

void add_up_down_commands(CLI::App& app, Context& ctx);  // up, down
void add_world_commands(CLI::App& app, Context& ctx);    // ap, phone, board, router, internet, status
void add_board_commands(CLI::App& app, Context& ctx);    // power, button, led, log
void add_station_commands(CLI::App& app, Context& ctx);  // join, leave, scan, exec

}  // namespace onboard::air
