// SecureSession over protocol/pake (the same code the device runs) with OpenSSL
// primitives; the setup code stays in memory only as long as a handshake needs it.
#include "onboard/wizard/secure_session.hpp"

#include <vector>

#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/messages.hpp"
#include "onboard/protocol/pake/openssl_crypto.hpp"

namespace onboard::wizard {

struct SecureSession::State {
  Endpoint device;
  std::string code;
  pake::OpenSslCrypto crypto;
  pake::SessionId session;
  std::unique_ptr<pake::PhoneChannel> channel;
  ~State() { pake::secure_wipe(code.data(), code.size()); }
};

namespace {

HttpResult post(const Endpoint& device, const std::string& target, std::string body,
                std::chrono::milliseconds timeout) {
  HttpRequest req;
  req.method = "POST";
  req.target = target;
  req.body = std::move(body);
  req.headers.emplace_back("Content-Type", "application/json");
  return http_send(device, req, timeout);
}

Failure device_refused(const HttpResponse& response, const std::string& what) {
  std::string_view code;
  int left = -1;
  if (pake::read_pake_error(response.body, code, left)) {
    if (code == "locked") {
      return fail(Reason::locked,
                  "the device refuses setup after 20 wrong setup codes until its setup mode is restarted "
                  "(its button, or power)");
    }
    if (code == "wrong_setup_code") {
      return fail(Reason::wrong_setup_code, "the setup code is wrong; the device allows " +
                                                std::to_string(left) + " more attempt" +
                                                (left == 1 ? "" : "s") + " before it locks setup");
    }
    return fail(Reason::device_error, "the device refused " + what + ": " + std::string(code));
  }
  return fail(Reason::device_error,
              "the device answered HTTP " + std::to_string(response.status) + " to " + what);
}

// The whole handshake; fills state.session and state.channel.
Status handshake(SecureSession::State& state, std::chrono::milliseconds timeout) {
  HttpRequest params_req;
  params_req.target = "/pake/params";
  const HttpResult params_r = http_send(state.device, params_req, timeout);
  if (!params_r.ok()) {
    return fail(reason_of(params_r.error()),
                "the device did not answer /pake/params: " + params_r.error().message,
                Action::move_phone_closer);
  }
  if (params_r.response().status != 200) return device_refused(params_r.response(), "/pake/params");
  pake::Params params;
  if (!pake::read_params(params_r.response().body, params)) {
    return fail(Reason::bad_response,
                "the device's /pake/params is not the contract's (suite, salt, iterations)");
  }
  std::uint8_t input[pake::kPbkdfInputSize];
  pake::write_pbkdf_input(state.code, input);
  std::uint8_t ws[pake::kPbkdfOutputSize];
  pake::Scalar w0;
  pake::Scalar w1;
  pake::Scalar x;
  const bool derived = pake::pbkdf2_sha256({input, sizeof input}, {params.salt, params.salt_size},
                                           params.iterations, ws, sizeof ws) &&
                       pake::derive_w0_w1(ws, w0, w1) && pake::random_scalar(state.crypto, x);
  pake::secure_wipe(ws, sizeof ws);
  pake::secure_wipe(input, sizeof input);
  if (!derived) return fail(Reason::internal, "could not derive the keys of the setup code");

  pake::Prover prover(state.crypto);
  pake::Point share_p;
  if (prover.start(w0, w1, x, share_p) != pake::HandshakeError::none) {
    return fail(Reason::internal, "could not start the handshake");
  }
  pake::secure_wipe(&w1, sizeof w1);
  pake::secure_wipe(&x, sizeof x);
  char body[512];
  const HttpResult one =
      post(state.device, "/pake/1", std::string(body, pake::write_pake1_request(share_p, body, sizeof body)),
           timeout);
  if (!one.ok()) {
    return fail(reason_of(one.error()), "the device did not answer /pake/1: " + one.error().message,
                Action::move_phone_closer);
  }
  if (one.response().status != 200) return device_refused(one.response(), "/pake/1");
  pake::Pake1Response response;
  if (!pake::read_pake1_response(one.response().body, response)) {
    return fail(Reason::bad_response, "the device's /pake/1 answer is not the contract's");
  }
  pake::Pake2Request two;
  two.session = response.session;
  const pake::HandshakeError finished = prover.finish(response.share_v, response.confirm_v, two.confirm_p);
  if (finished == pake::HandshakeError::bad_point) {
    return fail(Reason::bad_response, "the device's share is not a P-256 point");
  }
  if (finished != pake::HandshakeError::none) {
    // confirmV proves the code wrong. The device counts the attempt either way; confirmP
    // is still sent (any value fails) to hear how many attempts it has left.
    const HttpResult told =
        post(state.device, "/pake/2", std::string(body, pake::write_pake2_request(two, body, sizeof body)),
             timeout);
    if (told.ok() && told.response().status != 200) return device_refused(told.response(), "the setup code");
    return fail(Reason::wrong_setup_code, "the setup code is wrong");
  }
  const HttpResult confirmed = post(
      state.device, "/pake/2", std::string(body, pake::write_pake2_request(two, body, sizeof body)), timeout);
  if (!confirmed.ok()) {
    return fail(reason_of(confirmed.error()),
                "the device did not answer /pake/2: " + confirmed.error().message, Action::move_phone_closer);
  }
  if (confirmed.response().status != 200) return device_refused(confirmed.response(), "/pake/2");
  state.session = response.session;
  state.channel = std::make_unique<pake::PhoneChannel>(response.session, prover.keys());
  return Done{};
}

}  // namespace

SecureSession::SecureSession(std::unique_ptr<State> state) : state_(std::move(state)) {}
SecureSession::~SecureSession() = default;

Result<std::unique_ptr<SecureSession>> SecureSession::open(const Endpoint& device,
                                                           const std::string& setup_code,
                                                           std::chrono::milliseconds timeout) {
  if (!pake::is_valid_setup_code(setup_code)) {
    return fail(Reason::invalid_setup_code, "a setup code is 8 digits, as printed on the device's label");
  }
  auto state = std::make_unique<State>();
  state->device = device;
  state->code = setup_code;
  Status done = handshake(*state, timeout);
  if (!done) return done.failure();
  return std::unique_ptr<SecureSession>(new SecureSession(std::move(state)));
}

HttpResult SecureSession::send(const HttpRequest& request, std::chrono::milliseconds timeout) {
  const std::string line = request.method + " " + request.target;
  for (int round = 0; round < 2; ++round) {
    std::vector<std::uint8_t> sealed(line.size() + pake::kCcmTagSize);
    std::size_t size = 0;
    std::uint32_t n = 0;
    if (state_->channel->seal_request(state_->crypto, pake::view_of(line), sealed.data(), sealed.size(), size,
                                      n) != pake::ChannelError::none) {
      return HttpError{HttpError::Kind::protocol, "could not seal the request", false};
    }
    std::string body(pake::kMaxSecureBody + 2 * line.size(), '\0');
    body.resize(
        pake::write_secure_request(state_->session, n, {sealed.data(), size}, body.data(), body.size()));
    const HttpResult r = post(state_->device, "/secure", std::move(body), timeout);
    if (!r.ok()) return r;
    if (r.response().status == 401 && round == 0) {
      // The device forgot the session (its access point restarted): a new handshake.
      Status again = handshake(*state_, timeout);
      if (!again) return HttpError{HttpError::Kind::protocol, again.failure().message, true};
      continue;
    }
    if (r.response().status != 200) return r;  // replayed / bad_ciphertext: the device's word, as it is
    pake::SecureEnvelope envelope;
    std::vector<std::uint8_t> bytes(r.response().body.size() / 2 + 1);
    std::size_t bytes_size = 0;
    if (!pake::read_secure_response(r.response().body, envelope) || envelope.counter != n ||
        !pake::hex_decode(envelope.sealed_hex, bytes.data(), bytes.size(), bytes_size)) {
      return HttpError{HttpError::Kind::protocol, "the device's /secure answer is not the contract's", true};
    }
    std::vector<std::uint8_t> plain(bytes_size);
    std::size_t plain_size = 0;
    if (state_->channel->open_response(state_->crypto, n, {bytes.data(), bytes_size}, plain.data(),
                                       plain.size(), plain_size) != pake::ChannelError::none) {
      return HttpError{HttpError::Kind::protocol, "the device's /secure answer does not verify", true};
    }
    const std::string text(reinterpret_cast<const char*>(plain.data()), plain_size);
    if (text.size() < 4 || text[3] != ' ') {
      return HttpError{HttpError::Kind::protocol, "the device's sealed answer has no status", true};
    }
    HttpResponse response;
    response.status = std::stoi(text.substr(0, 3));
    response.body = text.substr(4);
    return response;
  }
  return HttpError{HttpError::Kind::protocol, "the device keeps forgetting the secure session", true};
}

}  // namespace onboard::wizard
