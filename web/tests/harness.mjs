// Shared by the browser tests and the page-timing benchmark: starts
// `vigil serve --demo` on a free port and reads what it prints (URL, users,
// password), and launches the system's Chromium through playwright-core.
// No browser is ever downloaded: VIGIL_CHROMIUM or /usr/bin/chromium is used.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export function parseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

// Starts the demo server; resolves { url, password, token, db(), stop } once it listens.
export function startDemo(vigil, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(vigil, ['serve', '--demo', '--listen', '127.0.0.1:0', '--log-level', 'warn', ...extra],
                        { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error('vigil serve --demo did not start in 30 s:\n' + out + err)); }, 30000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const url = /Vigil demo: (http:\/\/\S+)/.exec(out)?.[1];
      const password = /password for all: (\S+)\)/.exec(out)?.[1];
      if (url && password && /\nIncidents: /.test(out)) {
        clearTimeout(timer);
        const stop = () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
        const token = /API token of demo-admin \(shown only now\): (\S+)/.exec(out)?.[1];
        // The workspace it made (stderr: "vigil: serving URL (database PATH); ...").
        const db = () => /\(database (\S+?)\);/.exec(err)?.[1];
        resolve({ url, password, token, db, stop, output: () => out + err });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`vigil serve --demo exited with ${code}:\n${out}${err}`)); });
  });
}

// A headless Chromium with a fresh profile; without the background-networking
// flags it would try to reach Google's services.
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.VIGIL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
