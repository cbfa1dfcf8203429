import { test, expect, signIn } from './support/cloud.js';

test('the TLS listener serves the same console, live events included', async ({ browser, cloud, admin, device }) => {
  // The cloud's certificate is self-signed (created in its data directory).
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const tmpl = await admin.template('Greenhouse');
  await signIn(page, cloud, undefined, cloud.tlsUrl);
  expect(page.url()).toMatch(/^https:/);
  const d = await device(admin, tmpl);
  const row = page.getByRole('row', { name: /Greenhouse/ });
  await expect(row.getByRole('cell', { name: 'Online' })).toBeVisible();
  await d.close();
  await expect(row.getByRole('cell', { name: 'Offline' })).toBeVisible();
  await context.close();
});
