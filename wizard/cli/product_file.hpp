// The maker's product settings, set once in a file the CLI reads: the product name users see
// and the device's access point prefix. {"productName": "Acme Plug", "apPrefix": "Acme"}.
#pragma once

#include <optional>
#include <string>

#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/failure.hpp"

namespace onboard::cli {

// Where it is looked for: $ONBOARD_PRODUCT_FILE, else <config dir>/product.json, else
// /etc/onboard/product.json. nullopt when there is none; a failure when one is unreadable.
wizard::Result<std::optional<wizard::Product>> load_product();
wizard::Result<wizard::Product> read_product_file(const std::string& path);

}  // namespace onboard::cli
