#include "onboard/cloud/device/device_session.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <initializer_list>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/pins.hpp"
#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/token_saved.hpp"
#include "onboard/protocol/ota/messages.hpp"

namespace onboard::cloud {

using blynk::Command;
using blynk::Fields;
using blynk::Status;

namespace {

int parse_int(std::string_view text, int fallback) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() ? value : fallback;
}

// Everything after the first `skip` fields, NUL-joined as it came.
std::string_view rest_after(std::string_view body, std::size_t skip) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < skip; ++i) {
    const auto nul = body.find('\0', pos);
    if (nul == std::string_view::npos) return {};
    pos = nul + 1;
  }
  auto rest = body.substr(pos);
  if (!rest.empty() && rest.back() == '\0') rest.remove_suffix(1);
  return rest;
}

// Every field of a body in one pass (bodies of thousands of fields must not
// cost a walk from the start per field).
bool is_info_key(std::string_view key) {
  for (std::string_view k : {"ver", "h-beat", "buff-in", "dev", "tmpl", "fw-type", "fw", "build", "mcu"})
    if (key == k) return true;
  return false;
}

std::vector<std::string_view> split_body(std::string_view body) {
  const Fields fields(body);
  std::vector<std::string_view> out(fields.count());
  fields.split(out.data(), out.size());
  return out;
}

// What an info's key/value pairs say ("ver" ... from Onboard and Linux builds,
// "mcu" ... from Arduino ones); views into the body.
struct InfoValues {
  std::optional<std::string_view> template_id;
  int heartbeat_s = 0;  // 0: not said; else clamped to 1-3600
  int buff_in = 0;      // 0: not said; else clamped to 16-65535
  std::string_view firmware;
  std::string_view build;
};

InfoValues read_info(const std::vector<std::string_view>& fields) {
  InfoValues info;
  std::string_view mcu;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    const auto key = fields[i];
    const auto value = fields[i + 1];
    if (key == "tmpl") info.template_id = value;
    if (key == "h-beat") {
      const int said = parse_int(value, -1);
      if (said != -1) info.heartbeat_s = std::clamp(said, 1, 3600);
    }
    if (key == "buff-in") info.buff_in = std::clamp(parse_int(value, 256), 16, 65535);
    if (key == "fw") info.firmware = value;
    if (key == "mcu") mcu = value;
    if (key == "build") info.build = value;
  }
  // Arduino builds of the Blynk library report their BLYNK_FIRMWARE_VERSION as "mcu".
  if (info.firmware.empty()) info.firmware = mcu;
  info.firmware = info.firmware.substr(0, 64);
  info.build = info.build.substr(0, 64);
  return info;
}

std::string join(std::initializer_list<std::string_view> fields) {
  std::string body;
  bool first = true;
  for (auto f : fields) {
    if (!first) body.push_back('\0');
    first = false;
    body.append(f);
  }
  return body;
}

// "2026-12-01T21:40:52Z"
std::string iso_utc(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

}  // namespace

DeviceSession::DeviceSession(Context& ctx, DeviceOutput& out, std::uint64_t conn_id, Clock::time_point now)
    : ctx_(ctx),
      out_(out),
      conn_id_(conn_id),
      connected_at_(now),
      last_rx_(now),
      heartbeat_s_(ctx.config.default_heartbeat),
      window_start_(now) {}

std::size_t DeviceSession::max_body() const {
  return phase_ == Phase::AwaitLogin ? kMaxLoginBody : static_cast<std::size_t>(ctx_.config.device_max_body);
}

void DeviceSession::on_frame(const blynk::Frame& frame, Clock::time_point now) {
  if (closing_) return;
  ctx_.metrics.messages_in.fetch_add(1, std::memory_order_relaxed);
  last_rx_ = now;
  const auto command = static_cast<Command>(frame.header.command);
  if (phase_ == Phase::AwaitLogin) {
    if (command == Command::HwLogin) return on_login(frame);
    spdlog::info("conn={} {} before login: closing", conn_id_, blynk::to_string(command));
    respond(frame.header.message_id, Status::NotAuthenticated);
    return close("not logged in");
  }
  if (over_flood_limit(frame.header.message_id, now)) return;
  if (phase_ == Phase::AwaitActivation) {
    if (command == Command::Internal) return on_info(frame);
    // Older libraries may skip the info: activate with the token's template.
    auto copy = std::make_shared<std::string>(frame.body);
    const auto header = frame.header;
    return activate(frame.header.message_id, ActivationReport{}, [this, copy, header] {
      dispatch(blynk::Frame{header, *copy});
    });
  }
  dispatch(frame);
}

