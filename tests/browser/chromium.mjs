// Debian's headless Chromium, driven by playwright-core (which never downloads a browser).
import { chromium } from 'playwright-core';

// A persistent context of the Chromium at `executablePath`, its profile in `userDataDir`.
export function launch(executablePath, userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
