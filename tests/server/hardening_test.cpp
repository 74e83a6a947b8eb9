// The server under hostile load: names of maximal length through the whole
// pipeline (run under ASan+UBSan in CI), sign-in that cannot be used to
// exhaust memory or to guess in parallel, inputs bounded before any work,
// text that is not UTF-8, connection and body limits, and /metrics that
// leaks nothing.
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"
#include "store/sqlite/database.h"

namespace vigil::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

using vigil::test::credentials;

// The process's peak resident memory since the last reset, in bytes
// (/proc/self/status VmHWM; writing 5 to /proc/self/clear_refs resets it).
std::int64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return -1;
}
// Opens INC-1 in acme; the reply of the request.
Reply open_any_incident(TestServer& server, const std::string& token) {
  return fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents", incident_body("x", "2026-03-02T09:00:00Z").dump(),
               {{"Authorization", token}});
}

bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  return static_cast<bool>(clear.flush());
}

// --- 1. the signed-in principal lives as long as the request ----------------

TEST(Hardening, NamesOfMaximalLengthWorkThroughTheWholeRequest) {
  TestServer server;
  const std::string org(64, 'o');
  const std::string user(64, 'u');
  const std::string realistic = "margaret.hamilton-mustermann";  // longer than the small-string buffer
  ASSERT_TRUE(server.accounts().add_organisation(org, "An organisation with a long slug", {"root (command line)", {}}));
  auto hash = server::hash_password(kPassword, server::HashCost::Interactive).value();
  for (const auto& name : {user, realistic}) {
    auto added = server.accounts().add_user(name, hash, test_now()).value();
    ASSERT_TRUE(server.accounts().grant(added.id, org, store::Role::Admin, store::AccountChange{"test", test_now()}));
  }
  for (const auto& name : {user, realistic}) {
    const std::string token = server.bearer(name);
    const std::string base = "/api/v1/orgs/" + org;
    const std::string document(200, name == user ? 'd' : 'e');
    auto put = fetch(server.port(), "PUT", base + "/documents/" + document, json{{"status", "draft"}}.dump(),
                     {{"Authorization", token}});
    ASSERT_EQ(put.status, 201) << put.body;
    auto list = fetch(server.port(), "GET", base + "/documents", {}, {{"Authorization", token}});
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find(document), std::string::npos);
    auto opened =
        fetch(server.port(), "POST", base + "/incidents",
              incident_body(std::string(500, 't'), "2026-03-02T09:00:00Z").dump(), {{"Authorization", token}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    // The log line names the user: read after the handler returned.
    EXPECT_NE(server.log().find("\"user\":\"" + name + "\""), std::string::npos);
    // The session route reads the principal too.
    auto me = fetch(server.port(), "GET", "/api/v1/session", {}, {{"Authorization", token}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(json::parse(me.body)["username"], name);
  }
}

// --- 2. sign-in: parallel guesses count, verification memory is bounded -------

TEST(Hardening, ParallelWrongPasswordsAllCountAgainstTheLimit) {
  server::LoginLimits limits;
  limits.failures_per_user = 5;
  limits.failures_per_address = 1000;
  server::ServerConfig config;
  config.workers = 64;  // every attempt in flight at once
  TestServer server(config, limits);
  constexpr int kAttempts = 64;
  std::vector<int> statuses(kAttempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAttempts; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = fetch(server.port(), "POST", "/api/v1/session", credentials("acme-admin", "guess")).status;
    });
  }
  for (auto& t : threads) t.join();
  int wrong = 0, throttled = 0;
  for (int s : statuses) {
    wrong += s == 401;
    throttled += s == 429;
  }
  EXPECT_EQ(wrong, 5);
  EXPECT_EQ(throttled, kAttempts - 5);
  // The right password from that address waits for the window too...
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/session", credentials("acme-admin", kPassword)).status, 429);
  // ...but not from an address that has not failed: a stranger cannot lock the user out.
  Client elsewhere(server.port(), "127.0.0.9");
  ASSERT_TRUE(elsewhere.connected());
  EXPECT_EQ(elsewhere.request("POST", "/api/v1/session", credentials("acme-admin", kPassword)).status, 201);
}

TEST(Hardening, ConcurrentSignInsKeepArgon2MemoryBounded) {
  server::LoginLimits limits;
  limits.failures_per_user = 1000;
  limits.failures_per_address = 1000;
  limits.concurrent = 2;
  limits.queue_wait = 60s;
  server::ServerConfig config;
  config.workers = 64;
  TestServer server(config, limits);
  if (!reset_peak_rss()) GTEST_SKIP() << "/proc/self/clear_refs is not writable here";
  const std::int64_t before = peak_rss_bytes();
  constexpr int kAttempts = 64;
  std::vector<int> statuses(kAttempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAttempts; ++i) {
    threads.emplace_back([&, i] {
      // Patient: 64 verifications two at a time take a while on a loaded machine.
      Client client(server.port());
      statuses[i] =
          client
              .request("POST", "/api/v1/session",
                       credentials(i % 2 ? "acme-auditor" : "acme-admin", i % 4 == 0 ? kPassword : "guess"), {}, 120s)
              .status;
    });
  }
  for (auto& t : threads) t.join();
  const std::int64_t grew = peak_rss_bytes() - before;
  int evaluated = 0, busy = 0;
  for (int s : statuses) {
    evaluated += s == 201 || s == 401;
    busy += s == 429;
  }
  // At most 3 × 2 sign-ins are in progress at once; the rest were told to retry.
  EXPECT_GE(evaluated, 6);
  EXPECT_EQ(evaluated + busy, kAttempts);
  // Each verification takes 64 MiB (libsodium's interactive limit); two at a
  // time, plus slack for threads and buffers. Unbounded, 64 would take 4 GiB.
  constexpr std::int64_t kMiB = 1024 * 1024;
  EXPECT_LT(grew, (2 * 64 + 48) * kMiB) << "peak grew by " << grew / kMiB << " MiB";
}

TEST(Hardening, ParallelRightPasswordsFromOneAddressAreNotMistakenForGuesses) {
  server::LoginLimits limits;
  limits.queue_wait = 20s;
  server::ServerConfig config;
  config.workers = 64;
  TestServer server(config, limits);
  constexpr int kAttempts = 8;  // more than the 5 failures a user may have at one address
  std::vector<int> statuses(kAttempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAttempts; ++i) {
    threads.emplace_back([&, i] {
      Client client(server.port(), "127.0.0.8");
      statuses[i] =
          client.request("POST", "/api/v1/session", credentials("acme-compliance", kPassword), {}, 60s).status;
    });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 201);
}

TEST(Hardening, SignInBusyIsA429WithRetryAfterAndNotCountedAsAGuess) {
  server::LoginLimits limits;
  limits.concurrent = 1;
  limits.queue_wait = 1ms;
  server::ServerConfig config;
  config.workers = 64;
  TestServer server(config, limits);
  std::vector<int> statuses(8);
  std::vector<std::string> retry(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto reply = fetch(server.port(), "POST", "/api/v1/session",
                         credentials("acme-" + std::string(store::kRoleNames[i % store::kRoleCount]), kPassword));
      statuses[i] = reply.status;
      retry[i] = reply.header("Retry-After").value_or("");
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(statuses[i] == 201 || statuses[i] == 429) << statuses[i];
    if (statuses[i] == 429) {
      EXPECT_EQ(retry[i], "1");
    }
  }
}

// --- 3. inputs bounded before any work ----------------------------------------

TEST(Hardening, AHugeEntityTypeGetsAShortErrorAndNoSuggestionSearch) {
  TestServer server;
  const std::string token = server.bearer("acme-auditor");
  const std::string huge(400'000, 'x');
  auto reply = fetch(server.port(), "POST", "/api/v1/significance", json{{"entity_type", huge}}.dump(),
                     {{"Authorization", token}});
  ASSERT_EQ(reply.status, 400) << reply.body.substr(0, 400);
  EXPECT_LT(reply.body.size(), 2000u) << reply.body.substr(0, 400);
  EXPECT_NE(reply.body.find("entity_type"), std::string::npos) << reply.body;
}

TEST(Hardening, AnUnknownHugeFieldNameIsQuotedShort) {
  TestServer server;
  const std::string key(100'000, 'k');
  auto reply = fetch(server.port(), "POST", "/api/v1/scope", json{{key, 1}}.dump(),
                     {{"Authorization", server.bearer("acme-auditor")}});
  ASSERT_EQ(reply.status, 400);
  EXPECT_LT(reply.body.size(), 2000u);
  EXPECT_NE(reply.body.find("(100000 bytes)"), std::string::npos) << reply.body;
}

TEST(Hardening, DeeplyNestedAndOutOfRangeBodiesAreErrorsAndTheServerStillAnswers) {
  TestServer server;
  // To the unauthenticated sign-in route: within its 16 KiB, parsed and refused...
  const std::string nested = std::string(8000, '[') + std::string(8000, ']');
  for (const std::string& body : {nested, std::string(R"({"username":"a","password":1e999})"),
                                  std::string(R"({"username":"a","username":"b","password":"c"})")}) {
    auto reply = fetch(server.port(), "POST", "/api/v1/session", body);
    EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 300);
    EXPECT_LT(reply.body.size(), 1000u);
  }
  // ...beyond it, not even read; and 100 000 levels to a route that reads 1 MiB.
  const std::string deeper = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/session", deeper).status, 413);
  auto scope =
      fetch(server.port(), "POST", "/api/v1/scope", deeper, {{"Authorization", server.bearer("acme-auditor")}});
  EXPECT_EQ(scope.status, 400);
  EXPECT_NE(scope.body.find("nested deeper than 64 levels"), std::string::npos) << scope.body.substr(0, 300);
  EXPECT_EQ(fetch(server.port(), "GET", "/healthz").status, 200);
}

// --- 4. text that is not UTF-8 ------------------------------------------------

TEST(Hardening, TextThatIsNotUtf8IsA400AndNeverStored) {
  TestServer server;
  const std::string manager = server.bearer("acme-admin");
  const std::string base = "/api/v1/orgs/acme/documents";
  auto upload = fetch(server.port(), "POST", base + "/Policy/content?version=%ff%fe", "policy text",
                      {{"Authorization", manager}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(upload.status, 400) << upload.body;
  EXPECT_NE(upload.body.find("UTF-8"), std::string::npos) << upload.body;
  EXPECT_EQ(fetch(server.port(), "PUT", base + "/Bad%C3%28name", json{{"status", "draft"}}.dump(),
                  {{"Authorization", manager}})
                .status,
            400);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Authorization", manager}, {"X-Note", "\xff"}}).status,
            400);
  auto list = fetch(server.port(), "GET", base, {}, {{"Authorization", manager}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find("Policy"), std::string::npos);
  // Requests that never matched a route still log cleanly.
  EXPECT_EQ(fetch(server.port(), "GET", "/nowhere/%ff").status, 404);
  EXPECT_EQ(server.log().find("\"msg\":\"internal error\""), std::string::npos) << server.log();
}

// --- 5. connections and bodies ------------------------------------------------

TEST(Hardening, IdleConnectionsFromOneAddressCannotCrowdOutOthers) {
  server::ServerConfig config;
  config.max_connections_per_address = 32;
  TestServer server(config);
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 1100; ++i) idle.push_back(std::make_unique<Client>(server.port(), "127.0.0.2"));
  // A normal client from another address is served at once.
  auto reply = fetch(server.port(), "GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  // Beyond the per-address limit, the server closed the extra connections.
  int closed = 0;
  for (std::size_t i = 900; i < idle.size(); ++i) closed += idle[i]->closed_by_server(20ms);
  EXPECT_EQ(closed, 200);
}

TEST(Hardening, CredentialsAreCheckedBeforeALargeBodyIsRead) {
  TestServer server;
  Client client(server.port());
  // 20 MB announced, none sent: a stranger is refused without us waiting for it.
  client.send(
      "POST /api/v1/orgs/acme/incidents/INC-1/evidence?description=x HTTP/1.1\r\nHost: x\r\n"
      "Content-Length: 20000000\r\n\r\n");
  auto reply = client.read_reply(3s);
  EXPECT_EQ(reply.status, 401);
  EXPECT_TRUE(client.closed_by_server(2s));
}

TEST(Hardening, EvidenceUploadsHonourMaxEvidenceBytes) {
  server::ServerConfig config;
  config.max_evidence_bytes = 2 * 1024 * 1024;
  TestServer server(config);
  const std::string token = server.bearer("acme-responder");
  auto opened = open_any_incident(server, token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string path = "/api/v1/orgs/acme/incidents/INC-1/evidence?description=log&file_name=a.log";
  auto fits = fetch(server.port(), "POST", path, std::string(2 * 1024 * 1024, 'a'), {{"Authorization", token}});
  EXPECT_EQ(fits.status, 201) << fits.body;
  auto over = fetch(server.port(), "POST", path, std::string(2 * 1024 * 1024 + 1, 'a'), {{"Authorization", token}});
  EXPECT_EQ(over.status, 413);
  EXPECT_NE(over.body.find("2097152 bytes"), std::string::npos) << over.body;
}

// --- 6. /metrics --------------------------------------------------------------

TEST(Hardening, MetricsAreOffWithoutATokenAndNeedIt) {
  {
    TestServer server;
    EXPECT_EQ(fetch(server.port(), "GET", "/metrics").status, 404);
  }
  server::ServerConfig config;
  config.metrics_token = "a-metrics-token-of-some-length";
  TestServer server(config);
  EXPECT_EQ(fetch(server.port(), "GET", "/metrics").status, 401);
  EXPECT_EQ(fetch(server.port(), "GET", "/metrics", {}, {{"Authorization", "Bearer wrong"}}).status, 401);
  // Methods outside HTTP's own share one label, so no request adds a series.
  fetch(server.port(), "BREW", "/healthz");
  fetch(server.port(), "FROBNICATE", "/healthz");
  auto reply = fetch(server.port(), "GET", "/metrics", {}, {{"Authorization", "Bearer " + config.metrics_token}});
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.find("BREW"), std::string::npos);
  EXPECT_NE(reply.body.find(R"(method="other")"), std::string::npos) << reply.body;
  // No organisation is named unless the operator opts in.
  EXPECT_EQ(reply.body.find("acme"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("vigil_open_incidents 0"), std::string::npos) << reply.body;
}

TEST(Hardening, MetricsOnASeparateAddressAndOrganisationLabelsOnRequest) {
  server::ServerConfig config;
  config.metrics_listen = "127.0.0.1:0";
  config.metrics_org_labels = true;
  TestServer server(config);
  ASSERT_NE(server.server().metrics_port(), 0);
  auto reply = fetch(server.server().metrics_port(), "GET", "/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find(R"(vigil_open_incidents{org="acme"} 0)"), std::string::npos) << reply.body;
  EXPECT_EQ(fetch(server.server().metrics_port(), "GET", "/api/v1/orgs/acme").status, 404);
  // The main address still keeps them to itself.
  EXPECT_EQ(fetch(server.port(), "GET", "/metrics").status, 404);
}

TEST(Hardening, DownloadNamesCannotBreakTheContentDispositionHeader) {
  TestServer server;
  const std::string token = server.bearer("acme-responder");
  ASSERT_EQ(open_any_incident(server, token).status, 201);
  auto upload = fetch(server.port(), "POST",
                      "/api/v1/orgs/acme/incidents/INC-1/evidence?description=log&file_name=a%22b%20K%C3%B6ln.pdf",
                      "evidence", {{"Authorization", token}});
  ASSERT_EQ(upload.status, 201) << upload.body;
  const std::string sha = json::parse(upload.body)["evidence"][0]["sha256"];
  auto download =
      fetch(server.port(), "GET", "/api/v1/orgs/acme/incidents/INC-1/evidence/" + sha, {}, {{"Authorization", token}});
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.header("Content-Disposition"),
            "attachment; filename=\"a_b K_ln.pdf\"; filename*=UTF-8''a%22b%20K%C3%B6ln.pdf");
}

TEST(Hardening, DocumentUploadsAcceptTheirDocumentedTenMebibytes) {
  TestServer server;
  const std::string token = server.bearer("acme-compliance");
  const std::string path = "/api/v1/orgs/acme/documents/Incident%20response%20plan/content?version=1.0";
  auto fits = fetch(server.port(), "POST", path, std::string(10 * 1024 * 1024, 'p'),
                    {{"Authorization", token}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(fits.status, 201) << fits.body.substr(0, 300);
  // One byte more is refused from the Content-Length, before the body is sent.
  Client client(server.port());
  client.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + token +
              "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(10 * 1024 * 1024 + 1) + "\r\n\r\n");
  auto over = client.read_reply(3s);
  EXPECT_EQ(over.status, 413);
  EXPECT_NE(over.body.find("10485760 bytes"), std::string::npos) << over.body;
}

TEST(Hardening, ATransferEncodingOtherThanChunkedIsRefusedAndNothingIsSmuggled) {
  TestServer server;
  for (const std::string coding : {"gzip", "chunked, gzip", "chunked, chunked", "identity", ""}) {
    Client client(server.port());
    client.send("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                "\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 400) << coding;
    EXPECT_EQ(client.read_reply(std::chrono::milliseconds(500)).status, 0) << coding << ": a second request ran";
  }
  // Two Transfer-Encoding headers are refused too.
  Client client(server.port());
  client.send(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(client.read_reply().status, 400);
}

TEST(Hardening, NoRouteAndAnotherOrganisationAreAnsweredBeforeALargeBodyIsRead) {
  TestServer server;
  const std::string stranger = server.bearer("globex-admin");
  struct Case {
    std::string head;
    int status;
  };
  for (const Case& c : {Case{"POST /nope HTTP/1.1\r\n", 404}, Case{"POST /healthz HTTP/1.1\r\n", 405},
                        Case{"POST /api/v1/orgs/acme/incidents/INC-1/evidence?description=x HTTP/1.1\r\n"
                             "Authorization: " +
                                 stranger + "\r\n",
                             404}}) {
    Client client(server.port());
    client.send(c.head + "Host: x\r\nContent-Length: 20000000\r\n\r\n");
    auto reply = client.read_reply(3s);
    EXPECT_EQ(reply.status, c.status) << c.head;
    EXPECT_TRUE(client.closed_by_server(2s)) << c.head;
  }
  // A sign-in body is small: 16 KiB at most.
  auto big = fetch(server.port(), "POST", "/api/v1/session", std::string(16 * 1024 + 1, ' '));
  EXPECT_EQ(big.status, 413);
}

TEST(Hardening, AnInstantOutsideTheYearsVigilCanWriteIsA400NotA500) {
  TestServer server;
  const std::string token = server.bearer("acme-responder");
  auto reply = fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents",
                     incident_body("t", "0000-01-01T00:00:00+23:59", "UTC").dump(), {{"Authorization", token}});
  EXPECT_TRUE(answered(reply, 400, "awareness_time"));
}

TEST(Hardening, ProblemDocumentsEscapeAndBoundWhateverAHandlerQuoted) {
  TestServer server;
  const std::string token = server.bearer("acme-auditor");
  auto reply =
      fetch(server.port(), "GET", "/api/v1/orgs/acme/documents/a%1b%5b31mRED%e2%80%ae" + std::string(3000, 'x'), {},
            {{"Authorization", token}});
  EXPECT_TRUE(reply.status == 404 || reply.status == 400) << reply.status;
  auto detail = json::parse(reply.body)["detail"].get<std::string>();
  EXPECT_EQ(detail.find('\x1b'), std::string::npos) << detail;
  EXPECT_EQ(detail.find("\xE2\x80\xAE"), std::string::npos) << detail;
  EXPECT_LT(detail.size(), 2100u);
}

}  // namespace
}  // namespace vigil::test
