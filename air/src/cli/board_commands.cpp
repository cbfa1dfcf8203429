// A board's power switch, button, LED and serial monitor.
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace onboard::air {
namespace {

struct WaitOptions {
  std::string name;
  std::string state;
  std::string pattern;
  std::string text;
  double timeout = 10;
};

// Polls check() until it holds or the timeout passes (condition wait, never a
// fixed sleep that the caller has to guess).
bool wait_until(double timeout, const std::function<bool()>& check) {
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(timeout));
  for (;;) {
    if (check()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

void add_board_commands(CLI::App& app, Context& ctx) {
  auto* power = app.add_subcommand("power", "A board's power switch: off is a power cut (SIGKILL)");
  auto power_name = std::make_shared<std::string>();
  auto power_state = std::make_shared<std::string>();
  power->add_option("name", *power_name)->required();
  power
      ->add_option("state", *power_state,
                   "on|off|cycle, or cycle-on-join: cycle it right after the next phone joins its AP")
      ->required()
      ->check(CLI::IsMember({"on", "off", "cycle", "cycle-on-join"}));
  power->callback([&ctx, power_name, power_state] {
    const Response r = ctx.call("power", {{"name", *power_name}, {"state", *power_state}}, "power");
    std::cout << *power_name << ": power " << r.final.get("power")
              << (*power_state == "cycle-on-join" ? " (cycled when the next phone joins its AP)" : "")
              << "\n";
  });

  auto* button =
      app.add_subcommand("button", "Press, hold (released after SECONDS) or release a board's button");
  auto button_name = std::make_shared<std::string>();
  auto button_action = std::make_shared<std::string>();
  auto seconds = std::make_shared<double>(0);
  button->add_option("name", *button_name)->required();
  button->add_option("action", *button_action, "press|hold|release")
      ->required()
      ->check(CLI::IsMember({"press", "hold", "release"}));
  button->add_option("seconds", *seconds, "hold: release after this long (none: until release)");
  button->footer("example: onboard-air button b1 hold 10");
  button->callback([&ctx, button_name, button_action, seconds] {
    FieldList fields{{"name", *button_name}, {"action", *button_action}};
    if (*seconds > 0) fields.emplace_back("secs", std::to_string(*seconds));
    ctx.call("button", fields, "button");
  });

  auto* led = app.add_subcommand("led", "What the board's firmware drives on its LED now, as JSON");
  auto led_opts = std::make_shared<WaitOptions>();
  led->add_option("name", led_opts->name)->required();
  led->add_option("--wait-state", led_opts->state, "wait until the LED reports this state");
  led->add_option("--wait-pattern", led_opts->pattern, "wait until the LED shows this pattern");
  led->add_option("--timeout", led_opts->timeout, "seconds to wait (default 10)");
  led->callback([&ctx, led_opts] {
    nlohmann::json last;
    const bool ok = wait_until(led_opts->timeout, [&] {
      last = nlohmann::json::parse(ctx.call("led_get", {{"name", led_opts->name}}, "led").final.get("json"));
      return (led_opts->state.empty() || last["state"] == led_opts->state) &&
             (led_opts->pattern.empty() || last["pattern"] == led_opts->pattern);
    });
    std::cout << last.dump() << "\n";
    if (!ok) throw CliError(1, "led: timed out waiting for the LED");
  });

  auto* log = app.add_subcommand("log", "The board's serial monitor (its program's stdout and stderr)");
  auto log_opts = std::make_shared<WaitOptions>();
  log->add_option("name", log_opts->name)->required();
  log->add_option("--wait", log_opts->text, "wait until the log contains this text");
  log->add_option("--timeout", log_opts->timeout, "seconds to wait (default 10)");
  log->callback([&ctx, log_opts] {
    const auto path = ctx.run_dir().serial_log(log_opts->name);
    if (!std::filesystem::exists(path)) throw CliError(1, "log: no board " + log_opts->name);
    std::string text;
    const bool ok = wait_until(log_opts->timeout, [&] {
      text = read_file(path);
      return log_opts->text.empty() || text.find(log_opts->text) != std::string::npos;
    });
    std::cout << text;
    if (!ok) throw CliError(1, "log: timed out waiting for \"" + log_opts->text + "\"");
  });
}

}  // namespace onboard::air
