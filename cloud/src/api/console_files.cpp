#include "onboard/cloud/api/console_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "onboard/cloud/crypto/token.hpp"

namespace onboard::cloud {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFile = 8 * 1024 * 1024;

// No inline script or style anywhere; everything from this origin only.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string content_type_of(const fs::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".map") return "application/json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "app-3FJ2KQ7Z.js": esbuild's content hash in the name.
bool hashed_name(const std::string& name) {
  const auto dash = name.rfind('-');
  const auto dot = name.find('.', dash == std::string::npos ? 0 : dash);
  return dash != std::string::npos && dot != std::string::npos && dot - dash - 1 >= 8;
}

bool accepts_gzip(std::string_view header) {
  // Enough for browsers: "gzip, deflate, br" (a q=0 refusal is not something they send).
  return header.find("gzip") != std::string_view::npos;
}

void add_security_headers(HttpResponse& r) {
  r.headers.emplace_back("Content-Security-Policy", kCsp);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
}

}  // namespace

ConsoleFiles ConsoleFiles::load(const std::string& dir) {
  ConsoleFiles out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    out.error_ = fmt::format("no console files in '{}'", dir);
    return out;
  }
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto relative = fs::relative(it->path(), dir, ec).generic_string();
    if (ec || relative.ends_with(".gz")) continue;
    if (it->file_size(ec) > kMaxFile) continue;
    auto body = read_file(it->path());
    if (!body) continue;
    File file;
    file.content_type = content_type_of(it->path());
    file.etag = "\"" + token_hash(*body).substr(0, 16) + "\"";
    file.immutable = hashed_name(it->path().filename().string());
    if (auto gz = read_file(it->path().string() + ".gz")) file.gzip = std::move(*gz);
    file.body = std::move(*body);
    out.files_.emplace(relative, std::move(file));
  }
  if (out.files_.find("index.html") == out.files_.end())
    out.error_ = fmt::format("no index.html in '{}'", dir);
  return out;
}

std::optional<HttpResponse> ConsoleFiles::serve(const HttpRequest& request, std::string_view path) const {
  std::string_view name = path;
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  if (name.empty()) name = "index.html";
  if (files_.empty() && name == "index.html") {
    HttpResponse r{503,
                   "text/plain; charset=utf-8",
                   "The web console is not built or not found (" + error_ +
                       ").\nBuild it with scripts/build, or point --console-dir at its files.\n",
                   {}};
    add_security_headers(r);
    return r;
  }
  auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  const File& file = it->second;
  HttpResponse r{200, file.content_type, {}, {}};
  add_security_headers(r);
  r.headers.emplace_back("ETag", file.etag);
  r.headers.emplace_back("Cache-Control",
                         file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  if (!request.if_none_match.empty() && request.if_none_match.find(file.etag) != std::string::npos) {
    r.status = 304;
    return r;
  }
  if (!file.gzip.empty() && accepts_gzip(request.accept_encoding)) {
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.body = file.gzip;
  } else {
    r.body = file.body;
  }
  return r;
}

std::string default_console_dir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "console";
  const auto prefix = exe.parent_path().parent_path();
  if (fs::is_directory(prefix / "console", ec)) return (prefix / "console").string();
  return (prefix / "share" / "onboard" / "console").string();
}

}  // namespace onboard::cloud
