// The facts a report draft can take from the record itself, so that the
// handler is not asked again for what Vigil already holds: what the latest
// significance assessment says about a malicious cause and about the impact
// (users, durations, money, data), each value saying where it comes from.
// Facts recorded with `incident update --fact` come after these and win.
#pragma once

#include "incident/incident.h"
#include "incident/report_content.h"

namespace vigil::incident {

// Derived facts first, then the recorded ones (draft_report takes the last
// value of an id). A fact the assessment left unknown is not derived: unknown
// is not "no".
Facts facts_for_reports(const Incident& incident);

}  // namespace vigil::incident
