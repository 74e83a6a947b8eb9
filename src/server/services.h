// What every handler can reach: the stores, the configuration, the clock and
// the shared counters. Built once by the server and passed by reference, so a
// test can assemble one with an in-memory database and a fixed clock.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/time.h"
#include "server/config.h"
#include "server/credentials.h"
#include "server/dashboard_cache.h"
#include "server/login_throttle.h"
#include "server/metrics.h"
#include "store/accounts.h"
#include "store/chain_seals.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"
#include "store/supplier_store.h"

namespace vigil::server {

struct Services {
  std::unique_ptr<store::AccountStore> accounts;
  std::unique_ptr<store::IncidentStore> incidents;     // incidents and their event log
  std::unique_ptr<store::ComplianceStore> compliance;  // gap assessments, documents, approvals
  std::unique_ptr<store::SupplierStore> suppliers;     // the supplier register of each organisation
  std::unique_ptr<store::ExerciseStore> exercises;     // live exercises: clock and log (store/exercise_store.h)
  std::unique_ptr<store::SealRecords> seals;           // the sealed chain heads (store/chain_seals.h)
  store::SealerRef sealer;                             // the seal key, when configured (nullptr: none)
  ServerConfig config;
  std::function<Instant()> clock;
  HashCost hash_cost = HashCost::Server;
  LoginThrottle throttle;
  Metrics metrics;
  // Extra gauges for /metrics (open incidents, overdue deadlines), filled by
  // whoever owns the data.
  std::vector<std::function<std::vector<Gauge>(Services&)>> gauges;
  DashboardCache dashboards;  // rendered dashboards of the current second
};

}  // namespace vigil::server
