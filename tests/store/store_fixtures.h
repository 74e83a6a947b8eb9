// What the store suites share: a fresh directory for each test, and the
// incident entries they write (an opening, a submission), so that every suite
// stores the same record shapes.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/error.h"
#include "incident/incident.h"
#include "store/incident_store.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store::test {

// <tmp>/vigil-<prefix>-<pid>-<running test's name>, emptied and created.
inline std::filesystem::path fresh_test_dir(const std::string& prefix) {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             ("vigil-" + prefix + "-" + std::to_string(getpid()) + "-" + (info ? info->name() : "suite"));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// What opening a store answered: the store, or nullptr and a failed
// expectation showing the error.
template <class Store>
std::unique_ptr<Store> expect_opened(Result<std::unique_ptr<Store>> opened) {
  EXPECT_TRUE(opened) << describe(opened.error());
  return opened ? std::move(*opened) : nullptr;
}

// The opening of an incident at a cloud computing service provider in Berlin,
// aware at `awareness`, recorded by alice at `recorded`.
inline incident::EventDraft opened(const std::string& title = "Outage", const char* awareness = "2025-03-01T10:00:00Z",
                                   const char* recorded = "2025-03-02T12:00:00Z") {
  auto draft = incident::open_incident(
      {title, vigil::test::at(awareness), "Europe/Berlin", "digital_infrastructure.cloud_computing_service_provider",
       false, "alice", vigil::test::at(recorded)},
      tzdata::zones());
  EXPECT_TRUE(draft) << describe(draft.error());
  return *draft;
}

// A report of `type` submitted to the CSIRT at `when`, recorded by bob.
// `out_of_order`: accepted outside the Art. 23(4) order, for tests about
// storing entries (a progress report without a notification).
inline NextEntry submitting(incident::SubmissionType type, const char* when, bool out_of_order = false) {
  return [type, when, out_of_order](const incident::Incident& r) {
    return incident::submit(r,
                            {type, vigil::test::at(when), incident::Recipient::Csirt, "", "bob",
                             vigil::test::at("2025-03-05T00:00:00Z"), out_of_order},
                            tzdata::zones());
  };
}

// INC-1 (3 entries: the opening, an early warning, a notification) and INC-2
// (its opening) in the default organisation.
inline void seed_two_incidents(IncidentStore& store) {
  using incident::SubmissionType;
  ASSERT_TRUE(store.open_incident(kDefaultOrg, opened("first")));
  ASSERT_TRUE(
      store.append(kDefaultOrg, "INC-1", submitting(SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z", true)));
  ASSERT_TRUE(
      store.append(kDefaultOrg, "INC-1", submitting(SubmissionType::Notification, "2025-03-02T11:00:00Z", true)));
  ASSERT_TRUE(store.open_incident(kDefaultOrg, opened("second")));
}

}  // namespace vigil::store::test

// The names the store suites use unqualified.
namespace vigil::store {
namespace fs = std::filesystem;
namespace inc = vigil::incident;
using test::opened;
using vigil::test::at;
}  // namespace vigil::store
