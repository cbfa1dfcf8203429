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
  expect((await admin.call('POST', '/api/v1/provisioning', { templateId: tmpl.id })).status).toBe(201); // a pending row
  expect((await admin.call('POST', '/api/v1/users', { email: 'axe@example.com', password: 'axe-password', role: 'staff' })).status).toBe(201);
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
  // The dialogs too: a role change, a template rename, a device deletion.
  await page.goto(`${cloud.url}/#/users`);
  await page.getByRole('combobox', { name: 'Role of axe@example.com' }).selectOption('user');
  await expect(page.getByRole('dialog')).toBeVisible();
  await noSeriousViolations(page, 'role dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.goto(`${cloud.url}/#/templates/${tmpl.id}`);
  await page.getByRole('button', { name: 'Rename' }).click();
  await noSeriousViolations(page, 'template rename dialog');
  await page.goto(`${cloud.url}/#/devices/${d.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  await noSeriousViolations(page, 'delete dialog');
});