void DeviceSession::on_malformed(std::string_view why) {
  spdlog::warn("conn={} device={} malformed frame ({}): closing", conn_id_, device_id_, why);
  close("malformed frame");
}

template <typename Work, typename Then>
void DeviceSession::in_store(Work work, Then then) {
  using Result = decltype(work());
  auto result = std::make_shared<std::optional<Result>>();
  busy_ = true;
  out_.defer([work = std::move(work), result]() mutable { result->emplace(work()); },
             [this, then = std::move(then), result]() mutable {
               busy_ = false;
               then(std::move(**result));
             });
}

void DeviceSession::store_failed(std::uint16_t message_id, std::string_view what, const StoreFailure& failure,
                                 bool close_after) {
  spdlog::error("conn={} device={} {} failed: store {}: {}", conn_id_, device_id_, what,
                to_string(failure.kind), failure.message);
  respond(message_id, Status::ServerException);
  if (close_after) close("store failure");
}

void DeviceSession::on_login(const blynk::Frame& frame) {
  const auto token = Fields(frame.body).at(0);
  const auto id = frame.header.message_id;
  const auto& address = out_.remote_address();
  if (ctx_.token_throttle.blocked(address)) {
    // Logged once, when the block started.
    ctx_.metrics.logins_failed.fetch_add(1, std::memory_order_relaxed);
    return close("token failures from this address");
  }
  auto refuse = [this, id](std::string_view why) {
    ctx_.metrics.logins_failed.fetch_add(1, std::memory_order_relaxed);
    const auto& from = out_.remote_address();
    spdlog::info("conn={} login from {} refused: {}", conn_id_, from, why);
    if (ctx_.token_throttle.record_failure(from)) {
      spdlog::warn(
          "{} failed device-token logins from {} within {} s: its logins are closed at once for {} s",
          ctx_.config.token_failures_per_ip, from, TokenThrottle::kWindow.count(),
          TokenThrottle::kBlock.count());
    }
    respond(id, Status::InvalidToken);
    close("login refused");
  };
  if (!is_token_shaped(token)) return refuse("malformed token");
  token_hash_ = token_hash(token);
  in_store(
      [&ctx = ctx_, hash = token_hash_]() -> StoreResult<LoginLookup> {
        auto found = ctx.devices.login(hash);
        if (found && found->device) {
          if (auto warmed = ctx.hub.warm(found->device->id); !warmed) return warmed.error();
        }
        return found;
      },
      [this, id, refuse](StoreResult<LoginLookup> found) {
        if (closing_) return;
        if (!found) return store_failed(id, "login", found.error(), true);
        if (found->device) {
          if (found->replaced_token_until) {
            replaced_token_until_ = *found->replaced_token_until;
            spdlog::warn(
                "conn={} device={} logged in with the token a reconfigure replaced; it works until {}",
                conn_id_, found->device->id, iso8601(replaced_token_until_));
          }
          respond(id, Status::Success);
          ctx_.metrics.logins_ok.fetch_add(1, std::memory_order_relaxed);
          become_device(*found->device);
          return;
        }
        const auto& session = found->session;
        if (!session) return refuse("unknown token");
        // Past its expiry, the login has just moved it to expired.
        if (session->state != ProvisioningState::Connected) {
          return refuse(fmt::format("provisioning session {} is {}", session->id, to_string(session->state)));
        }
        session_id_ = session->id;
        expected_template_ = session->template_id;
        phase_ = Phase::AwaitActivation;
        spdlog::info("conn={} provisioning session {} connected", conn_id_, session_id_);
        respond(id, Status::Success);
      });
}

