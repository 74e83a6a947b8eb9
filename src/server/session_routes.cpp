// Signing in and out of the browser UI. The session id
// travels only in an HttpOnly, SameSite=Strict cookie; the CSRF token comes
// back in the body for the page to send as X-CSRF-Token.
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "server/app.h"
#include "server/credentials.h"
#include "server/problem.h"

namespace vigil::server {

namespace {

// The session cookie is never readable by scripts (HttpOnly) nor sent by other
// sites (SameSite=Strict); Secure when the deployment says HTTPS is in front.
std::string cookie_attributes(const Context& c) {
  return std::string("; HttpOnly; SameSite=Strict; Path=/") + (c.services.config.secure_cookies ? "; Secure" : "");
}

constexpr std::string_view kCookie = "vigil_session";
constexpr std::size_t kMaxUsernameBytes = 64;  // as `vigil user add` allows
constexpr std::size_t kMaxPasswordBytes = 1024;

nlohmann::json organisations_json(const std::vector<store::Membership>& memberships) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : memberships) list.push_back({{"org", m.organisation_slug}, {"role", store::to_string(m.role)}});
  return list;
}

// A fixed Argon2id hash to check against when the user does not exist, so an
// unknown username takes as long as a wrong password.
const std::string& decoy_hash(HashCost cost) {
  if (cost == HashCost::Minimal) {
    static const std::string minimal = hash_password("decoy", HashCost::Minimal).value_or("");
    return minimal;
  }
  if (cost == HashCost::Interactive) {
    static const std::string interactive = hash_password("decoy", HashCost::Interactive).value_or("");
    return interactive;
  }
  static const std::string server = hash_password("decoy", HashCost::Server).value_or("");
  return server;
}

Response too_many(const Context& c, std::string_view detail, std::chrono::seconds retry_after) {
  Response r = problem(429, detail, c.request_id);
  r.set_header("Retry-After", std::to_string(retry_after.count()));
  return r;
}

Result<Response> sign_in(Context& c) {
  auto input = TRY(parse_json(c.request.body, "body"));
  JsonObjectReader reader(input, "body");
  auto username = reader.text("username", Presence::Required, kMaxUsernameBytes);
  auto password = reader.secret("password", kMaxPasswordBytes);
  TRY(reader.finish());

  // At most a few sign-ins are in progress at once: the rest are told to
  // retry at once instead of holding a worker thread.
  auto& throttle = c.services.throttle;
  auto entered = throttle.enter();
  if (!entered)
    return too_many(c, "the server is busy signing others in; try again in a moment", std::chrono::seconds{1});

  // Checked and counted in one step, so parallel guesses all count.
  const std::string& address = c.request.remote_address;
  auto admission = throttle.begin(*username, address, c.now);
  if (!admission.admitted) {
    return too_many(c,
                    admission.busy ? "the server is busy signing others in; try again in a moment"
                                   : "too many failed sign-ins; try again later",
                    admission.retry_after);
  }
  // Whatever happens below, the attempt ends with an outcome (a database
  // error is not a guess).
  auto outcome = LoginThrottle::Outcome::NotEvaluated;
  struct Ended {
    LoginThrottle& throttle;
    const std::string& username;
    const std::string& address;
    Instant now;
    LoginThrottle::Outcome& outcome;
    ~Ended() { throttle.finish(username, address, now, outcome); }
  } ended{throttle, *username, address, c.now, outcome};

  auto user = c.services.accounts->find_user(*username);
  if (!user && user.error().code != ErrorCode::NotFound) return tl::unexpected(user.error());
  bool ok = false;
  {
    // Argon2id is memory-hard: only a few verifications run at once.
    auto slot = throttle.verification_slot();
    if (!slot)
      return too_many(c, "the server is busy signing others in; try again in a moment", std::chrono::seconds{1});
    ok = user ? verify_password(*password, user->password_hash)
              : (verify_password(*password, decoy_hash(c.services.hash_cost)), false);
    outcome = ok ? LoginThrottle::Outcome::Succeeded : LoginThrottle::Outcome::Failed;
    if (ok && needs_rehash(user->password_hash, c.services.hash_cost)) {
      // Stored with other parameters (an older vigil's 256 MiB): bring it to today's.
      if (auto rehashed = hash_password(*password, c.services.hash_cost)) {
        TRY(c.services.accounts->set_password_hash(user->id, *rehashed));
      }
    }
  }
  if (!ok) return fail(ErrorCode::Unauthorized, "", "wrong username or password");
  // Said only to someone who knows the password.
  if (user->disabled_at) return fail(ErrorCode::Forbidden, "", "this account is disabled; ask an administrator");

  std::string session_id = random_token();
  store::Session session{sha256_hex(session_id), user->id, random_token(), c.now,
                         c.now + std::chrono::hours(c.services.config.session_hours)};
  TRY(c.services.accounts->add_session(session));
  auto memberships = TRY(c.services.accounts->memberships(user->id));
  nlohmann::json body = {{"username", user->username},
                         {"csrf_token", session.csrf_token},
                         {"expires_at", format_utc(session.expires_at)},
                         {"organisations", organisations_json(memberships)}};
  Response r = json_response(body.dump(), 201);
  r.set_header("Set-Cookie", std::string(kCookie) + "=" + session_id + cookie_attributes(c) +
                                 "; Max-Age=" + std::to_string(c.services.config.session_hours * 3600));
  return r;
}

Result<Response> who_am_i(Context& c) {
  nlohmann::json body = {{"username", c.principal->username},
                         {"organisations", organisations_json(c.principal->memberships)}};
  if (c.principal->via_cookie) body["csrf_token"] = c.principal->csrf_token;
  return json_response(body.dump());
}

Result<Response> sign_out(Context& c) {
  if (c.principal->via_cookie) TRY(c.services.accounts->delete_session(c.principal->session_hash));
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.set_header("Set-Cookie", std::string(kCookie) + "=" + cookie_attributes(c) + "; Max-Age=0");
  return r;
}

}  // namespace

void add_session_routes(const RouteGroups& api) {
  // A sign-in body is a username and a password: 16 KiB is plenty, and a
  // stranger's body is read before anything else is known about them.
  api.everyone
      .add("POST", "/api/v1/session",
           "Sign in with username and password (a body of at most 16 KiB); sets the session cookie and returns "
           "the CSRF token.",
           sign_in)
      .takes("SignIn")
      .answers("Session", {201})
      .body_limit = 16 * 1024;
  api.signed_in.add("GET", "/session", "Who is signed in, and their organisations.", who_am_i).answers("Session");
  api.signed_in.add("DELETE", "/session", "Sign out (ends the cookie session).", sign_out).answers("", {204});
}

}  // namespace vigil::server
