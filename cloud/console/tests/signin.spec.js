import { test, expect, signIn, shot, ADMIN, Api } from './support/cloud.js';

test('a wrong password is refused, the right one signs in and Sign out signs out', async ({ page, cloud }) => {
  await page.goto(cloud.url + '/');
  await expect(page.getByRole('heading', { name: 'Sign in to Onboard' })).toBeVisible();
  await shot(page, 'sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

  await page.getByLabel('Password').fill(ADMIN.password);
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/login') && r.status() === 200);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const token = (await (await login).json()).token;
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  for (const name of ['Devices', 'Templates', 'Provisioning', 'Users']) {
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })).toBeVisible();
  }
  const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/logout'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect((await logout).status()).toBe(204);
  expect((await new Api(cloud.url, token).call('GET', '/api/v1/templates')).status).toBe(401); // ended on the server
});

test('the session lives in memory only: no cookie, no storage, a reload signs out', async ({ page, context, cloud }) => {
  await signIn(page, cloud);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the page runs no inline script and loads nothing from elsewhere', async ({ page, cloud }) => {
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(cloud.url)) foreign.push(r.url());
  });
  const response = await page.goto(cloud.url + '/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(await page.locator('script:not([src])').count()).toBe(0);
  await signIn(page, cloud);
  expect(foreign).toEqual([]);
});