void DeviceSession::on_info(const blynk::Frame& frame) {
  const auto info = read_info(split_body(frame.body));
  const auto id = frame.header.message_id;
  if (info.template_id && *info.template_id != expected_template_) {
    ctx_.metrics.activations_failed.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("conn={} provisioning session {} failed: template_mismatch (expected {}, device has {:.40})",
                 conn_id_, session_id_, expected_template_, *info.template_id);
    in_store([&ctx = ctx_,
              session = session_id_] { return ctx.devices.fail_session(session, "template_mismatch"); },
             [this, id](StoreResult<bool> failed) {
               if (!failed) return store_failed(id, "recording the template mismatch", failed.error(), true);
               respond(id, Status::NotAllowed);
               close("template mismatch");
             });
    return;
  }
  ActivationReport report{info.template_id.has_value(), info.heartbeat_s, std::string(info.firmware)};
  // The frame's body lives in the decoder's buffer, which is not fed while the activation runs.
  auto copy = std::make_shared<std::string>(frame.body);
  const auto header = frame.header;
  activate(id, std::move(report), [this, copy, header] { dispatch(blynk::Frame{header, *copy}); });
}

void DeviceSession::activate(std::uint16_t message_id, ActivationReport report, std::function<void()> then) {
  const bool from_info = report.heartbeat_s != 0 || !report.firmware.empty();
  const bool template_reported = report.template_reported;
  in_store(
      [&ctx = ctx_, hash = token_hash_, report = std::move(report)]() -> StoreResult<ActivationOutcome> {
        auto outcome = ctx.devices.activate(hash, report);
        if (outcome && outcome->kind != ActivationOutcome::Kind::Refused) {
          // A device created now has no stored pins to read.
          auto warmed =
              outcome->created ? ctx.hub.warm_new(outcome->device.id) : ctx.hub.warm(outcome->device.id);
          if (!warmed) return warmed.error();
        }
        return outcome;
      },
      [this, message_id, from_info, template_reported,
       then = std::move(then)](StoreResult<ActivationOutcome> outcome) {
        if (closing_) return;
        if (!outcome) {
          ctx_.metrics.activations_failed.fetch_add(1, std::memory_order_relaxed);
          return store_failed(message_id, "activation", outcome.error(), true);
        }
        if (outcome->kind == ActivationOutcome::Kind::Refused) {
          ctx_.metrics.activations_failed.fetch_add(1, std::memory_order_relaxed);
          spdlog::info("conn={} provisioning session {} not activated: {}", conn_id_, session_id_,
                       to_string(outcome->state));
          respond(message_id, Status::InvalidToken);
          return close("activation refused");
        }
        if (outcome->kind == ActivationOutcome::Kind::Activated) {
          ctx_.metrics.activations.fetch_add(1, std::memory_order_relaxed);
          ctx_.hub.feed().publish(LiveEvent{LiveEvent::Kind::Activated, outcome->device.id, now_ms(), {}});
          spdlog::info("conn={} provisioning session {} activated device={} name=\"{}\"{}", conn_id_,
                       session_id_, outcome->device.id, outcome->device.name,
                       template_reported ? "" : " (no template reported)");
        }
        ctx_.metrics.logins_ok.fetch_add(1, std::memory_order_relaxed);
        become_device(outcome->device);
        // The activation saved this info's firmware and heartbeat: its dispatch needs no write.
        info_saved_ = outcome->created && from_info;
        then();
        info_saved_ = false;  // the frame did not reach on_info_values (e.g. read as another code)
      });
}

void DeviceSession::become_device(const Device& device) {
  device_id_ = device.id;
  stored_heartbeat_ = device.heartbeat_s;
  phase_ = Phase::Device;
  auto self = out_.link();
  attached_ = self.get();
  if (auto previous = ctx_.hub.attach(device_id_, self)) {
    previous->kick("replaced by a new login with the same token");
  } else {
    ctx_.hub.queue_event(device_id_, TimelineEvent{ctx_.clock.now(), "online", "online", "device connected"});
  }
  spdlog::info("conn={} device={} logged in", conn_id_, device_id_);
}

