// The steps of a provisioning session and the events a UI shows for them: started, done
// (with elapsed time), failed (with a reason and what to try next), warnings and notes.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onboard/wizard/hint.hpp"
#include "onboard/wizard/reason.hpp"

namespace onboard::wizard {

enum class Step {
  sign_in,
  choose_template,
  get_token,
  find_device,
  join_device,
  board_info,
  device_scan,
  choose_network,
  send_config,
  device_connect,
  rejoin_home,
  activation,
  name_device,
};

// Stable identifiers used in --json output: "sign_in", "join_device", ...
std::string_view to_string(Step step);
// Labels for progress lines are in the catalog (Catalog::step).

struct Event {
  enum class Kind { started, done, failed, warning, note } kind;
  Step step;
  std::chrono::milliseconds elapsed{0};  // done and failed: time spent in the step
  Reason reason = Reason::internal;      // failed
  std::string message;                   // failed, warning, note: a sentence
  Hint hint;                             // failed: what to try next
  // warning, note: the catalog key of the message and its arguments ({subject}, {host}, ...),
  // so a front end can show it in its own language.
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;
};

using EventListener = std::function<void(const Event&)>;

}  // namespace onboard::wizard
