// State shared by every page: who is signed in (with the CSRF token the API
// gave for this session) and a clock that ticks once a second for countdowns.
export const app = $state({
  session: null,   // { username, csrf_token, organisations: [{ org, role }] } or null
  checked: false,  // GET /api/v1/session has answered once
  now: Date.now(),
});

setInterval(() => { app.now = Date.now(); }, 1000);

// The caller's role in `org`, or null when not a member.
export function roleIn(org) {
  const m = app.session?.organisations?.find((o) => o.org === org);
  return m ? m.role : null;
}

// Roles that may record incident entries (the server's kIncidentWriters).
export function canWriteIncidents(org) {
  const role = roleIn(org);
  return role === 'admin' || role === 'responder';
}