void DeviceSession::dispatch(const blynk::Frame& frame) {
  const auto id = frame.header.message_id;
  Fields fields(frame.body);
  switch (static_cast<Command>(frame.header.command)) {
    case Command::Ping: return respond(id, Status::Success);
    case Command::Hardware: return on_hardware(frame);
    case Command::HardwareSync: return on_sync(frame);
    case Command::Internal: return on_internal(frame);
    case Command::Group: return;  // begin ("b", "t" NUL ms) and end ("e") of grouped writes: accepted
    case Command::Property: return on_property(frame);
    case Command::EventLog: {
      const auto code = fields.at(0);
      if (code.empty()) return respond(id, Status::IllegalCommandBody);
      ctx_.hub.queue_event(device_id_,
                           TimelineEvent{ctx_.clock.now(), "event", std::string(code.substr(0, 64)),
                                         std::string(fields.at(1).substr(0, 300))});
      return respond(id, Status::Success);
    }
    case Command::EventClear: return respond(id, Status::Success);
    case Command::DebugPrint:
      spdlog::debug("conn={} device={} debug: {:.200}", conn_id_, device_id_, fields.at(0));
      return;
    case Command::HwLogin: return respond(id, Status::AlreadyRegistered);
    case Command::Response: return;
    default: return respond(id, Status::IllegalCommand);
  }
}

void DeviceSession::on_internal(const blynk::Frame& frame) {
  const auto id = frame.header.message_id;
  const auto fields = split_body(frame.body);
  const std::string_view command = fields.empty() ? std::string_view() : fields[0];
  if (command == "rtc" || command == "utc") return on_time_request(id, fields);
  if (command == "meta") return on_metadata(id, fields);
  if (blynk::is_token_saved(frame.body)) return on_token_saved(id);
  if (command == ota::kInternalOta) return on_ota_report(id, frame.body);
  // A trailing NUL is optional in a body, so an info whose last value is empty (the `build`
  // of a firmware without one) arrives with an odd count: still an info when it opens with
  // one of the info's keys. Other odd bodies are echoes of server-to-device codes.
  if (!fields.empty() && fields.size() % 2 != 0 && !is_info_key(command)) {
    spdlog::debug("conn={} device={} INTERNAL {:.16} ignored", conn_id_, device_id_, command);
    return;  // another server-to-device code echoed back, or an odd body: nothing to keep
  }
  return on_info_values(frame);
}

// The info: key/value pairs ("ver" ... from Onboard and Linux builds, "mcu" ... from Arduino ones).
void DeviceSession::on_info_values(const blynk::Frame& frame) {
  const auto info = read_info(split_body(frame.body));
  const auto id = frame.header.message_id;
  if (info.heartbeat_s != 0) heartbeat_s_ = info.heartbeat_s;
  if (info.buff_in != 0) {
    buff_in_ = static_cast<std::size_t>(info.buff_in);
    out_.set_receive_limit(buff_in_);
  }
  const std::string_view firmware = info.firmware;
  const std::string_view build = info.build;
  const int announced_heartbeat = info.heartbeat_s;
  const bool saved_by_activation = std::exchange(info_saved_, false);
  // A reconnect usually says what the store has already: no write (a
  // reconnect storm would otherwise be one write transaction per device).
  if (saved_by_activation ||
      (firmware.empty() && (announced_heartbeat == 0 || announced_heartbeat == stored_heartbeat_)))
    return respond(id, Status::Success);
  in_store(
      [&ctx = ctx_, device = device_id_, fw = std::string(firmware), build = std::string(build),
       heartbeat = announced_heartbeat]() -> StoreResult<std::optional<OtaCommand>> {
        auto saved = ctx.store.write([&](Records& r) -> StoreStatus {
          if (!fw.empty())
            if (auto s = r.update_device_firmware(device, fw); !s) return s;
          if (heartbeat != 0) return r.update_device_heartbeat(device, heartbeat);
          return done();
        });
        if (!saved) return saved.error();
        // What this version means for a shipment to the device (its outcome, or the command to send).
        if (ctx.ota == nullptr || fw.empty()) return std::optional<OtaCommand>();
        return ctx.ota->on_version(device, fw, build);
      },
      [this, id, announced_heartbeat](StoreResult<std::optional<OtaCommand>> saved) {
        if (!saved)
          return store_failed(id, "saving the firmware version and heartbeat", saved.error(), false);
        if (announced_heartbeat != 0) stored_heartbeat_ = announced_heartbeat;
        respond(id, Status::Success);
        if (*saved) {
          spdlog::info("conn={} device={} sent the ota command", conn_id_, device_id_);
          push_internal((*saved)->body);
        }
      });
}

