// Progress lines are flushed one by one: a step like "activation" can take a minute.
#include "progress_printer.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "hint_flags.hpp"

namespace onboard::cli {

std::string failure_text(const wizard::Catalog& catalog, wizard::Reason reason, const std::string& message) {
  if (catalog.language() == "en" && !message.empty()) return message;
  return catalog.reason(reason);
}

std::string hint_line(const wizard::Catalog& catalog, const wizard::Hint& hint) {
  std::string words = catalog.hint(hint);
  const std::string flag = flag_for(hint);
  if (flag.empty()) return words;
  if (words.empty()) return flag;
  return words + ": " + flag;
}

std::string ProgressPrinter::event_text(const wizard::Event& e) const {
  return e.key.empty() ? e.message : catalog_.text(e.key, e.args);
}

void ProgressPrinter::operator()(const wizard::Event& e) {
  using Kind = wizard::Event::Kind;
  switch (e.kind) {
    case Kind::started: break;
    case Kind::done:
      out_ << "  ✓ " << catalog_.step(e.step) << " (" << e.elapsed.count() << " ms)" << std::endl;
      break;
    case Kind::failed: {
      out_ << "  ✗ " << wizard::to_string(e.step) << ": " << failure_text(catalog_, e.reason, e.message)
           << " [" << wizard::to_string(e.reason) << "]" << std::endl;
      const std::string hint = hint_line(catalog_, e.hint);
      if (!hint.empty()) out_ << "    → " << hint << std::endl;
      break;
    }
    case Kind::warning: out_ << "  ! " << event_text(e) << std::endl; break;
    case Kind::note: out_ << "    · " << event_text(e) << std::endl; break;
  }
}

std::string outcome_json(const wizard::Catalog& catalog, const wizard::Outcome& o) {
  nlohmann::json timings = nlohmann::json::object();
  long long total = 0;
  for (const auto& t : o.timings) {
    std::string key(wizard::to_string(t.step));
    timings[key] = timings.value(key, 0LL) + t.elapsed.count();
    total += t.elapsed.count();
  }
  timings["total"] = total;
  nlohmann::json j{
      {"ok", o.ok},
      {"deviceId", o.device_id.empty() ? nlohmann::json() : nlohmann::json(o.device_id)},
      {"name", o.device_name.empty() ? nlohmann::json() : nlohmann::json(o.device_name)},
      {"step", o.step ? nlohmann::json(std::string(wizard::to_string(*o.step))) : nlohmann::json()},
      {"reason", o.ok ? nlohmann::json() : nlohmann::json(std::string(wizard::to_string(o.failure.reason)))},
      {"timings", timings},
      {"warnings", o.warnings}};
  if (!o.ok) {
    j["message"] = o.failure.message;
    j["hint"] = hint_line(catalog, o.failure.hint);
    j["hintAction"] = std::string(wizard::to_string(o.failure.hint.action));
    j["hintSubject"] = o.failure.hint.subject;
  }
  return j.dump();
}

void print_summary(std::ostream& out, const wizard::Catalog& catalog, const wizard::Outcome& o,
                   bool reconfigure) {
  if (o.ok) {
    std::string id = o.device_id;
    if (!o.device_name.empty()) id += " (" + o.device_name + ")";
    out << catalog.text(reconfigure ? "cli.reconfigured" : "cli.activated", {{"subject", id}}) << "\n";
    return;
  }
  const std::string step(o.step ? wizard::to_string(*o.step) : "start");
  out << catalog.text("cli.failed_at",
                      {{"step", step}, {"text", failure_text(catalog, o.failure.reason, o.failure.message)}})
      << " [" << wizard::to_string(o.failure.reason) << "]\n";
  const std::string hint = hint_line(catalog, o.failure.hint);
  if (!hint.empty()) out << catalog.text("cli.what_to_try") << ": " << hint << "\n";
}

}  // namespace onboard::cli
