// The Art. 23(4) reporting clock over HTTP: the same parse_clock_input and
// compute_deadlines as `vigil deadlines` (incident/clock_input, deadlines), and
// the same JSON as `vigil deadlines --format json` (incident/deadlines_json).
// A pure computation on the caller's input: any signed-in user may ask,
// nothing is stored.
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "incident/clock_input.h"
#include "incident/deadlines.h"
#include "incident/deadlines_json.h"
#include "server/app.h"
#include "tzdata/zones.h"

namespace vigil::server {

namespace {

namespace inc = vigil::incident;

// POST /api/v1/deadlines?convention=elapsed-time|reg-1182-71: the body is the
// JSON `vigil deadlines --input` reads; the convention is its --convention.
Result<Response> deadlines(Context& c) {
  auto convention =
      TRY(inc::parse_convention(c.request.query_param("convention").value_or("elapsed-time"), "convention"));
  auto body = TRY(parse_json(c.request.body, "body"));
  auto input = TRY(inc::parse_clock_input(body, "body", tzdata::locate, convention));
  auto computed = inc::compute_deadlines(input);
  // The domain names the field; on the wire it is a field of the body.
  if (!computed) return tl::unexpected(prefixed(std::move(computed).error(), "body: "));
  return json_response(inc::deadlines_json(input, *computed).dump());
}

}  // namespace

void add_clock_routes(const RouteGroups& api) {
  api.signed_in
      .add("POST", "/deadlines",
           "When each Art. 23(4) report (and a GDPR Art. 33 breach notification) is due: the incident JSON of "
           "`vigil deadlines` (awareness_time, timezone, ...); ?convention=elapsed-time|reg-1182-71; the answer "
           "is `vigil deadlines --format json`.",
           deadlines)
      .reads("convention", "How periods are counted: elapsed-time (default) or reg-1182-71")
      .takes("DeadlinesRequest")
      .answers("Deadlines");
}

}  // namespace vigil::server