// "ota" NUL "failed" NUL reason: the device's update failed (or it rolled back).
void DeviceSession::on_ota_report(std::uint16_t message_id, std::string_view body) {
  ota::FailReason reason{};
  bool known = false;
  if (!ota::read_failed(body, reason, known)) return respond(message_id, Status::IllegalCommandBody);
  const std::string text = known ? std::string(ota::to_string(reason)) : "unknown reason";
  spdlog::info("conn={} device={} update failed: {}", conn_id_, device_id_, text);
  if (ctx_.ota == nullptr) return;
  in_store(
      [&ctx = ctx_, device = device_id_, known, reason, text] {
        return ctx.ota->on_failure(device, known && reason == ota::FailReason::rolled_back, text);
      },
      [this, message_id](StoreStatus saved) {
        if (!saved) store_failed(message_id, "saving the update failure", saved.error(), false);
      });
}

// The answers the Blynk library's time requests expect, in UTC (the cloud
// keeps no time zone per device): "rtc" NUL "sync" (WidgetRTC) -> "rtc" NUL
// unix seconds; "utc" NUL "time" -> unix milliseconds; "iso", "tz", "tz_name",
// "tz_rule" and "dst_next" as in the library's TimeAndLocation example.
void DeviceSession::on_time_request(std::uint16_t message_id, const std::vector<std::string_view>& fields) {
  const std::int64_t ms = ctx_.clock.now();
  const std::int64_t seconds = ms / 1000;
  std::string body;
  if (fields[0] == "rtc") {
    body = join({"rtc", std::to_string(seconds)});
  } else {
    const std::string_view what = fields.size() > 1 ? fields[1] : std::string_view("time");
    if (what == "time")
      body = join({"utc", "time", std::to_string(ms)});
    else if (what == "iso")
      body = join({"utc", "iso", iso_utc(seconds)});
    else if (what == "tz")
      body = join({"utc", "tz", "0", "0"});
    else if (what == "tz_name")
      body = join({"utc", "tz_name", "UTC"});
    else if (what == "tz_rule")
      body = join({"utc", "tz_rule", "UTC0"});
    else if (what == "dst_next")
      body = join({"utc", "dst_next"});  // UTC has no offset changes ahead
    else
      return respond(message_id, Status::IllegalCommandBody);
  }
  send_message(Command::Internal, message_id, body);
}

void DeviceSession::on_property(const blynk::Frame& frame) {
  Fields fields(frame.body);
  const auto id = frame.header.message_id;
  if (fields.count() < 3) return respond(id, Status::IllegalCommandBody);
  in_store(
      [&ctx = ctx_, device = device_id_, pin = std::string(fields.at(0)), name = std::string(fields.at(1)),
       value = std::string(rest_after(frame.body, 2))] {
        return ctx.devices.set_property(device, pin, name, value, ctx.config.max_properties);
      },
      [this, id](StoreResult<bool> saved) {
        if (!saved) return store_failed(id, "saving a property", saved.error(), false);
        if (!*saved) {
          spdlog::info("conn={} device={} property refused: it has the most allowed ({})", conn_id_,
                       device_id_, ctx_.config.max_properties);
          respond(id, Status::IllegalCommandBody);
        }
      });
}

