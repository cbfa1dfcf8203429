// Browser tests of the console against a real onboard-cloud (started by the
// tests' fixture) in Debian's Chromium: no browser is downloaded.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  workers: 1, // one cloud, one browser: the machine has 2 cores shared by everything
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.ONBOARD_CONSOLE_TEST_OUT || 'test-results',
  use: {
    viewport: { width: 1200, height: 760 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
