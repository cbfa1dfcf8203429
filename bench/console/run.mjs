// Usage: node bench/console/run.mjs [--devices N] [--runs R]
// The console's speed on this machine, against a real onboard-cloud:
//  - first screen interactive with an empty cache (new browser context each run),
//  - bytes transferred for it (compressed), and the whole console's gzip size,
//  - with N devices (default 10,000) activated over the Blynk protocol: the
//    devices page's REST call (one page of 50, and a name search) and the time
//    from "Sign in" to the first row of the devices list.
// Figures are printed as JSON; note the machine's load (uptime) beside them.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const require = createRequire(join(repo, 'cloud/console/package.json'));
const { chromium } = require('@playwright/test');
const { BlynkDevice } = await import(join(repo, 'cloud/console/tests/support/blynk-device.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEVICES = arg('--devices', 10000);
const RUNS = arg('--runs', 5);
const pick = (...c) => c.find((p) => existsSync(p));
const bin = process.env.ONBOARD_CLOUD_BIN || pick(join(repo, 'build/release/bin/onboard-cloud'), join(repo, 'build/dev/bin/onboard-cloud'));
const consoleDir = process.env.ONBOARD_CONSOLE_DIR || join(dirname(dirname(bin)), 'console');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ADMIN = { email: 'admin@example.com', password: 'bench-admin-pass' };

const data = mkdtempSync(join(tmpdir(), 'onboard-console-bench-'));
execFileSync(bin, ['user', 'add', '--data-dir', data, '--email', ADMIN.email, '--password', ADMIN.password, '--role', 'admin']);
const cloud = spawn(bin, ['serve', '--data-dir', data, '--listen', '127.0.0.1:0', '--tls-listen', '127.0.0.1:0',
  '--console-dir', consoleDir, '--log-level', 'warn',
  // The generator seeds from one address, 100 devices at a time: past the per-IP and per-user defaults.
  '--provisioning-per-minute', '0', '--max-prelogin-per-ip', '1000', '--max-new-connections-per-ip', '100000'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const plain = await new Promise((ok) => {
  let out = '';
  cloud.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/listening plain=(\S+)/);
    if (m) ok(m[1]);
  });
});
const url = `http://${plain}`;
const rest = async (method, path, body, token) => {
  const r = await fetch(url + path, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body) });
  return r.json();
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const result = { bin, machineLoad: loadavg().map((x) => x.toFixed(2)).join(' '), devices: DEVICES };
try {
  const size = JSON.parse(readFileSync(join(consoleDir, 'size.json'), 'utf8'));
  result.consoleBytes = size.bytes;
  result.consoleGzipBytes = size.gzipBytes;

  const interactive = [];
  let transferred = 0;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext(); // an empty cache every run
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', (r) => (bytes += Number(r.headers()['content-length'] || 0)));
    await page.goto(url + '/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    interactive.push(await page.evaluate(() => performance.getEntriesByName('console-interactive')[0].startTime));
    transferred = bytes;
    await context.close();
  }
  result.firstScreenInteractiveMs = { median: Math.round(median(interactive)), runs: interactive.map(Math.round) };
  result.firstScreenTransferredBytes = transferred;

  // N devices: provision and activate over the Blynk protocol, 100 at a time.
  const token = (await rest('POST', '/api/v1/login', ADMIN)).token;
  const tmpl = await rest('POST', '/api/v1/templates', { name: 'Meter' }, token);
  const t0 = Date.now();
  for (let done = 0; done < DEVICES; ) {
    const batch = Math.min(100, DEVICES - done);
    await Promise.all(Array.from({ length: batch }, async () => {
      const p = await rest('POST', '/api/v1/provisioning', { templateId: tmpl.id }, token);
      const d = new BlynkDevice(plain);
      await d.connect();
      await d.login(p.token, { templateId: tmpl.id });
      await d.close();
    }));
    done += batch;
  }
  result.seedSeconds = ((Date.now() - t0) / 1000).toFixed(1);

  const timeCall = async (path) => {
    const ms = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const r = await fetch(url + path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' } });
      await r.arrayBuffer();
      ms.push(performance.now() - s);
    }
    return Math.round(median(ms) * 10) / 10;
  };
  result.devicesPageMs = await timeCall('/api/v1/devices?limit=50&offset=0');
  result.devicesLastPageMs = await timeCall(`/api/v1/devices?limit=50&offset=${DEVICES - 50}`);
  result.devicesSearchMs = await timeCall('/api/v1/devices?q=meter%20777&limit=50');
  result.devicesWholeListMs = await timeCall('/api/v1/devices');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  const s = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('row').nth(1).waitFor();
  result.signInToDevicesRowsMs = Date.now() - s;
  result.devicesRowsShown = (await page.getByRole('row').count()) - 1;
  await context.close();
} finally {
  await browser.close();
  cloud.kill('SIGTERM');
  await new Promise((r) => cloud.once('exit', r));
  rmSync(data, { recursive: true, force: true });
}
console.log(JSON.stringify(result, null, 2));
