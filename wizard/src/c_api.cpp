// The C API over ProvisioningSession: configuration by key, callbacks adapted to Choices and
// the EventListener, results kept as strings the session owns. No exception crosses into C.
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onboard/wizard/air_wifi.hpp"
#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/nm_wifi.hpp"
#include "onboard/wizard/onboard_wizard.h"
#include "onboard/wizard/provisioning_session.hpp"
#include "onboard/wizard/url.hpp"

using namespace onboard::wizard;

struct onboard_config {
  std::map<std::string, std::string> values;
  std::string get(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  }
  bool has(const std::string& key) const { return values.count(key) != 0; }
};

namespace {

const char* const kKeys[] = {"server",        "session",    "email",      "password",      "ca_file",
                             "template",      "device",     "ssid",       "wifi_password", "name",
                             "reconfigure",   "wifi",       "lang",       "product_name",  "ap_prefix",
                             "home_password", "cloud_host", "cloud_port", "cloud_tls",     "timeout_s"};

bool number_in(const std::string& text, long low, long high, long* out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  *out = std::strtol(text.c_str(), nullptr, 10);
  return *out >= low && *out <= high;
}

// The app's answers through its callback; NULL means no answer.
class CallbackChoices : public Choices {
 public:
  CallbackChoices(onboard_ask_fn callback, void* user) : ask_(callback), user_(user) {}

  std::optional<std::string> choose_template(const std::vector<Template>& templates) override {
    std::vector<std::string> ids;
    for (const auto& t : templates) ids.push_back(t.id);
    return ask(ONBOARD_ASK_TEMPLATE, ids, "");
  }
  std::optional<std::string> choose_device(const std::vector<WifiNetwork>& aps) override {
    std::vector<std::string> names;
    for (const auto& a : aps) names.push_back(a.ssid);
    return ask(ONBOARD_ASK_DEVICE, names, "");
  }
  std::optional<NetworkChoice> choose_network(const std::vector<DeviceNetwork>& networks) override {
    std::vector<std::string> names;
    for (const auto& n : networks) names.push_back(n.ssid);
    auto chosen = ask(ONBOARD_ASK_NETWORK, names, "");
    if (!chosen) return std::nullopt;
    bool seen = false;
    for (const auto& n : names) seen = seen || n == *chosen;
    return NetworkChoice{*chosen, !seen};
  }
  std::optional<std::string> password(const std::string& ssid, const DeviceNetwork*, bool retry) override {
    return ask(retry ? ONBOARD_ASK_PASSWORD_AGAIN : ONBOARD_ASK_PASSWORD, {}, ssid);
  }
  std::optional<std::string> device_name(const std::string& current) override {
    return ask(ONBOARD_ASK_DEVICE_NAME, {}, current);
  }

 private:
  std::optional<std::string> ask(onboard_question q, const std::vector<std::string>& choices,
                                 const std::string& subject) {
    if (ask_ == nullptr) return std::nullopt;
    std::vector<const char*> pointers;
    for (const auto& c : choices) pointers.push_back(c.c_str());
    const char* answer = ask_(user_, q, pointers.data(), pointers.size(), subject.c_str());
    if (answer == nullptr) return std::nullopt;
    return std::string(answer);
  }
  onboard_ask_fn ask_;
  void* user_;
};

}  // namespace

struct onboard_session {
  onboard_config config;
  onboard_progress_fn progress = nullptr;
  onboard_ask_fn ask = nullptr;
  void* user = nullptr;
  CancelToken cancel;
  Catalog texts = Catalog::builtin("en");

  Outcome outcome;
  std::string failed_step, reason, text, hint_action, hint_text;

  void keep(const Outcome& o) {
    outcome = o;
    failed_step = o.ok || !o.step ? "" : std::string(to_string(*o.step));
    reason = o.ok ? "" : std::string(to_string(o.failure.reason));
    text = o.ok ? "" : texts.reason(o.failure.reason);
    hint_action = std::string(to_string(o.failure.hint.action));
    hint_text = o.ok ? "" : texts.hint(o.failure.hint);
  }
  int fail_early(Step step, const Failure& f) {
    Outcome o;
    o.step = step;
    o.failure = f;
    keep(o);
    return 0;
  }
  int run();
};

