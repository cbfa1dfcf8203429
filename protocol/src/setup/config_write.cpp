#include "onboard/protocol/codec/decimal.hpp"
#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/query_string.hpp"

namespace onboard::setup {

namespace {

// Appends into a fixed buffer; after the first miss it stays failed so callers check once.
class QueryOut {
 public:
  QueryOut(char* out, std::size_t cap) : out_(out), cap_(cap) {}

  void raw(std::string_view text) {
    if (failed_ || text.size() > cap_ - size_) {
      failed_ = true;
      return;
    }
    for (char c : text) out_[size_++] = c;
  }

  void key(std::string_view name) {
    if (size_ > 0) raw("&");
    raw(name);
    raw("=");
  }

  void encoded(std::string_view name, std::string_view value) {
    key(name);
    std::size_t written = 0;
    if (failed_ || !percent_encode(value, out_ + size_, cap_ - size_, written)) {
      failed_ = true;
      return;
    }
    size_ += written;
  }

  void ipv4(std::string_view name, Ipv4 value) {
    char text[kIpv4TextMaxLength];
    key(name);
    raw(std::string_view(text, write_ipv4(value, text, sizeof(text))));
  }

  void number(std::string_view name, unsigned value) {
    key(name);
    raw(codec::Decimal(value).view());
  }

  std::size_t result() const { return failed_ ? 0 : size_; }

 private:
  char* out_;
  std::size_t cap_;
  std::size_t size_ = 0;
  bool failed_ = false;
};

}  // namespace

std::size_t write_query(const ConfigRequest& r, char* out, std::size_t cap) {
  QueryOut q(out, cap);
  if (r.has(Field::ssid)) q.encoded("ssid", r.ssid_view());
  if (r.has(Field::pass)) q.encoded("pass", r.password_view());
  if (r.has(Field::token)) q.encoded("blynk", r.token_view());
  if (r.has(Field::host)) q.encoded("host", r.host_view());
  if (r.has(Field::port)) q.number("port", r.port);
  if (r.has(Field::port_ssl)) q.number("port_ssl", r.port_ssl);
  if (r.has(Field::ip)) q.ipv4("ip", r.ip);
  if (r.has(Field::mask)) q.ipv4("mask", r.mask);
  if (r.has(Field::gw)) q.ipv4("gw", r.gw);
  if (r.has(Field::dns)) q.ipv4("dns", r.dns);
  if (r.has(Field::dns2)) q.ipv4("dns2", r.dns2);
  if (r.save) {
    q.key("save");
    q.raw("1");
  }
  return q.result();
}

}  // namespace onboard::setup
