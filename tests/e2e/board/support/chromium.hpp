// Debian's headless Chromium run inside a host of the world (a phone), with a
// fresh profile each time and nothing that phones home.
#pragma once

#include <string>

#include "world.hpp"

namespace onboard::e2e {

// True when a `chromium` program is on PATH.
bool have_chromium();

// `chromium --headless --dump-dom URL` in `host`: the DOM after the page loaded
// (and after any redirect). RunResult::out is the serialized DOM.
RunResult chromium_dump_dom(World& world, const std::string& host, const std::string& url);

}  // namespace onboard::e2e
