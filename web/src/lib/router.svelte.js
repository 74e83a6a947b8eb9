// History-API routing: every page has a stable URL (deep links, back button).
// The server answers any non-API path that asks for HTML with index.html.
export const route = $state({ path: location.pathname, search: location.search });

const routes = [
  ['sign-in', /^\/sign-in$/],
  ['home', /^\/$/],
  ['dashboard', /^\/orgs\/([^/]+)\/dashboard$/],
  ['incidents', /^\/orgs\/([^/]+)\/incidents$/],
  ['incident-new', /^\/orgs\/([^/]+)\/incidents\/new$/],
  ['incident', /^\/orgs\/([^/]+)\/incidents\/([^/]+)$/],
  ['documents', /^\/orgs\/([^/]+)\/documents$/],
  ['suppliers', /^\/orgs\/([^/]+)\/suppliers$/],
  ['assessments', /^\/orgs\/([^/]+)\/assessments$/],
  ['admin', /^\/orgs\/([^/]+)\/admin$/],
  ['scoping', /^\/orgs\/([^/]+)\/scoping$/],
  ['knowledge', /^\/knowledge$/],
  ['exercises', /^\/exercises$/],
  ['exercise-live', /^\/orgs\/([^/]+)\/exercises\/([^/]+)$/],
  ['coverage', /^\/coverage$/],
  ['standard', /^\/standards\/([^/]+)$/],
  ['knowledge-item', /^\/knowledge\/([^/]+)$/],
];

// { name, org?, id? } for a path; name 'not-found' when nothing matches.
export function match(path) {
  for (const [name, re] of routes) {
    const m = re.exec(path);
    if (m) {
      const out = { name };
      try {
        if (name === 'knowledge-item' || name === 'standard') out.id = decodeURIComponent(m[1]);
        else if (m[1] !== undefined) out.org = decodeURIComponent(m[1]);
        if (m[2] !== undefined) out.id = decodeURIComponent(m[2]);
      } catch {
        return { name: 'not-found' };
      }
      return out;
    }
  }
  return { name: 'not-found' };
}

function update() {
  route.path = location.pathname;
  route.search = location.search;
}

export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  update();
  window.scrollTo(0, 0);
}

export function orgPath(org, rest = '') {
  return `/orgs/${encodeURIComponent(org)}${rest}`;
}

window.addEventListener('popstate', update);

// Same-origin links navigate without a reload.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest && event.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
