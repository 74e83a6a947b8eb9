// The web UI as the server serves it (server/web_assets.h): content types,
// cache lifetimes, ETags, the deep-link fallback to index.html, the 404s that
// must stay 404s, and the security headers that apply unchanged.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "server/test_server.h"
#include "server/web_assets.h"

namespace vigil::test {
namespace {

using server::Request;
using server::serve_web;
using server::WebAsset;

constexpr char kCsp[] = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const WebAsset kAssets[] = {
    {"/assets/index-abc123.css", "text/css; charset=utf-8", "body{}", "\"c55\""},
    {"/assets/index-abc123.js", "text/javascript; charset=utf-8", "console.log(1)", "\"j55\""},
    {"/favicon.svg", "image/svg+xml", "<svg/>", "\"f55\""},
    {"/index.html", "text/html; charset=utf-8", "<!doctype html><div id=app></div>", "\"i55\""},
};

Request get(std::string path, server::Headers headers = {}) {
  Request r;
  r.method = "GET";
  r.target = path;
  r.path = std::move(path);
  r.headers = std::move(headers);
  return r;
}

const server::Headers kBrowser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};

TEST(WebAssets, HashedAssetsAreImmutableWithTheirContentType) {
  auto js = serve_web(get("/assets/index-abc123.js"), kAssets);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js->header("ETag"), "\"j55\"");
  auto css = serve_web(get("/assets/index-abc123.css"), kAssets);
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
}

TEST(WebAssets, IndexAndOtherFilesAreRevalidated) {
  auto index = serve_web(get("/"), kAssets);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->header("Cache-Control"), "no-cache");
  auto icon = serve_web(get("/favicon.svg"), kAssets);
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->content_type, "image/svg+xml");
  EXPECT_EQ(icon->header("Cache-Control"), "no-cache");
}

TEST(WebAssets, DeepLinksThatAcceptHtmlGetIndex) {
  for (std::string path : {"/sign-in", "/orgs/acme/dashboard", "/orgs/acme/incidents/INC-1", "/orgs/x/documents/a.b"}) {
    auto page = serve_web(get(path, kBrowser), kAssets);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->body, "<!doctype html><div id=app></div>") << path;
    EXPECT_EQ(page->header("Cache-Control"), "no-cache") << path;
  }
  // Not a browser navigation (a script, curl without Accept): stays a 404.
  EXPECT_FALSE(serve_web(get("/orgs/acme/dashboard"), kAssets));
  EXPECT_FALSE(serve_web(get("/orgs/acme/dashboard", {{"Accept", "application/json"}}), kAssets));
}

TEST(WebAssets, UnknownAssetsApiPathsAndOtherMethodsAreNotTheUis) {
  EXPECT_FALSE(serve_web(get("/assets/index-old.js", kBrowser), kAssets));
  EXPECT_FALSE(serve_web(get("/assets/", kBrowser), kAssets));
  EXPECT_FALSE(serve_web(get("/api/v1/nothing", kBrowser), kAssets));
  EXPECT_FALSE(serve_web(get("/api", kBrowser), kAssets));
  Request post = get("/", kBrowser);
  post.method = "POST";
  EXPECT_FALSE(serve_web(post, kAssets));
  Request head = get("/", kBrowser);
  head.method = "HEAD";
  EXPECT_FALSE(serve_web(head, kAssets));
  // A binary built without the UI serves nothing, not even "/".
  EXPECT_FALSE(serve_web(get("/", kBrowser), std::span<const WebAsset>{}));
}

TEST(WebAssets, MatchingIfNoneMatchIs304WithoutBody) {
  auto same = serve_web(get("/assets/index-abc123.js", {{"If-None-Match", "\"j55\""}}), kAssets);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 304);
  EXPECT_TRUE(same->body.empty());
  EXPECT_EQ(same->header("ETag"), "\"j55\"");
  auto changed = serve_web(get("/assets/index-abc123.js", {{"If-None-Match", "\"old\""}}), kAssets);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
}

// --- the UI compiled into this binary, through a real socket ----------------

class EmbeddedWeb : public ::testing::Test {
 protected:
  void SetUp() override {
    if (server::web_assets().empty()) GTEST_SKIP() << "built with VIGIL_WEB_UI=OFF";
  }
};

TEST_F(EmbeddedWeb, EveryFileHasATypeAndIndexLoadsOnlyHashedFilesWithoutInlineScript) {
  const WebAsset* index = nullptr;
  int hashed = 0;
  for (const auto& asset : server::web_assets()) {
    EXPECT_FALSE(asset.content_type.empty()) << asset.path;
    EXPECT_EQ(asset.etag.front(), '"') << asset.path;
    if (asset.path == "/index.html") index = &asset;
    if (asset.path.starts_with("/assets/")) ++hashed;
  }
  ASSERT_NE(index, nullptr);
  EXPECT_GE(hashed, 2);  // the script and the style sheet
  const std::string html(index->body);
  // Every <script> has a src under /assets/ (the CSP forbids inline script).
  std::regex script(R"(<script\b([^>]*)>)");
  int scripts = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), script); it != std::sregex_iterator(); ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src=\"/assets/"), std::string::npos) << (*it)[0].str();
  }
  EXPECT_EQ(scripts, 1);
  EXPECT_EQ(html.find("data:"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos);
}

TEST_F(EmbeddedWeb, ServedWithTheStrictPolicyAndTheRightCacheLifetimes) {
  TestServer server;
  auto root = fetch(server.port(), "GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(root.header("Content-Security-Policy"), kCsp);
  EXPECT_EQ(root.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(root.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(root.header("Cache-Control"), "no-cache");
  EXPECT_NE(root.body.find("<div id=\"app\"></div>"), std::string::npos);

  std::smatch script;
  ASSERT_TRUE(std::regex_search(root.body, script, std::regex(R"re(src="(/assets/[^"]+\.js)")re")));
  auto js = fetch(server.port(), "GET", script[1].str());
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.header("Content-Security-Policy"), kCsp);
  auto again = fetch(server.port(), "GET", script[1].str(), {},
                     {{"If-None-Match", std::string(js.header("ETag").value_or(""))}});
  EXPECT_EQ(again.status, 304);

  auto deep = fetch(server.port(), "GET", "/orgs/acme/incidents/INC-1", {}, {{"Accept", "text/html"}});
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, root.body);
  EXPECT_EQ(deep.header("Cache-Control"), "no-cache");
}

TEST_F(EmbeddedWeb, ApiAndUnknownAssetsStayProblemDocuments) {
  TestServer server;
  for (std::string path : {"/api/v1/nothing", "/assets/nothing.js"}) {
    auto reply = fetch(server.port(), "GET", path, {}, {{"Accept", "text/html"}});
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_EQ(reply.header("Content-Type"), "application/problem+json") << path;
    EXPECT_EQ(reply.header("Cache-Control"), "no-store") << path;
  }
  // An API route still answers as before, and a write to "/" is no page.
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs").status, 401);
  EXPECT_EQ(fetch(server.port(), "POST", "/", "{}").status, 404);
}

}  // namespace
}  // namespace vigil::test
