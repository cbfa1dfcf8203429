import { test, expect, signIn } from './support/cloud.js';

const EVIL = '<img src=x onerror=alert(1)>';

test('names and timeline texts are shown as text and run nothing', async ({ page, cloud, admin, device }) => {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const tmpl = await admin.template(EVIL);
  const d = await device(admin, tmpl);
  await d.logEvent('x', '<script>alert(2)</script><b onmouseover=alert(3)>bold</b>');
  await signIn(page, cloud);

  await expect(page.getByRole('link', { name: EVIL })).toBeVisible(); // the device is named after the template
  await page.getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('link', { name: EVIL }).click();
  await expect(page.getByRole('heading', { name: EVIL })).toBeVisible();
  await expect(page.locator('pre code').nth(1)).toContainText(`#define BLYNK_TEMPLATE_NAME "${EVIL}"`);

  await page.goto(`${cloud.url}/#/devices/${d.id}`);
  await expect(page.getByText('<script>alert(2)</script><b onmouseover=alert(3)>bold</b>')).toBeVisible();
  expect(await page.locator('img[src="x"], main script, main b').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
