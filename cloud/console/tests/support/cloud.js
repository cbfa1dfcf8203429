// The test fixture: a real onboard-cloud in a fresh data directory, its REST
// API from node, Blynk-protocol devices, and the console's screenshot helper.
import { test as base, expect } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlynkDevice } from './blynk-device.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const bin = process.env.ONBOARD_CLOUD_BIN || join(repo, 'build/dev/bin/onboard-cloud');
const consoleDir = process.env.ONBOARD_CONSOLE_DIR || join(repo, 'build/dev/console');
export const shotsDir = process.env.ONBOARD_CONSOLE_SHOTS || join(repo, 'docs/console');

export const ADMIN = { email: 'admin@example.com', password: 'admin-password' };

async function startCloud() {
  if (!existsSync(bin)) throw new Error(`no onboard-cloud at ${bin} (set ONBOARD_CLOUD_BIN)`);
  if (!existsSync(join(consoleDir, 'index.html'))) throw new Error(`no built console in ${consoleDir}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'onboard-console-test-'));
  execFileSync(bin, ['user', 'add', '--data-dir', dataDir, '--email', ADMIN.email, '--password', ADMIN.password,
    '--role', 'admin', '--org', 'Acme'], { stdio: 'pipe' });
  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--tls-listen', '127.0.0.1:0',
    '--console-dir', consoleDir, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const [plain, tls] = await new Promise((resolveLine, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`onboard-cloud did not start in 30 s:\n${log}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening plain=(\S+) tls=(\S+)/);
      if (m) {
        clearTimeout(timer);
        resolveLine([m[1], m[2]]);
      }
    });
    child.once('exit', (code) => reject(new Error(`onboard-cloud exited with ${code}:\n${log}`)));
  });
  return {
    url: `http://${plain}`,
    tlsUrl: `https://${tls}`,
    plain,
    dataDir,
    log: () => log,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    addUser(email, password, role, org = 'Acme') {
      execFileSync(bin, ['user', 'add', '--data-dir', dataDir, '--email', email, '--password', password, '--role', role,
        '--org', org], { stdio: 'pipe' });
    },
  };
}

// A REST client in node, signed in as someone.
export class Api {
  constructor(url, token = null) {
    this.url = url;
    this.token = token;
  }
  async call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const r = await fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }
  async signIn({ email, password }) {
    const r = await this.call('POST', '/api/v1/login', { email, password });
    expect(r.status).toBe(200);
    return new Api(this.url, r.body.token);
  }
  async template(name) {
    const r = await this.call('POST', '/api/v1/templates', { name });
    expect(r.status).toBe(201);
    return r.body;
  }
}

export const test = base.extend({
  cloud: [
    async ({}, use) => {
      const cloud = await startCloud();
      await use(cloud);
      await cloud.stop();
    },
    { scope: 'worker' },
  ],
  admin: async ({ cloud }, use) => {
    await use(await new Api(cloud.url).signIn(ADMIN));
  },
  // Activates a fresh device of `template` for `as` and returns it, online.
  device: async ({ cloud }, use) => {
    const made = [];
    await use(async (as, template, { firmware = '1.0.0' } = {}) => {
      const p = await as.call('POST', '/api/v1/provisioning', { templateId: template.id });
      expect(p.status).toBe(201);
      const d = new BlynkDevice(cloud.plain);
      await d.connect();
      expect(await d.login(p.body.token, { templateId: template.id, firmware })).toBe(200);
      made.push(d);
      const s = await as.call('GET', `/api/v1/provisioning/${p.body.id}`);
      d.id = s.body.deviceId;
      return d;
    });
    await Promise.all(made.map((d) => d.close()));
  },
});

export { expect };

export async function signIn(page, cloud, { email, password } = ADMIN, base = cloud.url) {
  await page.goto(base + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

// Writes docs/console/NAME.png (the screenshots in docs/console.md).
export async function shot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

// Skips the running test, printing why (the list reporter does not show skip reasons).
export function skipBecause(condition, reason) {
  if (!condition) return;
  process.stdout.write(`skipped: ${reason}\n`);
  test.skip(true, reason);
}
