// With --yes, a choice is made only when there is exactly one candidate: picking one of
// several devices or networks silently would provision the wrong thing.
#include "prompt_choices.hpp"

#include <cstdio>
#include <ostream>

namespace onboard::cli {

std::string signal_bars(int rssi) {
  int bars = rssi >= -55 ? 4 : rssi >= -67 ? 3 : rssi >= -75 ? 2 : 1;
  static const char* kBars[] = {"▂   ", "▂▄  ", "▂▄▆ ", "▂▄▆█"};
  return kBars[bars - 1];
}

std::optional<std::size_t> PromptChoices::pick(const std::string& question, std::size_t count,
                                               const std::string& extra) {
  while (true) {
    auto answer = term_.ask(question, "1");
    if (!answer) return std::nullopt;
    if (!extra.empty() && *answer == extra) return 0;
    try {
      std::size_t n = std::stoul(*answer);
      if (n >= 1 && n <= count) return n;
    } catch (...) {
    }
    term_.out() << "  " << catalog_.text("cli.pick_number", {{"subject", std::to_string(count)}})
                << (extra.empty() ? "" : " " + catalog_.text("cli.pick_or") + " " + extra) << "\n";
  }
}

std::optional<std::string> PromptChoices::choose_template(const std::vector<wizard::Template>& templates) {
  if (templates.size() == 1 && yes_) return templates.front().id;
  if (yes_) return std::nullopt;
  term_.out() << catalog_.text("cli.templates_header") << "\n";
  for (std::size_t i = 0; i < templates.size(); ++i) {
    term_.out() << "  " << i + 1 << ") " << templates[i].name << "  (" << templates[i].id << ")\n";
  }
  auto n = pick(catalog_.text("cli.template_prompt"), templates.size());
  if (!n) return std::nullopt;
  return templates[*n - 1].id;
}

std::optional<std::string> PromptChoices::choose_device(const std::vector<wizard::WifiNetwork>& aps) {
  if (aps.size() == 1 && yes_) return aps.front().ssid;
  if (yes_) return std::nullopt;
  term_.out() << catalog_.text("cli.devices_header") << "\n";
  for (std::size_t i = 0; i < aps.size(); ++i) {
    term_.out() << "  " << i + 1 << ") " << aps[i].ssid << "  " << signal_bars(aps[i].rssi) << " "
                << aps[i].rssi << " dBm\n";
  }
  auto n = pick(catalog_.text("cli.device_prompt"), aps.size());
  if (!n) return std::nullopt;
  return aps[*n - 1].ssid;
}

std::optional<wizard::NetworkChoice> PromptChoices::choose_network(
    const std::vector<wizard::DeviceNetwork>& nets) {
  if (yes_) return std::nullopt;
  term_.out() << catalog_.text("cli.networks_header") << "\n";
  for (std::size_t i = 0; i < nets.size(); ++i) {
    char line[160];
    std::snprintf(line, sizeof line, "  %2zu) %-32s %s %4d dBm  %-9s ch %d\n", i + 1, nets[i].ssid.c_str(),
                  signal_bars(nets[i].rssi).c_str(), nets[i].rssi, nets[i].sec.c_str(), nets[i].channel);
    term_.out() << line;
  }
  term_.out() << "   h) " << catalog_.text("cli.hidden_choice") << "\n";
  auto n = pick(catalog_.text("cli.network_prompt"), nets.size(), "h");
  if (!n) return std::nullopt;
  if (*n == 0) {
    auto name = term_.ask(catalog_.text("cli.hidden_name_prompt"));
    if (!name || name->empty()) return std::nullopt;
    return wizard::NetworkChoice{*name, true};
  }
  return wizard::NetworkChoice{nets[*n - 1].ssid, false};
}

std::optional<std::string> PromptChoices::password(const std::string& ssid, const wizard::DeviceNetwork*,
                                                   bool retry) {
  if (yes_) return std::nullopt;
  if (retry) term_.out() << catalog_.text("cli.wrong_password_retry", {{"subject", ssid}}) << "\n";
  return term_.ask_secret(catalog_.text("cli.password_prompt", {{"subject", ssid}}));
}

std::optional<std::string> PromptChoices::setup_code(const std::string& device_ap) {
  if (yes_) return std::nullopt;
  term_.out() << "'" << device_ap << "' is secure-only: it needs the setup code on its label.\n";
  return term_.ask_secret("Setup code (8 digits)");
}

std::optional<std::string> PromptChoices::device_name(const std::string& current) {
  if (yes_) return std::nullopt;
  return term_.ask(catalog_.text("cli.name_prompt"), current);
}

}  // namespace onboard::cli
