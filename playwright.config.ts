import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built app in serve mode with Debian's Chromium
 * (Playwright's own browser download is not used).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Large datasets (20,000 contacts, a 100,000-message chat) record figures for
  // `npm run bench:ui`; they are not part of `npm test`.
  testIgnore: process.env.TRESEN_SCALE ? [] : ['**/scale/**'],
  outputDir: 'test-results/',
  workers: 1,
  fullyParallel: false,
  // Whole flows in a real browser; on a loaded 2-core machine a long one takes well over a minute.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 800 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
