import { test, expect, signIn, shot } from './support/cloud.js';
import { BlynkDevice } from './support/blynk-device.js';

test('every provisioning attempt is listed with its steps and reason, and the summary counts them',
  async ({ page, cloud, admin, device }) => {
    const tmpl = await admin.template('Sprinkler');
    await device(admin, tmpl); // one activated
    // One failed: a device that reports another template.
    const p = await admin.call('POST', '/api/v1/provisioning', { templateId: tmpl.id });
    expect(p.status).toBe(201);
    const wrong = new BlynkDevice(cloud.plain);
    await wrong.connect();
    await wrong.login(p.body.token, { templateId: 'TMPLwrong000' }).catch(() => {}); // the info is refused
    await wrong.close();
    await expect.poll(async () => (await admin.call('GET', `/api/v1/provisioning/${p.body.id}`)).body.state).toBe('failed');
    expect((await admin.call('POST', '/api/v1/provisioning', { templateId: tmpl.id })).status).toBe(201); // one pending

    await signIn(page, cloud);
    await page.getByRole('link', { name: 'Provisioning' }).click();
    await page.getByLabel('Template').selectOption({ label: 'Sprinkler' });
    const activated = page.getByRole('row').filter({ hasText: 'activated' });
    await expect(activated).toHaveCount(1);
    await expect(activated).toContainText('requested');
    await expect(page.getByRole('row').filter({ hasText: 'pending' })).toHaveCount(1);
    const failed = page.getByRole('row').filter({ hasText: 'template_mismatch' });
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('connected');
    const stats = page.locator('dl.stats');
    await expect(stats).toContainText('Attempts3');
    await expect(stats).toContainText('Success rate50 %');
    await expect(stats).toContainText('Failed1');
    await expect(page.locator('ol.reasons')).toContainText('template_mismatch');
    await shot(page, 'provisioning');
  });

test('a user sees only their own attempts and no statistics', async ({ page, cloud, admin, device }) => {
  cloud.addUser('maker@example.com', 'maker-password', 'user');
  const tmpl = await admin.template('Doorbell');
  expect((await admin.call('POST', '/api/v1/provisioning', { templateId: tmpl.id })).status).toBe(201);
  await signIn(page, cloud, { email: 'maker@example.com', password: 'maker-password' });
  await page.getByRole('link', { name: 'Provisioning' }).click();
  await expect(page.getByRole('heading', { name: 'Provisioning', level: 1 })).toBeVisible();
  await expect(page.getByText('No provisioning attempts yet.')).toBeVisible();
  await expect(page.locator('dl.stats')).toHaveCount(0);
});
