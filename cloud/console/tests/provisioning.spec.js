import { test, expect, signIn, shot, skipBecause } from './support/cloud.js';

test('every provisioning attempt is listed with its state and the summary counts them', async ({ page, cloud, admin, device }) => {
  const r = await admin.call('GET', '/api/v1/provisioning');
  skipBecause(r.status === 404 || r.status === 405, `this onboard-cloud has no GET /api/v1/provisioning yet (HTTP ${r.status})`);
  const tmpl = await admin.template('Sprinkler');
  await device(admin, tmpl); // one activated
  expect((await admin.call('POST', '/api/v1/provisioning', { templateId: tmpl.id })).status).toBe(201); // one pending
  await signIn(page, cloud);
  await page.getByRole('link', { name: 'Provisioning' }).click();
  await page.getByLabel('Template').selectOption({ label: 'Sprinkler' });
  await expect(page.getByRole('row').filter({ hasText: 'activated' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'pending' })).toHaveCount(1);
  await expect(page.locator('dl.stats')).toContainText('Attempts2');
  await shot(page, 'provisioning');
});
