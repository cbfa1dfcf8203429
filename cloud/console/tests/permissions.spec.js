import { test, expect, signIn, Api } from './support/cloud.js';

test('a staff member sees an admin device without the buttons they may not use, and the server refuses',
  async ({ page, cloud, admin, device }) => {
    cloud.addUser('staff@example.com', 'staff-password', 'staff');
    const staff = await new Api(cloud.url).signIn({ email: 'staff@example.com', password: 'staff-password' });
    const tmpl = await admin.template('Boiler');
    const d = await device(admin, tmpl);
    await signIn(page, cloud, { email: 'staff@example.com', password: 'staff-password' });
    await page.goto(`${cloud.url}/#/devices/${d.id}`);
    await expect(page.getByRole('heading', { name: 'Boiler' })).toBeVisible();
    for (const name of ['Rename', 'Reconfigure', 'Erase data', 'Delete']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    expect((await staff.call('DELETE', `/api/v1/devices/${d.id}`)).status).toBe(403);
    expect((await admin.call('GET', `/api/v1/devices/${d.id}`)).status).toBe(200);
  });

test('a user cannot create or rename templates: no buttons for it, and a 403 from the server', async ({ page, cloud, admin }) => {
  cloud.addUser('user@example.com', 'user-password', 'user');
  const tmpl = await admin.template('Kettle');
  const user = await new Api(cloud.url).signIn({ email: 'user@example.com', password: 'user-password' });
  await signIn(page, cloud, { email: 'user@example.com', password: 'user-password' });
  await page.getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New template' })).toHaveCount(0);
  expect((await user.call('POST', '/api/v1/templates', { name: 'Sneaky' })).status).toBe(403);
  await page.goto(`${cloud.url}/#/templates/${tmpl.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(tmpl.name);
  await expect(page.getByRole('button', { name: 'Rename' })).toHaveCount(0);
  expect((await user.call('PATCH', `/api/v1/templates/${tmpl.id}`, { name: 'Sneaky' })).status).toBe(403);
});
