// The fixture the incident route tests share: a test server, a responder's
// and an auditor's bearer token, POST/GET helpers and one incident opened.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {

inline const std::string kIncidents = "/api/v1/orgs/acme/incidents";

class IncidentApi : public testing::Test {
 protected:
  TestServer server;
  std::string responder = server.bearer("acme-responder");
  std::string auditor = server.bearer("acme-auditor");

  // POST as the responder, with any further headers.
  Reply post(const std::string& path, const std::string& body,
             std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.emplace_back("Authorization", responder);
    return fetch(server.port(), "POST", path, body, extra);
  }
  Reply get(const std::string& path, const std::string& token) {
    return fetch(server.port(), "GET", path, "", {{"Authorization", token}});
  }
  // Opens INC-1 titled `title`, aware 2026-03-02 08:00 UTC (09:00 Berlin);
  // returns its ETag.
  std::string open_one(const std::string& title = "TSP outage") {
    auto reply = post(kIncidents, incident_body(title).dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.header("ETag").value_or("");
  }
};

}  // namespace vigil::test
