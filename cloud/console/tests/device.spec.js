import { test, expect, signIn, shot } from './support/cloud.js';

test('device page: facts, live timeline, rename, reconfigure with a hidden token and QR, erase, delete',
  async ({ page, cloud, admin, device }) => {
    const tmpl = await admin.template('Aquarium');
    const d = await device(admin, tmpl, { firmware: '3.0.1' });
    await d.logEvent('temp_high', 'Water at 31 C');
    await signIn(page, cloud);
    await page.goto(`${cloud.url}/#/devices/${d.id}`);
    await expect(page.getByRole('heading', { name: 'Aquarium' })).toBeVisible();
    const facts = page.locator('dl.facts');
    await expect(facts).toContainText('Online');
    await expect(facts).toContainText('3.0.1');
    await expect(facts).toContainText('admin@example.com');
    await expect(page.getByRole('listitem').filter({ hasText: 'Water at 31 C' })).toBeVisible();

    // A new event arrives live; the type filter hides it and shows it again.
    await d.logEvent('door', 'Lid opened');
    const lid = page.getByRole('listitem').filter({ hasText: 'Lid opened' });
    await expect(lid).toBeVisible();
    await page.getByRole('checkbox', { name: 'event' }).uncheck();
    await expect(lid).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'event' }).check();
    await expect(lid).toBeVisible();
    await shot(page, 'device');

    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Fish tank');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Fish tank' })).toBeVisible();

    await page.getByRole('button', { name: 'Reconfigure' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Reconfigure started' })).toBeVisible();
    await expect(dialog.locator('code')).toHaveText('•'.repeat(16));
    await expect(dialog.getByRole('img', { name: /QR code/ })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Reveal token' }).click();
    await expect(dialog.locator('code')).toHaveText(/^[A-Za-z0-9_-]{32}$/);
    await expect(dialog.getByRole('img', { name: /QR code/ })).toBeVisible();
    await shot(page, 'reconfigure');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Erase data' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status')).toHaveText('Device data erased.');
    await expect(page.getByRole('listitem').filter({ hasText: 'Water at 31 C' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('dialog')).toContainText('cannot be undone');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Fish tank' })).toHaveCount(0);
    expect((await admin.call('GET', `/api/v1/devices/${d.id}`)).status).toBe(404);
  });
