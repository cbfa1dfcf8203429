#include "onboard/cloud/api/metrics.hpp"

#include <fmt/format.h>

namespace onboard::cloud {

std::string Metrics::render(const std::map<std::string, long>& provisioning) const {
  std::string out;
  auto line = [&](const char* name, const char* labels, auto value) {
    fmt::format_to(std::back_inserter(out), "{}{} {}\n", name, labels, value);
  };
  out += "# TYPE onboard_connections gauge\n";
  line("onboard_connections", "{transport=\"plain\"}", connections_plain.load());
  line("onboard_connections", "{transport=\"tls\"}", connections_tls.load());
  out += "# TYPE onboard_connections_accepted_total counter\n";
  line("onboard_connections_accepted_total", "{transport=\"plain\"}", connections_accepted_plain.load());
  line("onboard_connections_accepted_total", "{transport=\"tls\"}", connections_accepted_tls.load());
  out += "# TYPE onboard_connections_refused_total counter\n";
  line("onboard_connections_refused_total", "", connections_refused.load());
  out += "# TYPE onboard_devices_online gauge\n";
  line("onboard_devices_online", "", devices_online.load());
  out += "# TYPE onboard_device_logins_total counter\n";
  line("onboard_device_logins_total", "{result=\"ok\"}", logins_ok.load());
  line("onboard_device_logins_total", "{result=\"failed\"}", logins_failed.load());
  out += "# TYPE onboard_activations_total counter\n";
  line("onboard_activations_total", "{result=\"ok\"}", activations.load());
  line("onboard_activations_total", "{result=\"failed\"}", activations_failed.load());
  out += "# TYPE onboard_device_messages_total counter\n";
  line("onboard_device_messages_total", "{direction=\"in\"}", messages_in.load());
  line("onboard_device_messages_total", "{direction=\"out\"}", messages_out.load());
  out += "# TYPE onboard_http_requests_total counter\n";
  for (std::size_t status = 100; status < http_by_status.size(); ++status) {
    const auto n = http_by_status[status].load();
    if (n != 0)
      fmt::format_to(std::back_inserter(out), "onboard_http_requests_total{{status=\"{}\"}} {}\n", status, n);
  }
  out += "# TYPE onboard_provisioning_sessions gauge\n";
  for (const auto& [state, n] : provisioning) {
    fmt::format_to(std::back_inserter(out), "onboard_provisioning_sessions{{state=\"{}\"}} {}\n", state, n);
  }
  return out;
}

}  // namespace onboard::cloud
