// The manual setup page at "/": a plain HTML form (no scripts, nothing from the
// internet) listing the device's own scan, for any browser on the AP.
#include "onboard/device/device_core.hpp"

namespace onboard::device {
namespace {

// Network names are any bytes: escape what HTML gives meaning to, and replace
// control bytes so the page stays well-formed.
void write_html(ReplySink& sink, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char* entity = nullptr;
    switch (c) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default:
        if (c < 0x20 || c == 0x7F) entity = "?";
    }
    if (entity == nullptr) continue;
    sink.write(text.substr(start, i - start));
    sink.write(entity);
    start = i + 1;
  }
  sink.write(text.substr(start));
}

constexpr std::string_view kHead =
    "<!doctype html><html><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>";
constexpr std::string_view kStyle =
    "</title><style>body{font-family:sans-serif;max-width:28em;margin:1em auto;padding:0 1em}"
    "label{display:block;margin-top:.8em}input{width:100%;padding:.4em;box-sizing:border-box}"
    "button{margin-top:1em;padding:.6em 1.2em}</style></head><body><h1>";
constexpr std::string_view kForm =
    "</p><form method=\"get\" action=\"/config\">"
    "<label>Network <input name=\"ssid\" list=\"nets\" maxlength=\"32\" required></label><datalist "
    "id=\"nets\">";
constexpr std::string_view kFields =
    "</datalist><label>Password <input name=\"pass\" type=\"password\" maxlength=\"64\"></label>"
    "<label>Auth token <input name=\"blynk\" minlength=\"32\" maxlength=\"32\" required></label>"
    "<label>Cloud host <input name=\"host\" placeholder=\"";
constexpr std::string_view kTail =
    "\"></label><label>TLS port <input name=\"port_ssl\" inputmode=\"numeric\"></label>"
    "<button type=\"submit\">Connect</button></form>"
    "<p><a href=\"/connect_status.json\">Status</a> &middot; <a href=\"/board_info.json\">Board info</a>"
    "</p></body></html>";

}  // namespace

void DeviceCore::render_page(ReplySink& sink) const {
  sink.write(kHead);
  write_html(sink, ap_name());
  sink.write(kStyle);
  write_html(sink, settings_.template_name);
  sink.write("</h1><p>Template ");
  write_html(sink, settings_.template_id);
  sink.write(", firmware ");
  write_html(sink, settings_.firmware_version);
  sink.write(kForm);
  for (std::size_t i = 0; i < scan_.count; ++i) {
    if (scan_.entries[i].ssid_len == 0) continue;
    sink.write("<option value=\"");
    write_html(sink, std::string_view(reinterpret_cast<const char*>(scan_.entries[i].ssid),
                                      scan_.entries[i].ssid_len));
    sink.write("\">");
  }
  sink.write(kFields);
  write_html(sink, settings_.cloud_host);
  sink.write(kTail);
}

}  // namespace onboard::device
