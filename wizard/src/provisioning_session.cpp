// The order of the steps and what happens when one fails: after the wizard has left its own
// network, every failure path goes back home (clean_up) before reporting.
#include "onboard/wizard/provisioning_session.hpp"

#include <algorithm>

#include "session_runner.hpp"

namespace onboard::wizard {

ProvisioningSession::ProvisioningSession(CloudClient& cloud, WifiBackend& wifi, Choices& choices,
                                         SessionOptions options, EventListener listener)
    : cloud_(cloud),
      wifi_(wifi),
      choices_(choices),
      options_(std::move(options)),
      listener_(std::move(listener)) {}

Outcome ProvisioningSession::run() {
  Runner runner(*this);
  return runner.run();
}

void ProvisioningSession::Runner::emit(Event event) const {
  if (listener_) listener_(event);
}

void ProvisioningSession::Runner::note(Step which, const std::string& key, TextArgs args) const {
  Event e{Event::Kind::note, which, {}, {}, english().text(key, args), {}, {}, {}};
  e.key = key;
  e.args = std::move(args);
  emit(std::move(e));
}

void ProvisioningSession::Runner::warn(Step which, const std::string& key, TextArgs args) {
  Event e{Event::Kind::warning, which, {}, {}, english().text(key, args), {}, {}, {}};
  e.key = key;
  e.args = std::move(args);
  out_.warnings.push_back(e.message);
  emit(std::move(e));
}

const Catalog& ProvisioningSession::Runner::english() {
  static const Catalog catalog = Catalog::builtin("en");
  return catalog;
}

Status ProvisioningSession::Runner::wait_a_little(int& polls, Clock::time_point deadline) const {
  // Short pauses first: a device or cloud that answers in 100 ms is seen in 100 ms, and a
  // slow one is not asked more often than every poll_interval.
  const auto first = std::max(opt_.poll_interval / 10, std::chrono::milliseconds(1));
  const auto pause = std::min(opt_.poll_interval, first * (1 << std::min(polls, 4)));
  ++polls;
  if (!opt_.cancel.sleep_until(std::min(deadline, Clock::now() + pause))) {
    return fail(Reason::cancelled, "the session was cancelled");
  }
  return Done{};
}

Status ProvisioningSession::Runner::step(Step which, const std::function<Status()>& body) {
  emit(Event{Event::Kind::started, which, {}, {}, {}, {}, {}, {}});
  auto start = std::chrono::steady_clock::now();
  Status status = cancelled() ? Status(fail(Reason::cancelled, "the session was cancelled")) : body();
  // Whatever the step was waiting for, a cancel is why it ended.
  if (!status && cancelled()) status = fail(Reason::cancelled, "the session was cancelled");
  auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  out_.timings.push_back(StepTiming{which, elapsed});
  if (status) {
    emit(Event{Event::Kind::done, which, elapsed, {}, {}, {}, {}, {}});
  } else {
    const Failure& f = status.failure();
    out_.step = which;
    out_.failure = f;
    emit(Event{Event::Kind::failed, which, elapsed, f.reason, f.message, f.hint, {}, {}});
  }
  return status;
}

Outcome ProvisioningSession::Runner::finish_failed() {
  out_.ok = false;
  return out_;
}

Outcome ProvisioningSession::Runner::run() {
  if (!step(Step::sign_in, [&] { return sign_in(); })) return finish_failed();
  if (!step(Step::choose_template, [&] { return choose_template(); })) return finish_failed();
  if (!step(Step::get_token, [&] { return get_token(); })) return finish_failed();
  if (!step(Step::find_device, [&] { return find_device(); })) return finish_failed();
  // From here on the wizard is off its own network: every failure goes back home first.
  auto failed = [&] {
    Outcome result = finish_failed();
    // Going home matters most after a cancel: the phone must not stay on the device's AP.
    if (cancelled()) {
      home_token_ = CancelToken();
      wifi_.watch(home_token_);
    }
    clean_up();
    return result;
  };
  if (!step(Step::join_device, [&] { return join_device(); })) return failed();
  if (!step(Step::board_info, [&] { return read_board_info(); })) return failed();
  if (!step(Step::device_scan, [&] { return read_device_scan(); })) return failed();
  if (!step(Step::choose_network, [&] { return choose_network(); })) return failed();

  // A wrong password leaves the device in setup mode with its AP up, so the user can try
  // again right here, with the same token.
  for (int attempt = 0;; ++attempt) {
    if (!step(Step::send_config, [&] { return send_config(); })) return failed();
    if (!board_.is_onboard()) {
      note(Step::device_connect, "note.edgent_follow_cloud");
      break;
    }
    Status connected = step(Step::device_connect, [&] { return follow_device(); });
    if (connected) break;
    if (connected.failure().reason != Reason::wrong_password || attempt + 1 >= opt_.password_retries)
      return failed();
    Failure wrong = connected.failure();
    if (!ask_password(true)) {
      out_.step = Step::device_connect;
      out_.failure = wrong;
      return failed();
    }
  }
  if (!step(Step::rejoin_home, [&] { return rejoin_home(); })) return finish_failed();
  if (!step(Step::activation, [&] { return follow_activation(); })) return finish_failed();
  if (!step(Step::name_device, [&] { return name_device(); })) return finish_failed();
  out_.ok = true;
  out_.step.reset();
  out_.failure = Failure{};
  return out_;
}

}  // namespace onboard::wizard
