#include "onboard/protocol/blynk/token_saved.hpp"

#include "onboard/protocol/blynk/body.hpp"

namespace onboard::blynk {

std::size_t encode_token_saved(char* out, std::size_t capacity) {
  BodyBuilder body(out, capacity);
  body.add(kTokenSavedCode).add(kTokenSavedWhat);
  return body.ok() ? body.size() : 0;
}

bool is_token_saved(std::string_view body) {
  const Fields fields(body);
  std::string_view parts[3];
  return fields.split(parts, 3) == 2 && parts[0] == kTokenSavedCode && parts[1] == kTokenSavedWhat;
}

}  // namespace onboard::blynk
