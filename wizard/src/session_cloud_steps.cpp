// The steps that talk to the cloud: before the wizard leaves its network (sign in, template,
// token) and after it is back (follow the provisioning session, check online, name).
#include <algorithm>

#include "session_runner.hpp"

namespace onboard::wizard {

Status ProvisioningSession::Runner::sign_in() {
  if (cloud_.session().empty()) {
    return fail(Reason::not_signed_in, "no cloud session");
  }
  remember_home();
  // Listing templates proves the session still works and is needed by the next step anyway.
  auto list = keep_on(Net::home, Step::sign_in, [&] { return cloud_.templates(); });
  if (!list) return list.failure();
  templates_ = std::move(*list);
  return Done{};
}

Status ProvisioningSession::Runner::choose_template() {
  if (!opt_.reconfigure_device_id.empty()) {
    auto dev =
        keep_on(Net::home, Step::choose_template, [&] { return cloud_.device(opt_.reconfigure_device_id); });
    if (!dev) return dev.failure();
    template_id_ = dev->template_id;
    current_name_ = dev->name;
    return Done{};
  }
  if (templates_.empty()) {
    return fail(Reason::no_templates, "your organization has no templates yet");
  }
  std::optional<std::string> chosen = opt_.template_id;
  if (!chosen) chosen = choices_.choose_template(templates_);
  if (!chosen) return fail(Reason::missing_choice, "no template chosen", Action::choose_template);
  auto it = std::find_if(templates_.begin(), templates_.end(),
                         [&](const Template& t) { return t.id == *chosen || t.name == *chosen; });
  if (it == templates_.end()) {
    return fail(Reason::template_not_found, "there is no template '" + *chosen + "' in your organization",
                Action::list_templates, *chosen);
  }
  template_id_ = it->id;
  current_name_ = it->name;
  return Done{};
}

Status ProvisioningSession::Runner::get_token() {
  // A retried request whose first reply was lost leaves an unused session, which expires.
  auto p = keep_on(Net::home, Step::get_token, [&] {
    return opt_.reconfigure_device_id.empty() ? cloud_.start_provisioning(template_id_)
                                              : cloud_.start_reconfigure(opt_.reconfigure_device_id);
  });
  if (!p) return p.failure();
  prov_ = std::move(*p);
  if (prov_.template_id.empty()) prov_.template_id = template_id_;
  if (!opt_.reconfigure_device_id.empty()) {
    note(Step::get_token, prov_.device_notified ? "note.device_told_to_open_ap" : "note.device_offline");
  }
  return Done{};
}

Status ProvisioningSession::Runner::follow_activation() {
  const auto deadline = std::chrono::steady_clock::now() + opt_.activation_timeout;
  std::optional<Failure> last_error;
  std::string device_id;
  int polls = 0;
  Clock::time_point next_look = Clock::now() + std::chrono::seconds(5);
  std::optional<Clock::time_point> cut_off_since;
  while (device_id.empty()) {
    auto p = cloud_.provisioning(prov_.id);
    if (p) {
      cut_off_since.reset();
      last_error.reset();
      if (p->state == "activated" && !p->device_id.empty()) {
        device_id = p->device_id;
        break;
      }
      if (p->state == "failed") {
        // The cloud's reasons are the device's (e.g. template_mismatch) or its own (device_deleted).
        const std::optional<Reason> known = reason_from_string(p->reason);
        const Reason reason = known.value_or(Reason::activation_failed);
        return fail(reason, "the cloud says: " + (known ? message_for(reason, {}) : p->reason));
      }
      if (p->state == "expired") return fail(Reason::expired, message_for(Reason::expired, {}));
    } else {
      last_error = p.failure();
      back_home_if_cut_off(p.failure(), cut_off_since);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      if (last_error) return *last_error;
      if (auto why = ask_device_why()) return *why;
      return fail(Reason::activation_timeout, message_for(Reason::activation_timeout, {}));
    }
    if (auto why = look_for_device_back(next_look)) return *why;
    if (Status w = wait_a_little(polls, deadline); !w) return w.failure();
  }
  out_.device_id = device_id;
  // Activation means the device logged in; still, "online" is what the user cares about.
  while (true) {
    auto d = cloud_.device(device_id);
    if (d) {
      cut_off_since.reset();
    } else {
      back_home_if_cut_off(d.failure(), cut_off_since);
    }
    if (d && d->online) {
      current_name_ = d->name;
      out_.device_name = d->name;
      return Done{};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      if (auto why = ask_device_why()) return *why;
      return fail(Reason::offline, message_for(Reason::offline, {}));
    }
    // Activated but restarted before it committed: the cloud knows it, the device does not.
    if (auto why = look_for_device_back(next_look)) return *why;
    if (Status w = wait_a_little(polls, deadline); !w) return w.failure();
  }
}

void ProvisioningSession::Runner::back_home_if_cut_off(const Failure& failure,
                                                       std::optional<Clock::time_point>& since) {
  // The computer may still be getting its address back on the home network: keep trying. A
  // phone that fell off its network (no link, or another one) is sent back at once; one that
  // says it is home but reaches nothing for 5 s joins again (a link that lost its route).
  if (!home_ || !lost_network(failure.reason)) return;
  const auto now = Clock::now();
  if (!since) since = now;
  auto here = wifi_.current();
  if (!here) return;
  const bool elsewhere = !*here || (*here)->ssid != home_->ssid;
  if (!elsewhere && now - *since < std::chrono::seconds(5)) return;
  since = now;
  if (join_home()) note(Step::activation, "note.back_home", {{"subject", home_->ssid}});
}

Status ProvisioningSession::Runner::name_device() {
  std::optional<std::string> name = opt_.name;
  if (!name) name = choices_.device_name(current_name_);
  if (!name || name->empty() || *name == current_name_) return Done{};
  auto d = keep_on(Net::home, Step::name_device, [&] { return cloud_.rename_device(out_.device_id, *name); });
  if (!d) {
    // The device works; a failed rename must not turn success into failure.
    warn(Step::name_device, "warn.rename_failed", {{"detail", d.failure().message}});
    return Done{};
  }
  out_.device_name = d->name.empty() ? *name : d->name;
  return Done{};
}

}  // namespace onboard::wizard
