// Progress lines are flushed one by one: a step like "activation" can take a minute.
#include "progress_printer.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace onboard::cli {

void ProgressPrinter::operator()(const wizard::Event& e) {
  using Kind = wizard::Event::Kind;
  switch (e.kind) {
    case Kind::started: break;
    case Kind::done:
      out_ << "  ✓ " << wizard::describe(e.step) << " (" << e.elapsed.count() << " ms)" << std::endl;
      break;
    case Kind::failed:
      out_ << "  ✗ " << wizard::to_string(e.step) << ": " << e.message << " [" << e.reason << "]"
           << std::endl;
      if (!e.hint.empty()) out_ << "    → " << e.hint << std::endl;
      break;
    case Kind::warning: out_ << "  ! " << e.message << std::endl; break;
    case Kind::note: out_ << "    · " << e.message << std::endl; break;
  }
}

std::string outcome_json(const wizard::Outcome& o) {
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
      {"reason", o.ok ? nlohmann::json() : nlohmann::json(o.failure.reason)},
      {"timings", timings},
      {"warnings", o.warnings}};
  if (!o.ok) {
    j["message"] = o.failure.message;
    j["hint"] = o.failure.hint;
  }
  return j.dump();
}

void print_summary(std::ostream& out, const wizard::Outcome& o, bool reconfigure) {
  if (o.ok) {
    out << (reconfigure ? "Device reconfigured and online: " : "Device activated and online: ")
        << o.device_id;
    if (!o.device_name.empty()) out << " (" << o.device_name << ")";
    out << "\n";
    return;
  }
  out << "Provisioning failed at " << (o.step ? wizard::to_string(*o.step) : "start") << ": "
      << o.failure.message << " [" << o.failure.reason << "]\n";
  if (!o.failure.hint.empty()) out << "What to try: " << o.failure.hint << "\n";
}

}  // namespace onboard::cli
