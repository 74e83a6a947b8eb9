// The web UI in a real browser: Debian's Chromium driven by
// playwright-core against `vigil serve --demo`. Walks what people do in an
// incident, checks every page with axe-core (no serious or critical
// violation) and that the Content-Security-Policy refused nothing. On a
// failure the page's screenshot and HTML are kept in --out.
//
//   node web/tests/ui.test.mjs --vigil build/release/vigil --out build/release/web-test
//   node web/tests/ui.test.mjs --url http://127.0.0.1:8080 --password PW --out /tmp/shots
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchBrowser, parseArgs, startDemo } from './harness.mjs';

const args = parseArgs(process.argv);
const vigil = args.vigil || 'build/release/vigil';
const out = args.out || 'build/release/web-test';
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let passed = 0;
const failures = [];
const cspViolations = [];
const pageErrors = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function axe(page, name) {
  await page.evaluate(axeSource + '\n;0');
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(!bad.length, `axe-core on ${name}: ` + bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; '));
}

// --url and --password test a demo server already running (e.g. while developing).
const demo = args.url ? { url: args.url, password: args.password, stop: async () => {} } : await startDemo(vigil);
const { context, close } = await launchBrowser();
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(10000);
page.on('console', (msg) => {
  if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
});
page.on('pageerror', (e) => pageErrors.push(String(e)));
const base = demo.url;

async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(name);
    const file = join(out, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
    console.log(`FAIL ${name}\n     ${String(e.message).split('\n').join('\n     ')}\n     at ${page.url()}; screenshot ${file}.png`);
    await page.screenshot({ path: file + '.png', fullPage: true }).catch(() => {});
    writeFileSync(file + '.html', await page.content().catch(() => ''));
  }
}

let incidentUrl = '';

