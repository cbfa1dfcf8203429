// The upload's check of an image, with protocol/ota's reader: a header this
// side can read, sizes that add up, a payload that matches the header's
// SHA-256, and a size under the server's limit. The signature is the device's
// to check: the cloud never holds the maker's key.
#pragma once

#include <cstddef>
#include <string>
#include <variant>

#include "onboard/cloud/domain/ota.hpp"

namespace onboard::cloud {

// The header's facts, or the reason the image is refused.
std::variant<ImageFacts, std::string> check_image(const std::string& bytes, std::size_t max_bytes);

}  // namespace onboard::cloud
