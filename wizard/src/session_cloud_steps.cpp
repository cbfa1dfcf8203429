// The steps that talk to the cloud: before the wizard leaves its network (sign in, template,
// token) and after it is back (follow the provisioning session, check online, name).
#include <algorithm>

#include "session_runner.hpp"

namespace onboard::wizard {

Status ProvisioningSession::Runner::sign_in() {
  if (cloud_.session().empty()) {
    return fail("not_signed_in", "no cloud session",
                "sign in first: onboard login --server URL --email E --password P");
  }
  // Listing templates proves the session still works and is needed by the next step anyway.
  auto list = cloud_.templates();
  if (!list) return list.failure();
  templates_ = std::move(*list);
  return Done{};
}

Status ProvisioningSession::Runner::choose_template() {
  if (!opt_.reconfigure_device_id.empty()) {
    auto dev = cloud_.device(opt_.reconfigure_device_id);
    if (!dev) return dev.failure();
    template_id_ = dev->template_id;
    current_name_ = dev->name;
    return Done{};
  }
  if (templates_.empty()) {
    return fail("no_templates", "your organization has no templates yet",
                "create one in the console or with POST /api/v1/templates");
  }
  std::optional<std::string> chosen = opt_.template_id;
  if (!chosen) chosen = choices_.choose_template(templates_);
  if (!chosen)
    return fail("missing_choice", "no template chosen", "pass --template ID (see: onboard templates)");
  auto it = std::find_if(templates_.begin(), templates_.end(),
                         [&](const Template& t) { return t.id == *chosen || t.name == *chosen; });
  if (it == templates_.end()) {
    return fail("template_not_found", "there is no template '" + *chosen + "' in your organization",
                "see the list: onboard templates");
  }
  template_id_ = it->id;
  current_name_ = it->name;
  return Done{};
}

Status ProvisioningSession::Runner::get_token() {
  auto p = opt_.reconfigure_device_id.empty() ? cloud_.start_provisioning(template_id_)
                                              : cloud_.start_reconfigure(opt_.reconfigure_device_id);
  if (!p) return p.failure();
  prov_ = std::move(*p);
  if (prov_.template_id.empty()) prov_.template_id = template_id_;
  if (!opt_.reconfigure_device_id.empty()) {
    note(Step::get_token, prov_.device_notified
                              ? "the device is online: the cloud told it to open its access point"
                              : "the device is offline: put it in setup mode (hold its button 10 s)");
  }
  return Done{};
}

Status ProvisioningSession::Runner::follow_activation() {
  const auto deadline = std::chrono::steady_clock::now() + opt_.activation_timeout;
  std::optional<Failure> last_error;
  std::string device_id;
  int polls = 0;
  while (device_id.empty()) {
    auto p = cloud_.provisioning(prov_.id);
    if (p) {
      last_error.reset();
      if (p->state == "activated" && !p->device_id.empty()) {
        device_id = p->device_id;
        break;
      }
      if (p->state == "failed") {
        std::string reason = p->reason.empty() ? "activation_failed" : p->reason;
        return fail(reason, "the cloud says: " + message_for(reason, {}), hint_for(reason));
      }
      if (p->state == "expired") return fail("expired", message_for("expired", {}), hint_for("expired"));
    } else {
      // The computer may still be getting its address back on the home network: keep trying.
      last_error = p.failure();
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      if (last_error) return *last_error;
      if (auto why = ask_device_why()) return *why;
      return fail("activation_timeout", message_for("activation_timeout", {}),
                  hint_for("activation_timeout"));
    }
    wait_a_little(polls);
  }
  out_.device_id = device_id;
  // Activation means the device logged in; still, "online" is what the user cares about.
  while (true) {
    auto d = cloud_.device(device_id);
    if (d && d->online) {
      current_name_ = d->name;
      out_.device_name = d->name;
      return Done{};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return fail("offline", message_for("offline", {}), hint_for("offline"));
    }
    wait_a_little(polls);
  }
}

Status ProvisioningSession::Runner::name_device() {
  std::optional<std::string> name = opt_.name;
  if (!name) name = choices_.device_name(current_name_);
  if (!name || name->empty() || *name == current_name_) return Done{};
  auto d = cloud_.rename_device(out_.device_id, *name);
  if (!d) {
    // The device works; a failed rename must not turn success into failure.
    warn(Step::name_device, "could not rename the device: " + d.failure().message);
    return Done{};
  }
  out_.device_name = d->name.empty() ? *name : d->name;
  return Done{};
}

}  // namespace onboard::wizard
