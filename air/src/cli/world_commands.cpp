// Building the world: access points, phones, boards, the router, the internet,
// and what it looks like now.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace onboard::air {

struct PhoneBehaviourOptions {
  double slow_rejoin_s = 0;
  double leave_no_internet_s = 0;
  bool dns_elsewhere = false;
  int kicked_from_ap = 0;
};
namespace {

struct ApOptions {
  std::string ssid;
  std::string password;
  std::string band = "2.4";
  int channel = 0;
  int rssi = -50;
  bool drop = false;
};

struct BoardOptions {
  std::string name;
  std::string chip_id;
  std::vector<std::string> command;
  std::string qemu;
};

nlohmann::json status_of(const Context& ctx) {
  const Response r = ctx.call("status_json", {}, "status");
  return nlohmann::json::parse(r.final.get("json"));
}

void print_status(const nlohmann::json& s) {
  std::cout << "world " << s["run_dir"].get<std::string>() << " (namespaces "
            << s["prefix"].get<std::string>() << "-*)\n";
  std::cout << "  internet  " << s["internet"]["address"].get<std::string>() << "  "
            << (s["internet"]["on"].get<bool>() ? "on" : "OFF") << "\n";
  std::cout << "  router    lan " << s["router"]["lan"].get<std::string>() << "  "
            << (s["router"]["on"].get<bool>() ? "on" : "OFF") << "\n";
  for (const auto& ap : s["aps"]) {
    std::cout << "  ap        " << ap["ssid"].dump() << "  " << ap["band"].get<std::string>() << " GHz ch "
              << ap["channel"] << "  " << ap["security"].get<std::string>() << "  " << ap["rssi"] << " dBm\n";
  }
  for (const auto& h : s["hosts"]) {
    const std::string kind = h["kind"];
    if (kind != "phone" && kind != "board") continue;
    std::cout << "  " << kind << (kind == "phone" ? "     " : "     ") << h["name"].get<std::string>();
    if (kind == "board") {
      std::cout << "  power " << h["power"].get<std::string>()
                << (h["running"].get<bool>() ? "" : " (not running)") << "  led "
                << h["led"]["pattern"].get<std::string>();
      if (!h["ap"].is_null()) {
        std::cout << "  ap " << h["ap"]["ssid"].dump() << " ch " << h["ap"]["channel"] << " at 192.168.4.1";
      }
    }
    if (!h["link"].is_null()) {
      std::cout << "  joined " << h["link"]["ssid"].dump() << " as " << h["link"]["ip"].get<std::string>();
    }
    std::cout << "\n";
  }
}

}  // namespace

