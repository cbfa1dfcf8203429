#include "onboard/protocol/ota/messages.hpp"

#include "onboard/protocol/blynk/body.hpp"

namespace onboard::ota {
namespace {

struct Name {
  FailReason reason;
  std::string_view text;
};

constexpr Name kNames[] = {
    {FailReason::signature, "signature"},
    {FailReason::template_id, "template"},
    {FailReason::version, "version"},
    {FailReason::hash, "hash"},
    {FailReason::format, "format"},
    {FailReason::size, "size"},
    {FailReason::download, "download"},
    {FailReason::storage, "storage"},
    {FailReason::url, "url"},
    {FailReason::rolled_back, "rolled_back"},
};

}  // namespace

bool read_start(std::string_view body, std::string_view& url) {
  std::string_view fields[2];
  const std::size_t n = blynk::Fields(body).split(fields, 2);
  if (n < 2 || fields[0] != kInternalOta || fields[1].empty()) return false;
  url = fields[1];
  return true;
}

std::size_t write_start(std::string_view url, char* out, std::size_t cap) {
  blynk::BodyBuilder b(out, cap);
  b.add(kInternalOta).add(url);
  return b.ok() ? b.size() : 0;
}

std::string_view to_string(FailReason reason) {
  for (const Name& n : kNames) {
    if (n.reason == reason) return n.text;
  }
  return "unknown";
}

bool fail_reason_from_string(std::string_view text, FailReason& out) {
  for (const Name& n : kNames) {
    if (n.text == text) {
      out = n.reason;
      return true;
    }
  }
  return false;
}

std::size_t write_failed(FailReason reason, char* out, std::size_t cap) {
  blynk::BodyBuilder b(out, cap);
  b.add(kInternalOta).add(kFailed).add(to_string(reason));
  return b.ok() ? b.size() : 0;
}

bool read_failed(std::string_view body, FailReason& reason, bool& known) {
  std::string_view fields[3];
  const std::size_t n = blynk::Fields(body).split(fields, 3);
  if (n < 3 || fields[0] != kInternalOta || fields[1] != kFailed) return false;
  known = fail_reason_from_string(fields[2], reason);
  return true;
}

}  // namespace onboard::ota