// Blynk.setMetadata / Edgent's "meta" NUL "set" NUL "Hotspot Name" NUL ssid:
// kept per device, at most max_metadata names. Like the library's other
// fire-and-forget messages it is answered only when refused.
void DeviceSession::on_metadata(std::uint16_t message_id, const std::vector<std::string_view>& fields) {
  constexpr std::size_t kMaxName = 64;
  constexpr std::size_t kMaxValue = 256;
  if (fields.size() < 3 || fields[1] != "set" || fields[2].empty() || fields[2].size() > kMaxName) {
    return respond(message_id, Status::IllegalCommandBody);
  }
  const std::string_view value = fields.size() > 3 ? fields[3] : std::string_view();
  if (value.size() > kMaxValue) {
    spdlog::info("conn={} device={} metadata {:.64} refused: value of {} bytes (at most {})", conn_id_,
                 device_id_, fields[2], value.size(), kMaxValue);
    return respond(message_id, Status::IllegalCommandBody);
  }
  in_store(
      [&ctx = ctx_, device = device_id_, name = std::string(fields[2]), value = std::string(value)] {
        return ctx.devices.set_metadata(device, name, value, ctx.config.max_metadata);
      },
      [this, message_id, name = std::string(fields[2])](StoreResult<bool> saved) {
        if (!saved) return store_failed(message_id, "saving metadata", saved.error(), false);
        if (!*saved) {
          spdlog::info("conn={} device={} metadata {:.64} refused: it has the most names allowed ({})",
                       conn_id_, device_id_, name, ctx_.config.max_metadata);
          respond(message_id, Status::IllegalCommandBody);
        }
      });
}

// Onboard's SDK saved the token of this connection: the one it replaced is done.
void DeviceSession::on_token_saved(std::uint16_t message_id) {
  in_store([&ctx = ctx_, device = device_id_,
            hash = token_hash_] { return ctx.devices.confirm_token_saved(device, hash); },
           [this, message_id](StoreResult<bool> confirmed) {
             if (!confirmed)
               return store_failed(message_id, "confirming the saved token", confirmed.error(), false);
             if (!*confirmed) {
               spdlog::warn("conn={} device={} confirmed a token that is not its current one: ignored",
                            conn_id_, device_id_);
               return respond(message_id, Status::NotAllowed);
             }
             spdlog::info("conn={} device={} saved its token", conn_id_, device_id_);
             respond(message_id, Status::Success);
           });
}

void DeviceSession::on_hardware(const blynk::Frame& frame) {
  Fields fields(frame.body);
  const auto op = fields.at(0);
  if (op != "vw") return;  // digital/analog writes and reads have no cloud side here
  const auto pin = fields.at(1);
  const auto name = virtual_pin_from_number(pin);
  if (!name) {
    spdlog::info("conn={} device={} vw to pin '{:.16}' refused: pins are V0..V{}", conn_id_, device_id_, pin,
                 kMaxVirtualPin);
    return respond(frame.header.message_id, Status::IllegalCommandBody);
  }
  const auto max_pins = static_cast<std::size_t>(ctx_.config.max_pins);
  if (!ctx_.hub.set_pin(device_id_, *name, std::string(rest_after(frame.body, 2)), max_pins)) {
    if (!pins_full_logged_) {
      spdlog::warn("conn={} device={} has the most pins allowed ({}): writes to new pins are refused",
                   conn_id_, device_id_, max_pins);
      pins_full_logged_ = true;
    }
    return respond(frame.header.message_id, Status::IllegalCommandBody);
  }
}

void DeviceSession::on_sync(const blynk::Frame& frame) {
  const auto fields = split_body(frame.body);
  // Warmed at login: served from memory.
  const auto stored = ctx_.hub.pins(device_id_);
  if (!stored) return store_failed(frame.header.message_id, "sync", stored.error(), false);
  const auto& pins = *stored;
  auto send_pin = [&](const std::string& key, const std::string& value) {
    std::string body = "vw";
    body.push_back('\0');
    body.append(key.substr(1));
    body.push_back('\0');
    body.append(value);
    send_message(Command::Hardware, frame.header.message_id, body);
  };
  const auto n = fields.size();
  if (n <= 1) {  // "vr" alone (or nothing): every stored virtual pin
    for (const auto& [key, value] : pins) {
      if (!key.empty() && key[0] == 'V') send_pin(key, value);
    }
    return;
  }
  if (fields[0] != "vr") return;
  for (std::size_t i = 1; i < n; ++i) {
    const auto name = virtual_pin_from_number(fields[i]);
    if (!name) continue;
    auto it = pins.find(*name);
    if (it != pins.end()) send_pin(it->first, it->second);
  }
}

void DeviceSession::push_hardware(std::string_view body) {
  if (phase_ != Phase::Device || closing_) return;
  send_message(Command::Hardware, next_message_id(), body);
}

