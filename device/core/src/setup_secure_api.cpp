// The secure setup layer between the HTTP transport and the handlers: /pake/* run the
// handshake, /secure unwraps a request, hands it to the same handlers as in clear and
// seals their answer. Secrets never pass in clear on a device with a verifier.
#include "onboard/device/device_core.hpp"

namespace onboard::device {

#if ONBOARD_SECURE_SETUP

namespace {

Reply pake_reply(std::uint16_t status) {
  Reply r;
  r.status = status;
  r.body = kBodyPake;
  return r;
}

bool is_secret(Endpoint endpoint) {
  return endpoint == Endpoint::config || endpoint == Endpoint::wifi_scan || endpoint == Endpoint::reset ||
         endpoint == Endpoint::reboot || endpoint == Endpoint::update;
}

}  // namespace

bool DeviceCore::refuse_in_clear(Endpoint endpoint, std::string_view path, Reply& reply) {
  if (!secure_.enabled() || !is_secret(endpoint)) return false;
  reply = pake_reply(secure_.refuse_in_clear());
  log_.line() << "setup: " << path << " in clear -> 403 secure_session_required";
  return true;
}

bool DeviceCore::handle_secure(const HttpRequestParser& request, Reply& reply) {
  if (!secure_.enabled()) return false;
  const std::string_view path = request.path();
  const Endpoint endpoint = endpoint_of(path);
  const bool post = request.method() == HttpMethod::Post;
  const bool get = request.method() == HttpMethod::Get;
  if (endpoint < Endpoint::pake_params) return false;
  const bool params = endpoint == Endpoint::pake_params;
  if ((params && !get) || (!params && !post)) {
    reply = pake_reply(405);
    reply.body = kBodyText;
    return true;
  }
  // The answers live in one buffer: one at a time.
  if (server_.sending(kBodyPake) || server_.sending(kBodySecure)) {
    reply = pake_reply(secure_.busy());
    return true;
  }
  if (params) {
    reply = pake_reply(secure_.params());
  } else if (endpoint == Endpoint::pake1) {
    reply = pake_reply(secure_.pake1(request.body()));
    if (reply.status == 423)
      log_.line() << "setup: locked after " << static_cast<int>(SecureSetup::kMaxAttempts) << " attempts";
  } else if (endpoint == Endpoint::pake2) {
    reply = pake_reply(secure_.pake2(request.body()));
  } else {
    std::string_view line;
    std::uint32_t counter = 0;
    const std::uint16_t status = secure_.open(request.body(), line, counter);
    if (status != 200) {
      reply = pake_reply(status);
    } else {
      // The plaintext is the open-mode request line without its version.
      SetupRequest inner;
      inner_reply_ = SetupRequest::from_line(line, inner) ? route(inner, true) : error(400);
      secure_.forget_request();
      const bool sealed =
          secure_.seal_answer(counter, inner_reply_.status, [this](char* out, std::size_t cap) {
            ReplySink sink(0, out, cap);
            render_body(inner_reply_, sink);
            return sink.total();
          });
      if (!sealed) {
        inner_reply_ = Reply{};
        return reply = pake_reply(500), true;
      }
      reply = pake_reply(200);
      reply.body = kBodySecure;
      reply.after_sent = inner_reply_.after_sent;
      reply.close = inner_reply_.close;
    }
  }
  log_.line() << "setup: " << request.method_text() << " " << path << " -> "
              << static_cast<int>(reply.status);
  return true;
}

void DeviceCore::render_secure_body(const Reply& reply, ReplySink& sink) {
  if (reply.body == kBodyPake) {
    sink.write(secure_.json());
    return;
  }
  // {"n":C,"c":"<hex>"} streamed from the sealed bytes, a few at a time.
  char head[32];
  const std::size_t n = pake::write_secure_response(secure_.sealed_counter(), {}, head, sizeof head);
  if (n < 2) return;
  sink.write(std::string_view(head, n - 2));  // up to the opening quote of "c"
  const pake::ByteView sealed = secure_.sealed();
  char hex[64];
  for (std::size_t at = 0; at < sealed.size; at += sizeof hex / 2) {
    const std::size_t chunk = sealed.size - at < sizeof hex / 2 ? sealed.size - at : sizeof hex / 2;
    sink.write(std::string_view(hex, pake::hex_encode({sealed.data + at, chunk}, hex, sizeof hex)));
  }
  sink.write("\"}");
}

void DeviceCore::secure_sent(const Reply& reply) {
  if (reply.body != kBodySecure || !reply.after_sent) return;
  const Reply inner = inner_reply_;
  sent(inner);
}

#else

bool DeviceCore::handle_secure(const HttpRequestParser&, Reply&) {
  return false;
}
bool DeviceCore::refuse_in_clear(Endpoint, std::string_view, Reply&) {
  return false;
}
void DeviceCore::render_secure_body(const Reply&, ReplySink&) {}
void DeviceCore::secure_sent(const Reply&) {}

#endif

}  // namespace onboard::device
