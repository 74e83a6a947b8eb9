#include "server/web_assets.h"

namespace vigil::server {

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

// A handful of files: a linear search is the simplest and fast enough.
const WebAsset* find(std::span<const WebAsset> assets, std::string_view path) {
  for (const auto& a : assets) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

bool accepts_html(const Request& request) {
  auto accept = request.header("Accept");
  return accept && accept->find("text/html") != std::string_view::npos;
}

Response answer(const Request& request, const WebAsset& asset, std::string_view cache_control) {
  Response r;
  r.set_header("Cache-Control", std::string(cache_control));
  r.set_header("ETag", std::string(asset.etag));
  if (auto none_match = request.header("If-None-Match"); none_match && *none_match == asset.etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = std::string(asset.content_type);
  r.body = std::string(asset.body);
  return r;
}

}  // namespace

std::optional<Response> serve_web(const Request& request, std::span<const WebAsset> assets) {
  if (request.method != "GET" || assets.empty()) return std::nullopt;
  const std::string_view path = request.path;
  if (path == "/api" || path.starts_with("/api/")) return std::nullopt;
  const bool hashed = path.starts_with("/assets/");
  if (path != "/") {
    if (const WebAsset* asset = find(assets, path)) return answer(request, *asset, hashed ? kImmutable : kRevalidate);
  }
  if (hashed) return std::nullopt;
  if (path != "/" && !accepts_html(request)) return std::nullopt;
  const WebAsset* index = find(assets, "/index.html");
  if (!index) return std::nullopt;
  return answer(request, *index, kRevalidate);
}

}  // namespace vigil::server
