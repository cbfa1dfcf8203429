import { test, expect, signIn, shot } from './support/cloud.js';

test('a device goes online -> offline in the list without a reload', async ({ page, cloud, admin, device }) => {
  const tmpl = await admin.template('Porch light');
  await signIn(page, cloud);
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  await page.evaluate(() => (window.__sameDocument = true));

  const d = await device(admin, tmpl, { firmware: '2.1.0' });
  const row = page.getByRole('row', { name: /Porch light/ });
  await expect(row.getByRole('cell', { name: 'Online' })).toBeVisible();
  await expect(row).toContainText('2.1.0');
  await shot(page, 'devices');

  await d.close();
  await expect(row.getByRole('cell', { name: 'Offline' })).toBeVisible();
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test('search by name asks the server for the matching page', async ({ page, cloud, admin, device }) => {
  const a = await admin.template('Garage door');
  const b = await admin.template('Kettle');
  await device(admin, a);
  await device(admin, b);
  await signIn(page, cloud);
  const searches = [];
  page.on('request', (r) => r.url().includes('/api/v1/devices?') && searches.push(new URL(r.url()).searchParams.get('q')));
  await page.getByLabel('Search by name').fill('kett');
  await expect(page.getByRole('row', { name: /Kettle/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Garage door/ })).toHaveCount(0);
  expect(searches).toContain('kett');
});
