import { test, expect, signIn, shot } from './support/cloud.js';

test('New template -> Name -> Create shows the firmware configuration lines', async ({ page, cloud }) => {
  await signIn(page, cloud);
  await page.getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Name').fill('Smart "Lamp"');
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name: 'Smart "Lamp"' })).toBeVisible();
  const lines = page.locator('pre code');
  await expect(lines.nth(0)).toContainText(/#define ONBOARD_TEMPLATE_ID "TMPL[A-Za-z0-9]{8}"/);
  await expect(lines.nth(1)).toContainText(/#define BLYNK_TEMPLATE_ID "TMPL[A-Za-z0-9]{8}"/);
  await expect(lines.nth(1)).toContainText('#define BLYNK_TEMPLATE_NAME "Smart \\"Lamp\\""');
  await shot(page, 'template');

  await page.getByRole('link', { name: 'Templates' }).first().click();
  await expect(page.getByRole('link', { name: 'Smart "Lamp"' })).toBeVisible();
  await shot(page, 'templates');
});
