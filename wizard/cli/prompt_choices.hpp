// The CLI's answers to the session's questions: numbered lists and prompts at a terminal, or,
// with --yes, the only sensible default (and nothing at all where a guess would be wrong).
#pragma once

#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/provisioning_session.hpp"
#include "terminal.hpp"

namespace onboard::cli {

class PromptChoices : public wizard::Choices {
 public:
  PromptChoices(Terminal& terminal, bool assume_yes, const wizard::Catalog& catalog)
      : term_(terminal), yes_(assume_yes), catalog_(catalog) {}

  std::optional<std::string> choose_template(const std::vector<wizard::Template>& templates) override;
  std::optional<std::string> choose_device(const std::vector<wizard::WifiNetwork>& device_aps) override;
  std::optional<wizard::NetworkChoice> choose_network(
      const std::vector<wizard::DeviceNetwork>& networks) override;
  std::optional<std::string> password(const std::string& ssid, const wizard::DeviceNetwork* entry,
                                      bool retry) override;
  std::optional<std::string> device_name(const std::string& current) override;
  std::optional<std::string> setup_code(const std::string& device_ap) override;

 private:
  // Reads a number 1..count (default 1); nullopt at end of input.
  std::optional<std::size_t> pick(const std::string& question, std::size_t count,
                                  const std::string& extra = {});

  Terminal& term_;
  bool yes_;
  const wizard::Catalog& catalog_;
};

// "▂▄▆█" style bars for a dBm value, so a list reads at a glance.
std::string signal_bars(int rssi);

}  // namespace onboard::cli
