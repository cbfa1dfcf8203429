import { test, expect, signIn, shot, Api } from './support/cloud.js';

test('an admin adds a user with a role, changes the role and removes them, each confirmed; their session ends',
  async ({ page, cloud, admin }) => {
    await signIn(page, cloud);
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill('new@example.com');
    await form.getByLabel('Password').fill('new-user-password');
    await form.getByLabel('Role').selectOption('staff');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('dialog')).toContainText('Add new@example.com as staff?');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const row = page.getByRole('row', { name: /new@example.com/ });
    await expect(row.getByRole('combobox', { name: 'Role of new@example.com' })).toHaveValue('staff');
    await shot(page, 'users');

    const them = await new Api(cloud.url).signIn({ email: 'new@example.com', password: 'new-user-password' });
    await row.getByRole('combobox', { name: 'Role of new@example.com' }).selectOption('user');
    await expect(page.getByRole('dialog')).toContainText('Make new@example.com user?');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(async () => (await admin.call('GET', '/api/v1/users')).body.find((u) => u.email === 'new@example.com')?.role).toBe('user');
    await expect(row.getByRole('combobox', { name: 'Role of new@example.com' })).toHaveValue('user');

    await row.getByRole('button', { name: 'Remove new@example.com' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('row', { name: /new@example.com/ })).toHaveCount(0);
    expect((await them.call('GET', '/api/v1/templates')).status).toBe(401);
  });

test('an admin has no control to demote or remove themselves, and the server keeps the last admin',
  async ({ page, cloud, admin }) => {
    await signIn(page, cloud);
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.getByRole('row', { name: /admin@example.com/ });
    await expect(row).toContainText('admin');
    await expect(row.getByRole('combobox')).toHaveCount(0);
    await expect(row.getByRole('button')).toHaveCount(0);
    const me = (await admin.call('GET', '/api/v1/users')).body.find((u) => u.email === 'admin@example.com');
    const refused = await admin.call('PATCH', `/api/v1/users/${me.id}`, { role: 'staff' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('last_admin');
  });

test('a user sees no user management, may not list or remove users, and changes their own password',
  async ({ page, cloud, admin }) => {
    cloud.addUser('plain@example.com', 'plain-password', 'user');
    const plain = await new Api(cloud.url).signIn({ email: 'plain@example.com', password: 'plain-password' });
    await signIn(page, cloud, { email: 'plain@example.com', password: 'plain-password' });
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('form', { name: 'Add a user' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
    expect((await plain.call('GET', '/api/v1/users')).status).toBe(403);
    const adminId = (await admin.call('GET', '/api/v1/users')).body.find((u) => u.email === 'admin@example.com').id;
    expect((await plain.call('DELETE', `/api/v1/users/${adminId}`)).status).toBe(403);

    const form = page.getByRole('form', { name: 'Your password' });
    await form.getByLabel('Current password').fill('plain-password');
    await form.getByLabel('New password').fill('a-new-plain-password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('status')).toContainText('Password changed');
    expect((await plain.call('GET', '/api/v1/templates')).status).toBe(401); // the other session ended
    await page.getByRole('link', { name: 'Devices' }).click();
    await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible(); // this one goes on
  });