void add_world_commands(CLI::App& app, Context& ctx) {
  auto* ap = app.add_subcommand("ap", "Access points of the home router");
  ap->require_subcommand(1);
  auto ap_opts = std::make_shared<ApOptions>();
  auto* ap_add = ap->add_subcommand("add", "Add an AP (open without --password, else WPA2)");
  ap_add->add_option("--ssid", ap_opts->ssid, "1 to 32 bytes")->required();
  ap_add->add_option("--password", ap_opts->password, "8-63 characters or 64 hex digits");
  ap_add->add_option("--band", ap_opts->band, "2.4 or 5")->check(CLI::IsMember({"2.4", "5"}));
  ap_add->add_option("--channel", ap_opts->channel, "default 6 (2.4 GHz) or 36 (5 GHz)");
  ap_add->add_option("--rssi", ap_opts->rssi, "signal in dBm, default -50");
  ap_add->callback([&ctx, ap_opts] {
    const Response r = ctx.call("ap_add",
                                {{"ssid", ap_opts->ssid},
                                 {"pass", ap_opts->password},
                                 {"band", ap_opts->band},
                                 {"ch", std::to_string(ap_opts->channel)},
                                 {"rssi", std::to_string(ap_opts->rssi)}},
                                "ap add");
    std::cout << "ap "
              << nlohmann::json(ap_opts->ssid).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << " on " << r.final.get("band") << " GHz channel " << r.final.get("ch") << ", bssid "
              << r.final.get("bssid") << "\n";
  });
  auto* ap_del = ap->add_subcommand("del", "Remove an AP (its stations lose their link)");
  ap_del->add_option("--ssid", ap_opts->ssid)->required();
  ap_del->callback([&ctx, ap_opts] { ctx.call("ap_del", {{"ssid", ap_opts->ssid}}, "ap del"); });
  auto* ap_channel = ap->add_subcommand(
      "channel",
      "Move a 2.4 GHz AP to another channel; its stations follow (a board takes its own AP along, "
      "dropping the phones on it)");
  ap_channel->add_option("--ssid", ap_opts->ssid)->required();
  ap_channel->add_option("--channel", ap_opts->channel, "1-13")->required();
  ap_channel->add_flag("--drop-stations", ap_opts->drop,
                       "no announcement: its stations lose their link (channel_switch) and must join again");
  ap_channel->callback([&ctx, ap_opts] {
    const Response r = ctx.call("ap_channel",
                                {{"ssid", ap_opts->ssid},
                                 {"ch", std::to_string(ap_opts->channel)},
                                 {"drop", ap_opts->drop ? "1" : "0"}},
                                "ap channel");
    std::cout << "ap "
              << nlohmann::json(ap_opts->ssid).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << " moved from channel " << r.final.get("from") << " to " << r.final.get("ch") << "\n";
  });

  auto* phone = app.add_subcommand("phone", "Phones (dual-band, one network at a time)");
  phone->require_subcommand(1);
  auto phone_name = std::make_shared<std::string>();
  auto behaviour = std::make_shared<PhoneBehaviourOptions>();
  // Field behaviours (pain 8), for `phone add` and `phone set` alike.
  auto add_behaviour_options = [behaviour](CLI::App* cmd) {
    cmd->add_option("--slow-rejoin", behaviour->slow_rejoin_s,
                    "seconds before traffic flows again after joining a network with internet");
    cmd->add_option("--leave-no-internet", behaviour->leave_no_internet_s,
                    "leave an AP without internet by itself after this many seconds and go back home "
                    "(as Android does)");
    cmd->add_flag("--dns-elsewhere", behaviour->dns_elsewhere,
                  "while on an AP without internet, send DNS to the home network's resolver");
    cmd->add_option("--kicked-from-ap", behaviour->kicked_from_ap,
                    "drop the next N joins of a board's AP right after each is answered (the phone stays "
                    "off); status --json counts them as ap_kicks")
        ->check(CLI::NonNegativeNumber);
  };
  auto set_behaviour = [&ctx, phone_name, behaviour](const std::string& what) {
    ctx.call("phone_set",
             {{"name", *phone_name},
              {"slow_rejoin_ms", std::to_string(static_cast<long long>(behaviour->slow_rejoin_s * 1000))},
              {"leave_no_internet_ms",
               std::to_string(static_cast<long long>(behaviour->leave_no_internet_s * 1000))},
              {"dns_elsewhere", behaviour->dns_elsewhere ? "1" : "0"},
              {"kicked_from_ap", std::to_string(behaviour->kicked_from_ap)}},
             what);
  };
  auto* phone_add = phone->add_subcommand("add", "Add a phone host");
  phone_add->add_option("name", *phone_name)->required();
  add_behaviour_options(phone_add);
  phone_add->callback([&ctx, phone_name, set_behaviour] {
    ctx.call("phone_add", {{"name", *phone_name}}, "phone add");
    set_behaviour("phone add");
    std::cout << "phone " << *phone_name << " (run programs in it: onboard-air exec " << *phone_name
              << " -- ...)\n";
  });
  auto* phone_set =
      phone->add_subcommand("set", "Change how a phone behaves (every option not given is off)");
  phone_set->add_option("name", *phone_name)->required();
  add_behaviour_options(phone_set);
  phone_set->callback([phone_name, set_behaviour] {
    set_behaviour("phone set");
    std::cout << "phone " << *phone_name << " behaviour set\n";
  });

  auto* board = app.add_subcommand("board", "Boards (2.4 GHz, AP + station, button, LED, power switch)");
  board->require_subcommand(1);
  auto board_opts = std::make_shared<BoardOptions>();
  auto* board_add = board->add_subcommand("add", "Add a board and power it on: it runs COMMAND in its host");
  board_add->add_option("name", board_opts->name)->required();
  board_add->add_option("--chip-id", board_opts->chip_id, "hex; default: random");
  board_add->add_option("--qemu", board_opts->qemu,
                        "a bare-metal firmware image (ELF) for an emulated Cortex-M4 (qemu-system-arm "
                        "mps2-an386): radio over its serial line, Ethernet as the radio's data plane; "
                        "COMMAND is then the firmware's arguments");
  board_add->add_option("command", board_opts->command,
                        "the firmware (or with --qemu its arguments), after --");
  board_add->footer(
      "examples: onboard-air board add b1 -- build/dev/bin/onboard-device --wifi air ...\n"
      "          onboard-air board add b2 --qemu build/cortex-m4/bin/onboard-mps2-board.elf -- "
      "--template-id TMPL... --template-name Lamp --cloud-plain");
  board_add->callback([&ctx, board_opts] {
    if (board_opts->command.empty() && board_opts->qemu.empty())
      throw CliError(2, "board add: give the firmware after --, or --qemu FIRMWARE.elf");
    std::string image;
    if (!board_opts->qemu.empty()) {
      std::error_code ec;
      image = std::filesystem::absolute(board_opts->qemu, ec).string();
      if (ec || !std::filesystem::is_regular_file(image, ec))
        throw CliError(2, "board add: no firmware image " + board_opts->qemu);
    }
    std::string cmd;
    for (std::size_t i = 0; i < board_opts->command.size(); ++i) {
      if (i > 0) cmd.push_back('\0');
      cmd += board_opts->command[i];
    }
    const Response r = ctx.call("board_add",
                                {{"name", board_opts->name},
                                 {"chip_id", board_opts->chip_id},
                                 {"cmd", cmd},
                                 {"qemu", image},
                                 {"cwd", std::filesystem::current_path().string()}},
                                "board add");
    std::cout << "board " << board_opts->name << " powered on, chip id " << r.final.get("chip_id") << "\n"
              << "  serial log " << r.final.get("log") << "\n  storage    " << r.final.get("storage") << "\n";
  });

  for (const char* name : {"router", "internet"}) {
    auto* cmd = app.add_subcommand(
        name, std::string("Switch the ") + name +
                  (std::string(name) == "router" ? " (home APs and LAN) on or off" : " uplink on or off"));
    auto state = std::make_shared<std::string>();
    cmd->add_option("state", *state, "on|off")->required()->check(CLI::IsMember({"on", "off"}));
    cmd->callback([&ctx, state, verb = std::string(name)] { ctx.call(verb, {{"state", *state}}, verb); });
  }

  auto* status = app.add_subcommand("status", "Hosts, addresses, APs, links, boards' power");
  auto json = std::make_shared<bool>(false);
  status->add_flag("--json", *json, "machine-readable");
  status->callback([&ctx, json] {
    const nlohmann::json s = status_of(ctx);
    if (*json) {
      std::cout << s.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      print_status(s);
    }
  });
}

}  // namespace onboard::air
