// The web UI, served by the binary itself: the files Vite built
// from web/ are compiled in (tools/web_embed.cpp writes web_assets()), so a
// deployment has nothing to install and no Node at run time.
//
// What is served, for GET only, outside /api/:
//   - an embedded file at its path: /assets/* (names carry a content hash)
//     with "Cache-Control: public, max-age=31536000, immutable", any other
//     file (index.html, favicon.svg) with "Cache-Control: no-cache";
//   - "/" and every other path a browser navigates to (the request accepts
//     text/html): index.html, so that the UI's own URLs work as deep links
//     and after a reload;
//   - nothing under /assets/ that is not embedded: those stay 404.
// Every file has an ETag; If-None-Match with it gives 304. The server's
// Content-Security-Policy (default-src 'self') applies unchanged: the build
// holds no inline script and no data: URL.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "server/http.h"

namespace vigil::server {

struct WebAsset {
  std::string_view path;          // "/assets/index-15l5_3Tp.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
  std::string_view etag;  // "\"0123456789abcdef\"" (quoted)
};

// The embedded UI; empty when the binary was built without it (VIGIL_WEB_UI=OFF, fuzz builds).
std::span<const WebAsset> web_assets();

// The answer to `request` from `assets`, or nullopt when the request is not
// the UI's (another method, /api/..., an unknown /assets/ file, a path that
// does not accept HTML, or no UI embedded).
std::optional<Response> serve_web(const Request& request, std::span<const WebAsset> assets);

}  // namespace vigil::server