int onboard_session::run() {
  const onboard_config& c = config;
  auto url = parse_url(c.get("server"));
  if (!url) return fail_early(Step::sign_in, url.failure());
  Endpoint ep(url->host, url->port, url->tls);
  ep.ca_file = c.get("ca_file");
  CloudClient cloud(ep, url->base_path);
  cloud.watch(cancel);
  if (c.has("session")) {
    cloud.set_session(c.get("session"));
  } else if (c.has("email")) {
    auto login = cloud.login(c.get("email"), c.get("password"));
    if (!login) return fail_early(Step::sign_in, login.failure());
  }

  std::unique_ptr<WifiBackend> wifi;
  const std::string kind = c.has("wifi") ? c.get("wifi") : (std::getenv("ONBOARD_AIR_SOCKET") ? "air" : "nm");
  if (kind == "air") {
    auto air = AirWifi::from_environment();
    if (!air) return fail_early(Step::find_device, air.failure());
    wifi = std::move(*air);
  } else {
    wifi = std::make_unique<NmWifi>();
  }

  SessionOptions opt;
  opt.cancel = cancel;
  opt.reconfigure_device_id = c.get("reconfigure");
  if (c.has("template")) opt.template_id = c.get("template");
  if (c.has("device")) opt.device_ssid = c.get("device");
  if (c.has("ssid")) opt.network = NetworkChoice{c.get("ssid"), false};
  if (c.has("wifi_password")) opt.password = c.get("wifi_password");
  if (c.has("name")) opt.name = c.get("name");
  if (c.has("ap_prefix")) opt.device_prefixes = {c.get("ap_prefix") + " "};
  opt.home_password = c.get("home_password");
  opt.cloud_host = c.get("cloud_host");
  long number = 0;
  if (number_in(c.get("cloud_port"), 1, 65535, &number)) opt.cloud_port = static_cast<std::uint16_t>(number);
  if (c.has("cloud_tls")) opt.cloud_tls = c.get("cloud_tls") == "1";
  if (number_in(c.get("timeout_s"), 1, 3600, &number)) {
    opt.device_connect_timeout = std::chrono::seconds(number);
    opt.activation_timeout = std::chrono::seconds(number);
  }

  CallbackChoices choices(ask, user);
  ProvisioningSession session(cloud, *wifi, choices, opt, [this](const Event& e) {
    if (progress == nullptr) return;
    const std::string step(to_string(e.step));
    const std::string label = texts.step(e.step);
    const std::string reason_name(e.kind == Event::Kind::failed ? to_string(e.reason) : "");
    const std::string words = e.kind == Event::Kind::failed ? texts.reason(e.reason)
                              : e.key.empty()               ? e.message
                                                            : texts.text(e.key, e.args);
    const std::string action(to_string(e.hint.action));
    const std::string hint = texts.hint(e.hint);
    onboard_event event{static_cast<onboard_event_kind>(e.kind),
                        step.c_str(),
                        label.c_str(),
                        static_cast<long>(e.elapsed.count()),
                        reason_name.c_str(),
                        words.c_str(),
                        action.c_str(),
                        hint.c_str()};
    progress(user, &event);
  });
  keep(session.run());
  return outcome.ok ? 1 : 0;
}

extern "C" {

onboard_config* onboard_config_new(void) {
  try {
    return new onboard_config();
  } catch (...) {
    return nullptr;
  }
}

int onboard_config_set(onboard_config* config, const char* key, const char* value) {
  if (config == nullptr || key == nullptr || value == nullptr) return -1;
  try {
    const std::string k(key);
    bool known = false;
    for (const char* name : kKeys) known = known || k == name;
    if (!known) return -1;
    long n = 0;
    if (k == "cloud_port" && !number_in(value, 1, 65535, &n)) return -1;
    if (k == "timeout_s" && !number_in(value, 1, 3600, &n)) return -1;
    if (k == "wifi" && std::string(value) != "air" && std::string(value) != "nm") return -1;
    config->values[k] = value;
    return 0;
  } catch (...) {
    return -1;
  }
}

void onboard_config_free(onboard_config* config) {
  delete config;
}

onboard_session* onboard_session_new(const onboard_config* config, onboard_progress_fn progress,
                                     onboard_ask_fn ask, void* user) {
  if (config == nullptr || !config->has("server")) return nullptr;
  try {
    auto* s = new onboard_session();
    s->config = *config;
    s->progress = progress;
    s->ask = ask;
    s->user = user;
    Product product;
    if (config->has("product_name")) product.name = config->get("product_name");
    product.ap_prefix = config->has("ap_prefix") ? config->get("ap_prefix") : product.name;
    const std::string lang = config->has("lang") ? config->get("lang") : Catalog::language_from_environment();
    s->texts = Catalog::builtin(lang, product);
    return s;
  } catch (...) {
    return nullptr;
  }
}

int onboard_session_run(onboard_session* session) {
  if (session == nullptr) return 0;
  try {
    return session->run();
  } catch (const std::exception& e) {
    return session->fail_early(Step::sign_in, fail(Reason::internal, e.what()));
  } catch (...) {
    return session->fail_early(Step::sign_in, fail(Reason::internal, "unexpected error"));
  }
}

void onboard_session_cancel(onboard_session* session) {
  if (session != nullptr) session->cancel.cancel();
}

const char* onboard_session_device_id(const onboard_session* s) {
  return s == nullptr ? "" : s->outcome.device_id.c_str();
}
const char* onboard_session_device_name(const onboard_session* s) {
  return s == nullptr ? "" : s->outcome.device_name.c_str();
}
const char* onboard_session_failed_step(const onboard_session* s) {
  return s == nullptr ? "" : s->failed_step.c_str();
}
const char* onboard_session_reason(const onboard_session* s) {
  return s == nullptr ? "" : s->reason.c_str();
}
const char* onboard_session_text(const onboard_session* s) {
  return s == nullptr ? "" : s->text.c_str();
}
const char* onboard_session_detail(const onboard_session* s) {
  return s == nullptr ? "" : s->outcome.failure.message.c_str();
}
const char* onboard_session_hint_action(const onboard_session* s) {
  return s == nullptr ? "" : s->hint_action.c_str();
}
const char* onboard_session_hint_subject(const onboard_session* s) {
  return s == nullptr ? "" : s->outcome.failure.hint.subject.c_str();
}
const char* onboard_session_hint_text(const onboard_session* s) {
  return s == nullptr ? "" : s->hint_text.c_str();
}

void onboard_session_free(onboard_session* session) {
  delete session;
}

}  // extern "C"
