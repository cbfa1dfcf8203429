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

test('a template is renamed behind a dialog; its id and firmware lines follow', async ({ page, cloud, admin }) => {
  const tmpl = await admin.template('Heater');
  await signIn(page, cloud);
  await page.goto(`${cloud.url}/#/templates/${tmpl.id}`);
  await page.getByRole('button', { name: 'Rename' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Patio heater');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Patio heater', level: 1 })).toBeVisible();
  await expect(page.locator('pre code').nth(1)).toContainText(`#define BLYNK_TEMPLATE_ID "${tmpl.id}"`);
  await expect(page.locator('pre code').nth(1)).toContainText('#define BLYNK_TEMPLATE_NAME "Patio heater"');
  expect((await admin.call('GET', '/api/v1/templates')).body.find((t) => t.id === tmpl.id).name).toBe('Patio heater');
});
