#include <cstring>

#include "esp_crt_bundle.h"
#include "esp_tls.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

using hal::Handle;
using hal::IoResult;
using hal::StreamFailure;
using hal::StreamState;

namespace {

// esp-tls keeps the last error per connection: turn it into the core's reasons
// (tls_failed vs. a certificate the cloud's CA did not sign).
StreamFailure failure_of(esp_tls_t* tls) {
  esp_tls_error_handle_t errors = nullptr;
  int code = 0;
  int flags = 0;
  if (esp_tls_get_error_handle(tls, &errors) != ESP_OK ||
      esp_tls_get_and_clear_last_error(errors, &code, &flags) != ESP_OK) {
    return StreamFailure::Other;
  }
  if (flags != 0) return StreamFailure::TlsCertificate;  // mbedTLS X.509 verify flags
  switch (code) {
    case ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME: return StreamFailure::DnsFailed;
    case ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST: return StreamFailure::Unreachable;
    case ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT: return StreamFailure::Timeout;
    default: return StreamFailure::TlsHandshake;
  }
}

bool want_more(ssize_t rc) {
  return rc == ESP_TLS_ERR_SSL_WANT_READ || rc == ESP_TLS_ERR_SSL_WANT_WRITE;
}

}  // namespace

EspTls::Session* EspTls::find(Handle handle) const {
  if (handle < 0 || static_cast<std::size_t>(handle) >= kMaxSessions) return nullptr;
  Session& session = sessions_[handle];
  return session.state == StreamState::Closed && session.tls == nullptr ? nullptr : &session;
}

Handle EspTls::connect(std::string_view host, std::uint16_t port) {
  for (std::size_t i = 0; i < kMaxSessions; ++i) {
    Session& session = sessions_[i];
    if (session.tls != nullptr || session.state != StreamState::Closed) continue;
    session = Session{};
    session.state = StreamState::Failed;
    session.failure = StreamFailure::Other;
    if (host.empty() || host.size() >= sizeof session.host) return static_cast<Handle>(i);
    std::memcpy(session.host, host.data(), host.size());
    session.port = port;
    session.tls = esp_tls_init();
    if (session.tls == nullptr) return static_cast<Handle>(i);
    session.state = StreamState::Connecting;
    session.failure = StreamFailure::None;
    advance(session);
    return static_cast<Handle>(i);
  }
  return hal::kNoHandle;
}

void EspTls::advance(Session& session) const {
  if (session.state != StreamState::Connecting) return;
  esp_tls_cfg_t config = {};
  config.non_block = true;
  config.timeout_ms = 10000;
  config.tls_version = ESP_TLS_VER_TLS_1_2;
  if (!ca_pem_.empty()) {
    config.cacert_buf = reinterpret_cast<const unsigned char*>(ca_pem_.data());
    config.cacert_bytes = static_cast<unsigned int>(ca_pem_.size());
  } else {
    config.crt_bundle_attach = esp_crt_bundle_attach;  // public CAs, as Edgent trusts
  }
  const int rc = esp_tls_conn_new_async(session.host, static_cast<int>(std::strlen(session.host)),
                                        session.port, &config, session.tls);
  if (rc == 1) {
    session.state = StreamState::Connected;
  } else if (rc < 0) {
    session.state = StreamState::Failed;
    session.failure = failure_of(session.tls);
  }
}

StreamState EspTls::state(Handle stream) const {
  Session* session = find(stream);
  if (session == nullptr) return StreamState::Closed;
  advance(*session);
  return session->state;
}

StreamFailure EspTls::failure(Handle stream) const {
  const Session* session = find(stream);
  return session == nullptr ? StreamFailure::None : session->failure;
}

IoResult EspTls::send(Handle stream, const std::uint8_t* data, std::size_t length) {
  Session* session = find(stream);
  if (session == nullptr) return hal::kIoError;
  advance(*session);
  if (session->state == StreamState::Connecting) return 0;
  if (session->state != StreamState::Connected) return hal::kIoError;
  if (length == 0) return 0;
  const ssize_t sent = esp_tls_conn_write(session->tls, data, length);
  if (sent > 0) return static_cast<IoResult>(sent);
  if (want_more(sent)) return 0;
  session->state = StreamState::Failed;
  session->failure = StreamFailure::Other;
  return hal::kIoError;
}

IoResult EspTls::receive(Handle stream, std::uint8_t* out, std::size_t capacity) {
  Session* session = find(stream);
  if (session == nullptr) return hal::kIoError;
  advance(*session);
  if (session->state == StreamState::Connecting) return 0;
  if (session->state == StreamState::Closed) return hal::kIoClosed;
  if (session->state != StreamState::Connected) return hal::kIoError;
  if (capacity == 0) return 0;
  const ssize_t got = esp_tls_conn_read(session->tls, out, capacity);
  if (got > 0) return static_cast<IoResult>(got);
  if (got == 0) {
    session->state = StreamState::Closed;
    return hal::kIoClosed;
  }
  if (want_more(got)) return 0;
  session->state = StreamState::Failed;
  session->failure = StreamFailure::Other;
  return hal::kIoError;
}

void EspTls::close(Handle stream) {
  Session* session = find(stream);
  if (session == nullptr) return;
  if (session->tls != nullptr) esp_tls_conn_destroy(session->tls);
  *session = Session{};
}

}  // namespace onboard::esp_idf
