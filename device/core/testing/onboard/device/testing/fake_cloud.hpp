// A scripted Blynk cloud for tests, on FakeNet's outgoing connections: checks
// tokens and the template, answers pings, records what the device sends.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "onboard/device/testing/fake_net.hpp"
#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"

namespace onboard::testing {

class FakeCloud {
 public:
  struct Message {
    blynk::Command command;
    std::string body;
  };

  explicit FakeCloud(FakeNet& net) : net_(net) {
    net_.on_connect = [this](Pipe& p) {
      if (other_hosts.count(p.host) != 0) return;
      ++connects;
      if (!reachable) {
        p.state = hal::StreamState::Failed;
        p.failure = hal::StreamFailure::Unreachable;
      } else if (p.tls && tls_broken) {
        p.state = hal::StreamState::Failed;
        p.failure = hal::StreamFailure::TlsCertificate;
      } else {
        p.state = hal::StreamState::Connected;
      }
    };
  }

  // Answers everything the device sent so far.
  void pump() {
    for (auto& p : net_.outgoing) {
      if (p->device_closed || p->peer_closed || p->state != hal::StreamState::Connected) continue;
      if (other_hosts.count(p->host) != 0) continue;
      auto& in = p->from_device;
      while (in.size() >= 5) {
        const auto* b = reinterpret_cast<const std::uint8_t*>(in.data());
        const blynk::Header h = blynk::decode_header(b);
        if (in.size() < 5 + h.body_size()) break;
        const std::string body = in.substr(5, h.body_size());
        in.erase(0, 5 + h.body_size());
        handle(*p, h, body);
        if (p->peer_closed) break;
      }
    }
  }

  void respond(Pipe& p, std::uint16_t id, blynk::Status status) {
    std::uint8_t out[5];
    blynk::encode_response(id, status, out);
    p.to_device.append(reinterpret_cast<const char*>(out), 5);
  }
  // Sends a message to the device over the live session.
  bool send(blynk::Command command, std::string_view body) {
    Pipe* p = live();
    if (p == nullptr) return false;
    std::uint8_t out[1024];
    const std::size_t n = blynk::encode_message(command, next_id_++, body, out, sizeof out);
    p->to_device.append(reinterpret_cast<const char*>(out), n);
    return true;
  }
  Pipe* live() {
    for (auto it = net_.outgoing.rbegin(); it != net_.outgoing.rend(); ++it) {
      if (!(*it)->device_closed && !(*it)->peer_closed && (*it)->state == hal::StreamState::Connected &&
          other_hosts.count((*it)->host) == 0) {
        return it->get();
      }
    }
    return nullptr;
  }
  void drop_all() {
    for (auto& p : net_.outgoing) p->peer_closed = true;
  }
  std::size_t count(blynk::Command command) const {
    std::size_t n = 0;
    for (const auto& m : received) n += m.command == command ? 1 : 0;
    return n;
  }

  std::set<std::string> tokens;
  // Connections to these hosts are someone else's (e.g. an OTA file server): not answered.
  std::set<std::string> other_hosts;
  std::string template_id = "TMPL12345678";
  bool reachable = true;
  bool tls_broken = false;
  bool answer_info = true;
  bool silent = false;  // accepts connections, never answers
  int connects = 0;
  int logins = 0;
  std::vector<Message> received;

 private:
  void handle(Pipe& p, const blynk::Header& h, const std::string& body) {
    const auto command = static_cast<blynk::Command>(h.command);
    if (silent) return;
    if (command == blynk::Command::HwLogin) {
      if (tokens.count(body) == 0) {
        respond(p, h.message_id, blynk::Status::InvalidToken);
        p.peer_closed = true;
        return;
      }
      ++logins;
      respond(p, h.message_id, blynk::Status::Success);
      return;
    }
    if (command == blynk::Command::Ping) {
      respond(p, h.message_id, blynk::Status::Success);
      return;
    }
    received.push_back({command, body});
    if (command == blynk::Command::Internal && body.rfind("ver", 0) == 0) {
      const blynk::Fields fields(body);
      std::string tmpl;
      for (std::size_t i = 0; i + 1 < fields.count(); i += 2) {
        if (fields.at(i) == "tmpl") tmpl = std::string(fields.at(i + 1));
      }
      if (tmpl != template_id) {
        respond(p, h.message_id, blynk::Status::NotAllowed);
        p.peer_closed = true;
      } else if (answer_info) {
        respond(p, h.message_id, blynk::Status::Success);
      }
    }
  }

  FakeNet& net_;
  std::uint16_t next_id_ = 100;
};

}  // namespace onboard::testing
