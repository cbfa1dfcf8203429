#include "chromium.hpp"

#include <stdlib.h>

#include <cstdlib>

namespace onboard::e2e {

bool have_chromium() {
  return run({"sh", "-c", "command -v chromium"}, std::chrono::seconds(10)).code == 0;
}

RunResult chromium_dump_dom(World& world, const std::string& host, const std::string& url) {
  std::string profile = (world.dir() / "chromium-XXXXXX").string();
  if (mkdtemp(profile.data()) == nullptr) return {};
  // HttpsUpgrades: recent Chromium tries https:// first for typed http:// URLs;
  // the board has no TLS, and the fallback would only slow the test down.
  return world.air(
      {"exec", host, "--", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
       "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
       "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable", "--user-data-dir=" + profile,
       "--timeout=20000", "--dump-dom", url},
      std::chrono::seconds(90));
}

}  // namespace onboard::e2e