void DeviceSession::push_internal(std::string_view body) {
  if (phase_ != Phase::Device || closing_) return;
  send_message(Command::Internal, next_message_id(), body);
}

bool DeviceSession::over_flood_limit(std::uint16_t message_id, Clock::time_point now) {
  const int limit = ctx_.config.flood_limit;
  if (now - window_start_ >= std::chrono::seconds(1)) {
    if (window_count_ <= limit) {
      windows_over_ = 0;
    } else {
      windows_over_ = now - window_start_ < std::chrono::seconds(2) ? windows_over_ + 1 : 1;
    }
    window_start_ = now;
    window_count_ = 0;
    quota_sent_ = false;
  }
  if (++window_count_ <= limit) return false;
  // This window is over the limit too: the (windows_over_ + 1)-th in a row.
  if (windows_over_ + 1 >= ctx_.config.flood_disconnect_after) {
    spdlog::warn("conn={} device={} over {} messages/s for {} s: closing", conn_id_, device_id_, limit,
                 windows_over_ + 1);
    respond(message_id, Status::QuotaLimit);
    close("flood");
    return true;
  }
  if (!quota_sent_) {
    quota_sent_ = true;
    spdlog::info("conn={} device={} over {} messages/s: dropping the rest of this second", conn_id_,
                 device_id_, limit);
    respond(message_id, Status::QuotaLimit);
  }
  return true;
}

void DeviceSession::on_tick(Clock::time_point now) {
  if (closing_) return;
  if (phase_ == Phase::AwaitLogin) {
    if (now - connected_at_ >= std::chrono::seconds(ctx_.config.login_timeout)) {
      spdlog::info("conn={} no login within {} s: closing", conn_id_, ctx_.config.login_timeout);
      close("login timeout");
    }
    return;
  }
  if (replaced_token_until_ != 0 && ctx_.clock.now() >= replaced_token_until_) {
    spdlog::info("conn={} device={} the replaced token it logged in with has expired: closing", conn_id_,
                 device_id_);
    return close("replaced token expired");
  }
  if (now - last_rx_ > std::chrono::milliseconds(1500L * heartbeat_s_)) {
    spdlog::info("conn={} device={} silent for 1.5 x {} s heartbeat: offline", conn_id_, device_id_,
                 heartbeat_s_);
    close("heartbeat timeout");
  }
}

void DeviceSession::on_closed() {
  closing_ = true;
  if (phase_ != Phase::Device || device_id_ == 0) return;
  if (ctx_.hub.detach(device_id_, attached_)) {
    const auto now = ctx_.clock.now();
    ctx_.hub.queue_event(device_id_, TimelineEvent{now, "offline", "offline", "device disconnected"});
    ctx_.hub.queue_last_seen(device_id_, now);
  }
  phase_ = Phase::AwaitLogin;
}

void DeviceSession::respond(std::uint16_t message_id, Status status) {
  std::string frame(blynk::kHeaderSize, '\0');
  blynk::encode_response(message_id, status, reinterpret_cast<std::uint8_t*>(frame.data()));
  ctx_.metrics.messages_out.fetch_add(1, std::memory_order_relaxed);
  out_.send(std::move(frame));
}

bool DeviceSession::send_message(Command command, std::uint16_t message_id, std::string_view body) {
  const std::size_t size = blynk::kHeaderSize + body.size();
  if (size > buff_in_ || body.size() > blynk::kMaxBodySize) {
    spdlog::warn("conn={} device={} {} of {} bytes not sent: the device buffer is {} bytes", conn_id_,
                 device_id_, blynk::to_string(command), size, buff_in_);
    return false;
  }
  std::string frame(size, '\0');
  blynk::encode_message(command, message_id, body, reinterpret_cast<std::uint8_t*>(frame.data()), size);
  ctx_.metrics.messages_out.fetch_add(1, std::memory_order_relaxed);
  out_.send(std::move(frame));
  return true;
}

std::uint16_t DeviceSession::next_message_id() {
  if (++out_id_ == 0) out_id_ = 1;
  return out_id_;
}

void DeviceSession::close(std::string_view reason) {
  if (closing_) return;
  closing_ = true;
  out_.close(reason);
}

}  // namespace onboard::cloud
