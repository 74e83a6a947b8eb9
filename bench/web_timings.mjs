// Page timings of the web UI in headless Chromium (targets: docs/PERFORMANCE.md), from
// the browser's own performance timings, against `vigil serve --demo` on the
// loopback. Prints the compressed size of the initial JS + CSS, the first
// load (navigation timing), the time from a click to the page's data on
// screen for each page, and the dashboard with 1 000 open incidents (render
// time and the longest task while its countdowns tick).
//
//   node bench/web_timings.mjs --vigil build/release/vigil --dist build/release/web/dist [--runs 5]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { launchBrowser, parseArgs, startDemo } from '../web/tests/harness.mjs';

const args = parseArgs(process.argv);
const vigil = args.vigil || 'build/release/vigil';
const dist = args.dist || 'build/release/web/dist';
const runs = Number(args.runs || 5);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (ms) => `${ms.toFixed(1)} ms`;

// --- bundle size -------------------------------------------------------------
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let raw = 0, gz = 0, br = 0;
for (const file of initial) {
  const bytes = readFileSync(join(dist, file));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
  br += brotliCompressSync(bytes).length;
}
console.log(`initial JS + CSS (${initial.length} files, ${readdirSync(join(dist, 'assets')).length} in assets/): ${(raw / 1024).toFixed(1)} KiB, gzip -9 ${(gz / 1024).toFixed(1)} KiB, brotli ${(br / 1024).toFixed(1)} KiB`);

const demo = await startDemo(vigil);
const { context, close } = await launchBrowser();
const page = context.pages()[0] ?? await context.newPage();
const base = demo.url;

async function signIn() {
  await page.goto(base + '/sign-in');
  await page.getByLabel('Username').fill('demo-manager');
  await page.getByLabel('Password').fill(demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('dashboard-incidents').waitFor();
}

// Milliseconds from the click on `link` to `ready` being visible, measured by
// the page's clock (performance.now()).
async function clickToData(link, ready) {
  await page.evaluate(() => { window.__t0 = performance.now(); });
  await link.click();
  await ready.waitFor();
  return page.evaluate(() => performance.now() - window.__t0);
}

try {
  // First load of a deep link, signed in: navigation timing of index.html and its assets.
  await signIn();
  const firstLoad = [];
  const toData = [];
  for (let i = 0; i < runs; i += 1) {
    await page.goto(base + '/orgs/nebulon/dashboard', { waitUntil: 'load' });
    await page.getByTestId('dashboard-incidents').waitFor();
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, data: performance.now() };
    });
    firstLoad.push(t.load);
    toData.push(t.data);
  }
  console.log(`first load of /orgs/nebulon/dashboard (median of ${runs}): load event ${fmt(median(firstLoad))}, countdowns on screen by ${fmt(median(toData))}`);

  const pages = [
    ['incidents', () => page.getByRole('link', { name: 'Incidents', exact: true }), () => page.locator('.incident-list li').first()],
    ['incident INC-1', () => page.getByRole('link', { name: /INC-1/ }).first(), () => page.getByTestId('clocks').getByTestId('clock').first()],
    ['documents', () => page.getByRole('link', { name: 'Documents' }), () => page.locator('table tbody tr').first()],
    ['gap assessments', () => page.getByRole('link', { name: 'Gap assessments' }), () => page.getByTestId('gap-history').locator('li').first()],
    ['scoping (first question)', () => page.getByRole('link', { name: 'Scoping' }), () => page.getByTestId('scoping-question')],
    ['knowledge search page', () => page.getByRole('link', { name: 'Knowledge base' }), () => page.getByLabel(/Search requirements/)],
    ['coverage (from the knowledge page)', () => page.getByRole('link', { name: /^Coverage: how far/ }), () => page.getByTestId('coverage-requirements').locator('tbody tr').first()],
    ['dashboard', () => page.getByRole('link', { name: 'Dashboard' }), () => page.getByTestId('dashboard-incidents')],
  ];
  const timings = Object.fromEntries(pages.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const [name, link, ready] of pages) {
      if (name === 'incident INC-1') await page.getByRole('link', { name: 'Incidents', exact: true }).click();
      timings[name].push(await clickToData(link(), ready()));
    }
  }
  for (const [name, xs] of Object.entries(timings)) {
    console.log(`click -> data on screen, ${name}: median ${fmt(median(xs))}, max ${fmt(Math.max(...xs))} (${runs} runs)`);
  }

  // 1 000 open incidents on the dashboard.
  const started = Date.now();
  const opens = [];
  for (let i = 0; i < 1000; i += 1) {
    const awareness = new Date(started - (i % 96) * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    opens.push(fetch(base + '/api/v1/orgs/nebulon/incidents', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + demo.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: `Load test incident ${i}`, awareness_time: awareness, timezone: 'Europe/Berlin',
                             entity_type: 'digital_infrastructure.cloud_computing_service_provider' }),
    }).then((r) => { if (r.status !== 201) throw new Error('open: HTTP ' + r.status); }));
    if (opens.length >= 16) await Promise.all(opens.splice(0));
  }
  await Promise.all(opens);
  const big = [];
  const first = [];
  const shownFirst = [];
  const api = [];
  let longest = 0;
  let tickMax = 0;
  for (let i = 0; i < runs; i += 1) {
    // From a light page, so that only the dashboard's own work is timed.
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await page.evaluate(() => performance.clearResourceTimings());
    shownFirst.push(await clickToData(page.getByRole('link', { name: 'Dashboard' }), page.getByTestId('dashboard-incidents').locator('li').first()));
    await page.getByTestId('dashboard-incidents').locator('li').nth(999).waitFor();
    big.push(await page.evaluate(() => performance.now() - window.__t0));
    const t = await page.evaluate(() => {
      const r = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dashboard'));
      return { api: r ? r.responseEnd - r.startTime : NaN, size: r ? r.decodedBodySize : 0 };
    });
    api.push(t.api);
    first.push(t.size);
  }
  // While the 1 002 countdowns tick for 5 s: the longest task and the longest frame of a tick.
  const responsiveness = await page.evaluate(() => new Promise((resolve) => {
    let longTask = 0;
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTask = Math.max(longTask, e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    let frame = 0;
    const tick = () => {
      const now = performance.now();
      frame = Math.max(frame, now - last);
      last = now;
      if (now - start < 5000) requestAnimationFrame(tick);
      else { observer.disconnect(); resolve({ longTask, frame }); }
    };
    const start = performance.now();
    requestAnimationFrame(tick);
  }));
  longest = responsiveness.longTask;
  tickMax = responsiveness.frame;
  const rows = await page.getByTestId('dashboard-incidents').locator('li').count();
  console.log(`dashboard with ${rows} open incidents: GET .../dashboard ${fmt(median(api))} (${(first[0] / 1024).toFixed(0)} KiB JSON); ` +
              `click -> first incidents on screen median ${fmt(median(shownFirst))}, max ${fmt(Math.max(...shownFirst))}; ` +
              `all ${rows} on screen median ${fmt(median(big))}, max ${fmt(Math.max(...big))}; ` +
              `while ticking 5 s: longest task ${fmt(longest)}${longest === 0 ? ' (none over 50 ms)' : ''}, longest frame ${fmt(tickMax)}`);
} finally {
  await close();
  await demo.stop();
}
