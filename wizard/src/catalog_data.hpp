// The built-in catalogs, generated from wizard/catalog/*.json by CMake (catalog_data.cpp.in).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace onboard::wizard {

// The JSON text of a shipped language; "" when there is none.
std::string_view catalog_json(std::string_view language);
std::vector<std::string> catalog_languages();

}  // namespace onboard::wizard
