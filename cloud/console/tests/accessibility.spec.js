import AxeBuilder from '@axe-core/playwright';
import { test, expect, signIn } from './support/cloud.js';

async function noSeriousViolations(page, screen) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('every screen passes axe-core with no serious or critical violation', async ({ page, cloud, admin, device }) => {
  const tmpl = await admin.template('Thermostat');
  const d = await device(admin, tmpl);
  await page.goto(cloud.url + '/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await noSeriousViolations(page, 'sign-in');
  await signIn(page, cloud);
  const screens = [
    ['devices', '#/devices', 'Devices'],
    ['device', `#/devices/${d.id}`, 'Thermostat'],
    ['templates', '#/templates', 'Templates'],
    ['template', `#/templates/${tmpl.id}`, 'Thermostat'],
    ['provisioning', '#/provisioning', 'Provisioning'],
    ['users', '#/users', 'Users'],
  ];
  for (const [screen, hash, heading] of screens) {
    await page.goto(`${cloud.url}/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await noSeriousViolations(page, screen);
  }
  // A dialog too.
  await page.goto(`${cloud.url}/#/devices/${d.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  await noSeriousViolations(page, 'delete dialog');
});
