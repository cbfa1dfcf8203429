// The web console's built files (cloud/console, built by esbuild), read once
// at start and served from memory at / with their content types, ETags,
// caching rules and a strict Content-Security-Policy.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "onboard/cloud/api/http.hpp"

namespace onboard::cloud {

class ConsoleFiles {
 public:
  // Reads every file under dir; a missing dir gives an empty set (/ then says
  // how to build the console) and the reason in error().
  static ConsoleFiles load(const std::string& dir);

  // The answer for GET/HEAD of `path` (not under /api or /external): a file,
  // index.html for "/", 304 for a matching ETag; nullopt when there is no such file.
  std::optional<HttpResponse> serve(const HttpRequest& request, std::string_view path) const;

  std::size_t size() const { return files_.size(); }
  const std::string& error() const { return error_; }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;  // the build's precompressed copy, when it made one
    std::string etag;
    bool immutable = false;  // a content-hashed name: cache it for a year
  };
  std::map<std::string, File, std::less<>> files_;  // "index.html", "assets/app-XXXX.js"
  std::string error_;
};

// The default --console-dir: `console` beside the binary's bin/ directory
// (build/<preset>/console, or PREFIX/share/onboard/console when installed).
std::string default_console_dir();

}  // namespace onboard::cloud