try {
  await step('a deep link while signed out leads to sign-in and back', async () => {
    await page.goto(base + '/orgs/nebulon/incidents');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await axe(page, 'sign-in');
  });

  await step('a wrong password is explained next to the form', async () => {
    await page.getByLabel('Username').fill('demo-responder');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('wrong username or password').waitFor();
    await axe(page, 'sign-in with an error');
  });

  await step('sign in as the responder; the role is shown', async () => {
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(base + '/orgs/nebulon/incidents');
    await page.getByTestId('user').getByText('responder').waitFor();
  });

  await step('dashboard: live countdowns in local time and UTC, due-if-significant marked', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/dashboard$/);
    const clocks = page.getByTestId('dashboard-incidents').getByTestId('clock');
    await clocks.first().waitFor();
    check(await clocks.count() >= 2, 'expected a clock per open demo incident');
    const countdown = clocks.first().locator('.countdown');
    const before = await countdown.textContent();
    check(/due in|overdue by/.test(before), 'countdown text: ' + before);
    await page.waitForTimeout(1300);
    check(await countdown.textContent() !== before, 'the countdown does not tick');
    check((await clocks.first().locator('.utc').textContent()).includes('UTC'), 'no UTC time');
    check(/CET|CEST|GMT\+1|GMT\+2/.test(await clocks.first().locator('time').textContent()), 'no local zone named');
    await page.getByText('due if significant').first().waitFor();
    await page.getByText('readiness score').waitFor();
    await page.getByTestId('waiting-approvals').getByText('0 uploaded versions waiting').waitFor();
    await axe(page, 'dashboard');
  });

  await step('dashboard: exercises documented versus performed, report latencies as chart and table, supplier concentration', async () => {
    // The demo's exercise ended six weeks ago: per requirement its date, rating and reports on time.
    const results = page.getByTestId('exercise-results');
    await results.waitFor();
    const row = (id) => results.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });
    const handling = row('rm.incident_handling');
    check(/EX-\d+/.test(await handling.textContent()), 'incident handling names its exercise: ' + await handling.textContent());
    check(/\bP\b.*performed without challenges/.test(await handling.textContent()), 'incident handling rated P: ' + await handling.textContent());
    check((await row('rm.crisis_management').textContent()).includes('M'), 'crisis management rated M (the DPO never involved)');
    const early = await row('rep.early_warning').textContent();
    check(/\bS\b/.test(early) && early.includes('2 of 3 on time, 1 late'), 'the reports row: ' + early);
    check((await handling.getByText(/next test due by \d{4}-\d{2}-\d{2}/).count()) === 1, 'the next test date is shown');
    // A requirement the exercise did not test is flagged.
    check(await results.getByText('testing overdue: never exercised').count() >= 1, 'no requirement flagged as overdue');
    check(/Exercises ended: 1 · under way: 0 · .*: [1-9]\d* of \d+\./.test(await page.getByTestId('dashboard-exercises').locator('p').first().textContent()), 'the counts line');
    // The latencies of the real incidents: an SVG chart with a text alternative and the same figures as a table.
    const chart = page.getByTestId('latency-chart');
    check((await chart.getAttribute('role')) === 'img', 'the chart is an image to assistive technology');
    const label = await chart.getAttribute('aria-label');
    check(/INC-3: early warning 9 h 00 min, incident notification 2 d 02 h/.test(label), 'the chart says its figures: ' + label);
    check(await chart.locator('line.deadline').count() === 2, 'the 24 h and 72 h marks are drawn');
    const latencies = page.getByTestId('latency-table').locator('tbody tr');
    check(await latencies.count() === 4, 'one row per real incident (the exercise incident is not one): ' + await latencies.count());
    check((await latencies.first().textContent()).includes('20 d 00 h'), 'the final report latency: ' + await latencies.first().textContent());
    check((await latencies.last().textContent()).includes('not sent'), 'a report not sent says so');
    check(/UTC/.test(await latencies.first().textContent()), 'awareness in UTC too');
    // Supplier concentration from the demo register.
    const suppliers = page.getByTestId('dashboard-suppliers');
    await suppliers.getByText(/Critical functions: \d+ · single points of failure: \d+/).waitFor();
    check(await suppliers.locator('li').count() >= 1, 'the most concentrated suppliers are listed');
    await axe(page, 'dashboard with exercises');
    await page.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });
    // The exercise is linked: its page shows the score.
    await handling.getByRole('link', { name: /EX-\d+/ }).click();
    await page.waitForURL(/\/orgs\/nebulon\/exercises\/EX-\d+$/);
    await page.getByTestId('live-state').getByText('ended').waitFor();
    await page.getByTestId('live-score').waitFor();
    await page.goBack();
    await page.getByTestId('exercise-results').waitFor();
  });

  await step('the open-incident form shows the API\'s problems at their fields', async () => {
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('link', { name: 'Open an incident' }).click();
    await page.waitForURL(/\/incidents\/new$/);
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.locator('#entity_type-error').waitFor();
    check((await page.locator('#entity_type').getAttribute('aria-invalid')) === 'true', 'entity type not marked invalid');
    await axe(page, 'open-incident form with errors');
  });

  await step('open an incident that became known 30 hours ago', async () => {
    const d = new Date(Date.now() - 30 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await page.getByLabel('Title').fill('Browser test: DDoS on the API gateway');
    await page.getByLabel(/Became aware at/).fill(local);
    await page.getByLabel(/Time zone of the incident/).fill('Europe/Berlin');
    await page.getByLabel('Entity type').selectOption('digital_infrastructure.cloud_computing_service_provider');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/incidents\/INC-\d+$/);
    incidentUrl = page.url();
    await page.getByRole('heading', { name: /DDoS on the API gateway/ }).waitFor();
    const clocks = page.getByTestId('clocks').getByTestId('clock');
    check(await clocks.count() >= 3, 'expected the Art. 23(4) clocks');
    await page.getByTestId('clocks').locator('.clock.overdue').first().waitFor();
    await axe(page, 'incident page');
  });

  await step('assess with unknown facts: undetermined, unknown stays unknown, clocks stay', async () => {
    await page.getByLabel('Complete unavailability (minutes)').fill('20');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByTestId('significance').getByText('undetermined').waitFor();
    await page.getByTestId('verdict').getByText('Still open').waitFor();
    check(await page.getByTestId('clocks').getByTestId('clock').count() >= 3, 'the clocks disappeared');
    const id = incidentUrl.split('/').pop();
    const inputs = await page.evaluate(async (path) => (await (await fetch(path)).json()).assessments.at(-1).inputs, `/api/v1/orgs/nebulon/incidents/${id}`);
    check(inputs.complete_unavailability_minutes === 20, 'the known fact was not sent: ' + JSON.stringify(inputs));
    check(!('death' in inputs) && !('data_compromise' in inputs), 'an unknown fact was sent as known: ' + JSON.stringify(inputs));
    await axe(page, 'incident page after assessment');
  });

  await step('record a decision with what is known and unknown', async () => {
    await page.getByLabel('Decision', { exact: true }).fill('Enable upstream scrubbing');
    await page.locator('#d-rationale').fill('Traffic exceeds what the gateway absorbs');
    await page.getByLabel('Options considered (one per line)').fill('Scrub upstream\nRate-limit only');
    await page.getByLabel('What was known (one per line)').fill('40 Gbit/s of SYN traffic');
    await page.getByLabel('What was not known (one per line)').fill('Who is behind it');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByTestId('decisions').getByText('Enable upstream scrubbing').waitFor();
    await page.getByTestId('decisions').getByText('Who is behind it').waitFor();
  });

  await step('upload evidence and see its SHA-256', async () => {
    const content = Buffer.from('2026-11-30T10:00:00Z gateway SYN flood detected\n');
    const sha = createHash('sha256').update(content).digest('hex');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'gateway.log', mimeType: 'text/plain', buffer: content });
    await page.getByLabel('What the evidence shows').fill('Gateway log of the flood');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByTestId('stored-hash').getByText(sha).waitFor();
    await page.getByTestId('evidence').getByText(sha).waitFor();
  });

  await step('submit the early warning late and see it marked late', async () => {
    await page.getByLabel('Report', { exact: true }).first().selectOption('early-warning');
    await page.getByRole('button', { name: 'Record the submission' }).click();
    await page.getByTestId('submissions').getByText(/late by/).waitFor();
    await axe(page, 'incident page with a late submission');
  });

  await step('a report draft can be shown and copied', async () => {
    await page.getByRole('button', { name: 'Show the draft' }).click();
    await page.locator('pre.draft').getByText('Early warning').first().waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('status').getByText(/Copied|Selected/).waitFor();
  });

  await step('verify the trail, then close the incident', async () => {
    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    await page.getByTestId('verify').getByText(/^Intact: \d+ incidents/).waitFor();
    await page.goto(incidentUrl);
    await page.getByLabel('Summary (optional)').fill('Scrubbing held; no data affected');
    await page.getByRole('button', { name: 'Close the incident' }).click();
    await page.getByTestId('closure').getByText(/Closed by demo-responder/).waitFor();
    await page.getByTestId('significance').waitFor();
    await axe(page, 'closed incident');
  });

  await step('deep link reload and the back button', async () => {
    await page.reload();
    await page.getByRole('heading', { name: /DDoS on the API gateway/ }).waitFor();
    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
    await page.waitForURL(/\/incidents$/);
    await page.goBack();
    await page.waitForURL(incidentUrl);
    await page.getByRole('heading', { name: /DDoS on the API gateway/ }).waitFor();
  });

  await step('another organisation\'s incident is "not found"', async () => {
    await page.goto(base + '/orgs/globex/incidents/INC-1');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await page.goto(base + '/orgs/nebulon/incidents/INC-999');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await axe(page, 'not found');
  });

  await step('360 px wide: nothing overflows sideways', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      for (const path of ['/orgs/nebulon/dashboard', new URL(incidentUrl).pathname, '/orgs/nebulon/documents', '/knowledge/A.8.13']) {
        await page.goto(base + path);
        await page.locator('h1').first().waitFor();
        await page.waitForTimeout(200);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        check(width <= 360, `${path} is ${width} px wide at 360`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(incidentUrl);
    }
  });

  await step('German: the same page in the other language', async () => {
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Fristen (Art. 23 Abs. 4 NIS2)' }).waitFor();
    check((await page.locator('html').getAttribute('lang')) === 'de', 'html lang not de');
    await axe(page, 'incident page in German');
    await page.getByLabel('Sprache').selectOption('en');
  });

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
  }
  async function signIn(user) {
    await context.clearCookies();  // a failed step before must not leave its user signed in
    await page.goto(base + '/orgs/nebulon/documents');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/documents$/);
  }
  const docContent = Buffer.from('Cloud services register of Nebulon, version 1.0\n');
  const docSha = createHash('sha256').update(docContent).digest('hex');

  await step('knowledge base: search as you type, an item with its mapping both ways', async () => {
    await page.getByRole('link', { name: 'Knowledge base' }).click();
    await page.waitForURL(/\/knowledge$/);
    await page.getByLabel(/Search requirements/).pressSequentially('backup', { delay: 30 });
    await page.getByTestId('kb-results').getByRole('link', { name: /A\.8\.13/ }).waitFor();
    await page.waitForURL(/\/knowledge\?q=backup$/);
    await axe(page, 'knowledge search');
    await page.getByTestId('kb-results').getByRole('link', { name: /A\.8\.13/ }).click();
    await page.waitForURL(/\/knowledge\/A\.8\.13$/);
    await page.getByRole('heading', { name: /Information backup/ }).waitFor();
    await page.getByRole('heading', { name: /Mapping NIS2/ }).waitFor();
    await page.getByRole('link', { name: 'rm.backup_management' }).first().click();
    await page.getByRole('heading', { name: /Backup management/ }).waitFor();
    await axe(page, 'knowledge item');
    await page.goBack();
    await page.getByRole('heading', { name: /Information backup/ }).waitFor();
    await page.goto(base + '/knowledge/no.such.item');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  await step('sign out; a deep link then asks to sign in again', async () => {
    await signOut();
    await page.goto(base + '/orgs/nebulon/dashboard');
    await page.waitForURL(/\/sign-in\?next=/);
  });

  await step('compliance uploads a version of a document and sees its SHA-256', async () => {
    await signIn('demo-compliance');
    await page.getByLabel('Document', { exact: true }).selectOption('Cloud services register');
    await page.getByLabel('Version', { exact: true }).fill('1.0');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'register.txt', mimeType: 'text/plain', buffer: docContent });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByTestId('doc-hash').getByText(docSha).waitFor();
    await page.getByTestId('waiting').locator('li', { hasText: 'Cloud services register' }).getByText(docSha).waitFor();
    check(await page.getByRole('button', { name: 'Approve…' }).count() === 0, 'compliance is offered to approve');
    await axe(page, 'documents (compliance)');
    await signOut();
  });

  await step('compliance uploads an SoA with an error and sees its line, then a good one', async () => {
    await signIn('demo-compliance');
    await page.getByRole('link', { name: 'Gap assessments' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/assessments$/);
    await page.getByTestId('gap-history').locator('li').nth(1).waitFor();
    // Line 3 holds a quoted justification spanning two lines, so the bad row starts on line 5.
    const bad = 'control,applicable,justification,status\n' +
                'A.5.1,yes,,implemented\n' +
                'A.5.2,yes,"Roles, as agreed\nwith the board",implemented\n' +
                'A.9.99,yes,,implemented\n';
    await page.locator('#soa-file').setInputFiles({ name: 'soa.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Run the assessment' }).click();
    await page.getByTestId('soa-errors').getByText(/soa\.csv, line 5 \(control\): unknown control 'A\.9\.99'/).waitFor();
    await axe(page, 'gap assessments with errors');
    const good = readFileSync(new URL('../../examples/soa.csv', import.meta.url));
    await page.locator('#soa-file').setInputFiles({ name: 'soa.csv', mimeType: 'text/csv', buffer: good });
    await page.getByRole('button', { name: 'Run the assessment' }).click();
    await page.getByTestId('gap-created').getByText(/overall score \d/).waitFor();
    await page.getByTestId('gap-history').locator('li').nth(2).waitFor();
    await signOut();
  });

  await step('compliance uploads an SoA in YAML: an error at its line, then the example file', async () => {
    await signIn('demo-compliance');
    await page.goto(base + '/orgs/nebulon/assessments');
    await page.getByTestId('gap-history').locator('li').nth(1).waitFor();
    const good = readFileSync(new URL('../../examples/soa.yaml', import.meta.url), 'utf8');
    const bad = good.replace('status: "implemented"', 'status: "done-ish"');
    await page.locator('#soa-file').setInputFiles({ name: 'soa.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Run the assessment' }).click();
    await page.getByTestId('soa-errors').getByText(/soa\.yaml:4: status/).waitFor();
    await axe(page, 'gap assessments with a YAML error');
    await page.locator('#soa-file').setInputFiles({ name: 'soa.yaml', mimeType: 'application/yaml', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Run the assessment' }).click();
    await page.getByTestId('gap-created').getByText(/overall score \d/).waitFor();
    await signOut();
  });

  await step('the manager approves exactly that version in one confirmed step', async () => {
    await signIn('demo-manager');
    const item = page.getByTestId('waiting').locator('li', { hasText: 'Cloud services register' });
    await item.getByRole('button', { name: 'Approve…' }).click();
    check((await page.getByTestId('confirm-name').textContent()) === 'Cloud services register', 'confirmation names another document');
    check((await page.getByTestId('confirm-version').textContent()) === '1.0', 'confirmation shows another version');
    check((await page.getByTestId('confirm-sha').textContent()) === docSha, 'confirmation shows another hash');
    await axe(page, 'documents (approval confirmation)');
    await page.getByRole('button', { name: 'Confirm the approval' }).click();
    await page.getByRole('status').getByText('Approved: Cloud services register, version 1.0.').waitFor();
    // The list reloads after the confirmation is shown: wait for the row to go rather than count at once.
    await page.getByTestId('waiting').locator('li', { hasText: 'Cloud services register' }).waitFor({ state: 'detached' })
      .catch(() => { throw new Error('still listed as waiting'); });
    await page.getByTestId('approvals').locator('li', { hasText: docSha }).getByText('approved by demo-manager').waitFor();
    await signOut();
  });

  await step('the auditor is offered no write, and the server refuses an approval', async () => {
    await signIn('demo-auditor');
    await page.getByTestId('user').getByText('auditor').waitFor();
    await page.getByTestId('approvals').locator('li').first().waitFor();
    check(await page.getByRole('button', { name: /Approve/ }).count() === 0, 'the auditor is offered to approve');
    check(await page.getByRole('button', { name: 'Upload' }).count() === 0, 'the auditor is offered an upload');
    const status = await page.evaluate(async (sha) => {
      const session = await (await fetch('/api/v1/session')).json();
      const r = await fetch('/api/v1/orgs/nebulon/approvals', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: JSON.stringify({ subject_kind: 'document', subject_name: 'Cloud services register', version: '1.0', sha256: sha }),
      });
      return r.status;
    }, docSha);
    check(status === 403, 'the server answered an auditor\'s approval with ' + status);
    await axe(page, 'documents (auditor)');
    await page.goto(incidentUrl);
    await page.getByRole('heading', { name: /DDoS on the API gateway/ }).waitFor();
    check(await page.getByRole('button', { name: 'Record the decision' }).count() === 0, 'the auditor is offered a write');
    await signOut();
  });

  await step('suppliers: the demo register, its analysis and a what-if', async () => {
    await signIn('demo-auditor');
    await page.getByRole('link', { name: 'Suppliers' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/suppliers$/);
    await page.getByTestId('supplier-head').getByText(/30 suppliers, 12 functions, 48 dependencies/).waitFor();
    await page.getByTestId('concentration').locator('tr', { hasText: 'equidata-fra' }).first().waitFor();
    await page.getByTestId('spofs').locator('li').first().waitFor();
    await page.getByTestId('findings').locator('tr', { hasText: 'certificate_expired' }).first().waitFor();
    check(await page.locator('#sup-file').count() === 0, 'the auditor is offered an import');
    await page.getByLabel('Which').selectOption('equidata-fra');
    await page.getByRole('button', { name: 'Show the impact' }).click();
    await page.getByTestId('impact-summary').getByText(/functions affected/).waitFor();
    check(await page.getByTestId('impact').locator('tbody tr').count() > 0, 'the what-if lists no function');
    await axe(page, 'suppliers (auditor)');
    await signOut();
  });

  await step('compliance imports a register with errors and sees each at its line', async () => {
    await signIn('demo-compliance');
    await page.goto(base + '/orgs/nebulon/suppliers');
    await page.getByTestId('supplier-head').waitFor();
    const bad = 'functions:\n' +
                '  - {id: web, name: Web, critical: true}\n' +
                'suppliers:\n' +
                '  - {id: cloud, name: Cloud, country: XX, services: [Hosting], substitutable: false, exit_plan: false}\n' +
                'dependencies:\n' +
                '  - {from: web, to: clod, kind: hosting}\n';
    await page.locator('#sup-file').setInputFiles({ name: 'suppliers.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const errors = page.getByTestId('import-errors');
    await errors.locator('tr', { hasText: 'suppliers[0].country' }).getByText('4', { exact: true }).waitFor();
    await errors.locator('tr', { hasText: 'dependencies[0].to' }).getByText('6', { exact: true }).waitFor();
    await axe(page, 'suppliers import with errors');
    const good = readFileSync(new URL('../../examples/suppliers.yaml', import.meta.url));
    await page.locator('#sup-file').setInputFiles({ name: 'suppliers.yaml', mimeType: 'application/yaml', buffer: good });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('supplier-imported').getByText(/nothing was written/).waitFor();
    await signOut();
  });

  await step('a member of two organisations switches between them, with a role in each', async () => {
    check(!args.url, 'needs the demo started by this test (its database)');
    const db = demo.db();
    check(db, 'the demo did not say where its database is: ' + demo.output());
    execFileSync(vigil, ['org', 'add', 'nebulon-labs', '--name', 'Nebulon Labs GmbH', '--db', db]);
    execFileSync(vigil, ['user', 'grant', 'demo-auditor', '--org', 'nebulon-labs', '--role', 'responder', '--db', db]);
    await signIn('demo-auditor');
    await page.getByTestId('user').getByText('auditor').waitFor();
    await page.getByLabel('Organisation').selectOption('nebulon-labs');
    await page.waitForURL(/\/orgs\/nebulon-labs\/documents$/);
    await page.getByTestId('user').getByText('responder').waitFor();
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('link', { name: 'Open an incident' }).waitFor();
    await axe(page, 'incidents of the second organisation');
    await page.getByLabel('Organisation').selectOption('nebulon');
    await page.waitForURL(/\/orgs\/nebulon\/incidents$/);
    await page.getByRole('link', { name: /INC-1/ }).first().waitFor();
    check(await page.getByRole('link', { name: 'Open an incident' }).count() === 0, 'the auditor is offered to open an incident');
    await signOut();
    // That organisation exists, but the responder is no member: "not found", like one that does not exist.
    await signIn('demo-responder');
    for (const path of ['/orgs/nebulon-labs/dashboard', '/orgs/nebulon-labs/incidents/INC-1', '/orgs/nebulon-labs/documents']) {
      await page.goto(base + path);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
    }
    check(await page.getByLabel('Organisation').count() === 0, 'the responder is offered an organisation switch');
    await signOut();
  });

  await step('the administrator disables and enables a user; others see no administration', async () => {
    // demo-auditor also belongs to nebulon-labs (the step before), which demo-admin does not administer:
    // disabling that account would lock it out there too, so the server refuses it. demo-compliance is
    // only in nebulon.
    await signIn('demo-admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/admin$/);
    const row = page.getByTestId('users').locator('tr', { hasText: 'demo-compliance' });
    await row.getByText('active').waitFor();
    check(await page.getByTestId('tokens').locator('tbody tr').count() >= 1, 'no API token listed');
    check(await page.getByTestId('users').locator('tr', { hasText: 'demo-admin' }).getByRole('button').count() === 0,
          'the administrator is offered to act on themself');
    await axe(page, 'administration');
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('admin-status').getByText('demo-compliance is disabled.').waitFor();
    await row.getByText(/disabled since/).waitFor();
    await row.getByRole('button', { name: 'Enable' }).click();
    await page.getByTestId('admin-status').getByText('demo-compliance is enabled again.').waitFor();
    await page.getByRole('button', { name: 'Create the token' }).click();  // nothing chosen: the API's words at the fields
    await page.locator('#tok-name-error, #tok-user-error, form[aria-labelledby="tok-h"] .problem').first().waitFor();
    await page.getByLabel('User', { exact: true }).selectOption('demo-compliance');
    await page.getByLabel(/Name of the token/).fill('siem export');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const secret = (await page.getByTestId('token-secret').textContent()).trim();
    check(secret.length >= 40, 'no token shown');
    await page.getByTestId('token-created').getByRole('button', { name: 'Copy the token' }).click();
    const who = await (await fetch(base + '/api/v1/session', { headers: { Authorization: 'Bearer ' + secret } })).json();
    check(who.username === 'demo-compliance', 'the new token is not the compliance officer\'s: ' + JSON.stringify(who));
    await page.getByTestId('tokens').locator('tr', { hasText: 'siem export' }).waitFor();
    await axe(page, 'administration (token created)');
    await signOut();
    await signIn('demo-compliance');  // enabled again: signs in
    check(await page.getByRole('link', { name: 'Administration' }).count() === 0, 'the compliance officer is offered administration');
    await page.goto(base + '/orgs/nebulon/admin');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await signOut();
  });

  await step('the administrator adds a user with a role and changes a member\'s role', async () => {
    await signIn('demo-admin');
    await page.goto(base + '/orgs/nebulon/admin');
    const form = page.getByTestId('add-user');
    await form.getByRole('button', { name: 'Add the user' }).click();  // nothing filled in: the API's words at the fields
    await page.locator('#add-name-error').waitFor();
    await page.locator('#add-password-error').waitFor();
    await axe(page, 'administration (add a user, errors)');
    await form.getByLabel('Username', { exact: true }).fill('demo-legal');
    await form.getByLabel(/Initial password/).fill('counsel at law 2026');
    await form.getByLabel('Role', { exact: true }).selectOption('auditor');
    await form.getByRole('button', { name: 'Add the user' }).click();
    await page.getByTestId('admin-status').getByText('demo-legal added as auditor (read only).').waitFor();
    const row = page.getByTestId('users').locator('tr', { hasText: 'demo-legal' });
    await row.getByLabel('Role of demo-legal').selectOption('responder');
    await row.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('admin-status').getByText('demo-legal is now responder.').waitFor();
    check(await row.getByLabel('Role of demo-legal').inputValue() === 'responder', 'the role shown is not the new one');
    await axe(page, 'administration (user added)');
    await signOut();
    // The new user signs in with the role given.
    await context.clearCookies();
    await page.goto(base + '/orgs/nebulon/incidents');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Username').fill('demo-legal');
    await page.getByLabel('Password').fill('counsel at law 2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/incidents$/);
    await page.getByText('responder', { exact: false }).first().waitFor();
    await signOut();
  });

  await step('documents: inline edit, a conflict explained in plain words, the history of the row', async () => {
    await signIn('demo-compliance');
    const name = 'Access control policy';
    const editButton = (p) => p.getByRole('button', { name: `Edit "${name}"` });
    await editButton(page).click();
    const form = page.getByTestId('doc-edit');
    await form.getByLabel('Next review').fill('2027-03-01');
    // Meanwhile another tab of the same register saves a change to the same row.
    const other = await context.newPage();
    await other.goto(base + '/orgs/nebulon/documents');
    await editButton(other).click();
    await other.getByTestId('doc-edit').getByLabel('Next review').fill('2027-06-30');
    await other.getByTestId('doc-edit').getByRole('button', { name: 'Save' }).click();
    await other.getByTestId('doc-saved').getByText(`Saved: ${name}.`).waitFor();
    await other.close();
    await form.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByTestId('doc-conflict');
    await conflict.getByText(/demo-compliance changed this document .* after you began editing it\. Your change was not saved\./).waitFor();
    await conflict.getByText(/next review 2027-06-30/).waitFor();
    await axe(page, 'documents (edit conflict)');
    await conflict.getByRole('button', { name: 'Keep my values (save over theirs)' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('doc-saved').getByText(`Saved: ${name}.`).waitFor();
    await page.getByRole('row', { name: new RegExp(name) }).getByText('2027-03-01').waitFor();
    await page.getByRole('button', { name: `History of "${name}"` }).click();
    const history = page.getByTestId('doc-history');
    await history.locator('li', { hasText: 'Edited' }).filter({ hasText: 'next review: 2027-06-30' }).waitFor();
    await history.locator('li', { hasText: 'Edited' }).filter({ hasText: 'next review: 2027-03-01' }).waitFor();
    await history.locator('li', { hasText: 'Approved' }).first().waitFor();
    await axe(page, 'documents (history)');
    await signOut();
  });

  await step('documents: an own title stands for a suggested document (maps_to), on the row\'s history', async () => {
    await signIn('demo-compliance');
    const name = 'Cloud services register';
    await page.getByRole('button', { name: `Edit "${name}"` }).click();
    const form = page.getByTestId('doc-edit');
    const choice = await form.getByLabel('Stands for').locator('option').nth(1).textContent();
    await form.getByLabel('Stands for').selectOption({ label: choice });
    await axe(page, 'documents (stands for)');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('doc-saved').getByText(`Saved: ${name}.`).waitFor();
    await page.getByRole('row', { name: new RegExp(name) }).getByTestId('doc-maps-to').getByText(choice).waitFor();
    await page.getByRole('button', { name: `History of "${name}"` }).click();
    await page.getByTestId('doc-history').locator('li', { hasText: 'Edited' }).filter({ hasText: `maps to: ${choice}` }).waitFor();
    await signOut();
  });

  await step('coverage by requirement and by IR 2024/2690 section, and the ISO/IEC 27001 standard profile, linked both ways', async () => {
    await signIn('demo-auditor');
    await page.goto(base + '/knowledge');
    await page.getByRole('link', { name: 'Coverage: how far ISO/IEC 27001 carries NIS2' }).click();
    await page.waitForURL(/\/coverage$/);
    await page.getByTestId('coverage-groups').getByText(/\d+ full, \d+ partial, \d+ none of \d+/).first().waitFor();
    await page.getByTestId('coverage-requirements').getByRole('link', { name: 'rep.early_warning' }).waitFor();
    await axe(page, 'coverage');
    await page.getByRole('link', { name: 'Implementing Regulation (EU) 2024/2690' }).first().click();
    await page.waitForURL(/\/coverage\?view=ir-2024-2690$/);
    await page.getByTestId('coverage-ir').getByRole('link', { name: /^1\. / }).waitFor();
    await axe(page, 'coverage (IR 2024/2690)');
    await page.getByTestId('coverage-ir').getByRole('link', { name: /^1\. / }).click();
    await page.waitForURL(/\/knowledge\/ir\.1$/);
    await page.getByRole('link', { name: 'Coverage: how far ISO/IEC 27001 carries NIS2' }).click();
    await page.waitForURL(/\/coverage\?view=ir-2024-2690$/);
    await page.goBack();
    await page.waitForURL(/\/knowledge\/ir\.1$/);
    await page.goto(base + '/standards/iso27001');
    await page.getByRole('heading', { name: 'ISO/IEC 27001:2022' }).waitFor();
    await page.getByTestId('standard-articles').getByRole('link', { name: 'gov.approve_measures' }).click();
    await page.waitForURL(/\/knowledge\/gov\.approve_measures$/);
    await axe(page, 'knowledge item from the standard profile');
    await page.goto(base + '/standards/iso9999');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await signOut();
  });

  await step('scoping: the interview skips what cannot matter; compliance saves the entity profile, the auditor may not', async () => {
    await signIn('demo-compliance');
    await page.getByRole('link', { name: 'Scoping' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/scoping$/);
    const form = page.getByTestId('scoping-question');
    const next = () => page.getByRole('button', { name: 'Next' }).click();
    // Long option lists are a select, short ones radio buttons.
    const choose = async (label) => {
      if (await form.locator('select#answer').count()) await form.locator('select#answer').selectOption({ label });
      else await form.getByLabel(label, { exact: true }).check();
    };
    await form.getByText('Does the entity provide services').waitFor();
    await axe(page, 'scoping (first question)');
    await next();  // nothing chosen: said next to the question
    await page.locator('#answer-error').getByText('Choose or type an answer first.').waitFor();
    await form.getByLabel('yes', { exact: true }).check();
    await next();
    await page.waitForURL(/provides_services_in_eu=yes/);
    await choose('Digital infrastructure');
    await next();
    await form.getByText('Which kind of entity in Digital infrastructure?').waitFor();
    await choose('Cloud computing service provider');
    await next();
    await form.getByText('Which sector').waitFor();
    await choose('No further activity');
    await next();
    await page.getByLabel(/How many staff/).fill('many');
    await next();
    await page.locator('#answer-error').getByText(/annual work units/).waitFor();
    await axe(page, 'scoping (an answer refused)');
    await page.getByLabel(/How many staff/).fill('300');
    await next();
    // 300 staff: large whatever the finances, so turnover and balance sheet are never asked.
    for (let i = 0; i < 12 && !(await page.getByTestId('scoping-result').count()); i += 1) {
      const prompt = await form.locator('legend, label').first().textContent();
      check(!/turnover in euros|balance sheet/i.test(prompt), 'asked a size figure that cannot matter: ' + prompt);
      if (await form.getByLabel('no', { exact: true }).count()) await form.getByLabel('no', { exact: true }).check();
      await next();
      await page.waitForTimeout(50);
    }
    await page.getByTestId('scoping-class').getByText('Essential entity').waitFor();
    await page.getByTestId('scoping-result').getByText('annual_turnover_eur, balance_sheet_total_eur').waitFor();
    await page.getByTestId('scoping-duties').getByText('Art. 23').first().waitFor();
    await axe(page, 'scoping (result)');
    const resultUrl = page.url();
    await page.getByTestId('scoping-save').click();
    await page.getByTestId('scoping-saved').getByText(/Saved as "entity-profile"/).waitFor();
    const shown = (await page.getByTestId('scoping-saved').locator('code').textContent()).trim();
    check(/^[0-9a-f]{64}$/.test(shown), 'no SHA-256 shown: ' + shown);
    // The back button goes back one question; the URL holds the answers.
    await page.goBack();
    await form.waitFor();
    await page.goto(resultUrl);
    await page.getByTestId('scoping-class').getByText('Essential entity').waitFor();
    await signOut();
    await signIn('demo-auditor');
    await page.goto(resultUrl);
    await page.getByTestId('scoping-class').getByText('Essential entity').waitFor();
    check(await page.getByTestId('scoping-save').count() === 0, 'the auditor is offered to save the entity profile');
    await signOut();
  });

  await step('scoping in German: the interview asks in German', async () => {
    await signIn('demo-auditor');
    await page.getByLabel('Language').selectOption('de');
    await page.goto(base + '/orgs/nebulon/scoping');
    const form = page.getByTestId('scoping-question');
    await form.getByText('Erbringt die Einrichtung Dienste oder übt sie Tätigkeiten in der EU aus?').waitFor();
    await axe(page, 'scoping in German');
    await form.getByLabel('ja', { exact: true }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByTestId('scoping-prompt').getByText('In welchem Sektor ist die Einrichtung tätig?').waitFor();
    check(await form.getByText('Keiner davon').count() + await form.locator('option', { hasText: 'Keiner davon' }).count() > 0,
          'the fixed answer "None of these" is not in German');
    await page.getByLabel('Sprache').selectOption('en');
    await signOut();
  });

  await step('exercises: a scenario, its perfect play scored all met, a broken play with its located error', async () => {
    await signIn('demo-auditor');
    await page.getByRole('link', { name: 'Exercises' }).click();
    await page.waitForURL(/\/exercises$/);
    const table = page.getByTestId('exercise-scenarios');
    await table.locator('tr', { hasText: 'qtsp-signing-key' }).getByRole('button').click();
    const scenario = page.getByTestId('exercise-scenario');
    await scenario.getByRole('heading', { name: 'Injects' }).waitFor();
    check((await scenario.locator('ol.log li').count()) >= 8, 'the scenario lists its injects');
    await axe(page, 'exercise scenario');
    const perfect = readFileSync(new URL('../../tests/exercise/plays/qtsp-signing-key.json', import.meta.url), 'utf8');
    await page.getByLabel('Play (JSON)').fill(perfect);
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    const result = page.getByTestId('exercise-result');
    await result.waitFor();
    const statuses = await page.getByTestId('exercise-expectations').locator('tbody tr td:nth-child(2)').allTextContents();
    check(statuses.length > 0 && statuses.every((x) => x.trim() === 'met'), 'every expectation met: ' + statuses.join(','));
    await axe(page, 'exercise result');
    const broken = JSON.parse(perfect);
    broken.actions[3].at = '3h';
    await page.getByLabel('Play (JSON)').fill(JSON.stringify(broken));
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    const errors = page.getByTestId('play-errors');
    await errors.waitFor();
    check((await errors.textContent()).includes('body: play.actions[3].at'), 'the error names its field: ' + await errors.textContent());
    await axe(page, 'exercise with a play error');
  });

  await step('live exercise: start, jump, inject, open its incident and act on it, end, see the score', async () => {
    await signIn('demo-manager');
    await page.getByRole('link', { name: 'Exercises' }).click();
    await page.waitForURL(/\/exercises$/);
    await page.getByTestId('exercise-scenarios').locator('tr', { hasText: 'ransomware-cloud' }).getByRole('button').click();
    const start = page.getByTestId('live-start');
    await start.getByLabel('Speed (exercise seconds per real second)').fill('60');
    await start.getByRole('button', { name: 'Start the exercise' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/exercises\/EX-\d+$/);
    const liveUrl = page.url();
    await page.getByTestId('exercise-banner').waitFor();
    await page.getByTestId('live-state').getByText('running').waitFor();
    check((await page.getByTestId('live-now').textContent()).includes('2026-03-27'), 'the exercise now is the scenario\'s: ' + await page.getByTestId('live-now').textContent());
    await axe(page, 'live exercise');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('live-state').getByText('paused').waitFor();
    const before = await page.getByTestId('live-injects').locator('li').count();
    await page.getByRole('button', { name: 'Jump to the next inject' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=live-injects] li').length > n, before);
    await page.getByLabel('What the addressees receive').fill('A journalist calls about the outage');
    await page.getByRole('button', { name: 'Send the inject' }).click();
    await page.getByTestId('live-injects').getByText('A journalist calls about the outage').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('live-state').getByText('running').waitFor();
    // The dashboard lists it under way, linked.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const exerciseId = liveUrl.split('/').pop();
    await page.getByTestId('dashboard-live-exercises').getByRole('link', { name: exerciseId, exact: true }).click();
    await page.waitForURL(liveUrl);
    await page.getByTestId('live-state').getByText('running').waitFor();
    await signOut();

    await signIn('demo-responder');
    await page.goto(liveUrl);
    check(await page.getByRole('button', { name: 'Pause' }).count() === 0, 'a player is offered to steer the clock');
    await page.getByLabel('Title', { exact: true }).fill('Ransomware on the hypervisors');
    await page.getByLabel('Declared awareness').fill('PT20M');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.waitForURL(/\/orgs\/nebulon\/incidents\/INC-\d+$/);
    await page.getByTestId('exercise-banner').waitFor();
    // Times the forms start from are the exercise clock's (27 March in the scenario), not the wall clock's.
    await page.waitForFunction(() => document.querySelector('#s-at')?.value.startsWith('2026-03-27'));
    for (const id of ['#s-at', '#breach-at', '#handled-at']) {
      const value = await page.locator(id).inputValue();
      check(value.startsWith('2026-03-27'), `${id} starts at the exercise clock's now, not the wall clock's: ${value}`);
    }
    await page.getByText("Exercise time: starts at the exercise clock's now").first().waitFor();
    await page.getByLabel('Report', { exact: true }).first().selectOption('early-warning');
    await page.getByRole('button', { name: 'Record the submission' }).click();
    await page.getByTestId('submissions').locator('li').first().waitFor();
    check(!(await page.getByTestId('submissions').textContent()).includes('late by'), 'the early warning in exercise time was late');
    await axe(page, 'exercise incident');
    await signOut();

    await signIn('demo-manager');
    await page.goto(liveUrl);
    await page.getByTestId('live-incident').waitFor();
    await page.getByRole('button', { name: 'End the exercise' }).click();
    await page.getByRole('button', { name: 'Yes, end and score' }).click();
    const score = page.getByTestId('live-score');
    await score.waitFor();
    await page.getByTestId('live-state').getByText('ended').waitFor();
    check(/\d+ met, \d+ late, \d+ missed/.test(await page.getByTestId('live-summary').textContent()), 'the score summary is shown');
    check((await page.getByTestId('live-report').getAttribute('href')).endsWith('/report?format=html'), 'the after-action report is offered');
    await axe(page, 'live exercise scored');
    await signOut();
  });

  await step('the Content-Security-Policy refused nothing and no script failed', async () => {
    check(!cspViolations.length, 'CSP violations: ' + cspViolations.join(' | '));
    check(!pageErrors.length, 'page errors: ' + pageErrors.join(' | '));
  });
} finally {
  await close();
  await demo.stop();
}

console.log(`${passed} passed, ${failures.length} failed`);
if (failures.length) {
  console.log(`screenshots and HTML of the failures: ${out}`);
  process.exit(1);
}
