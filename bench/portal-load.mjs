// The portal's first load: dashboard first-load JavaScript (gzip) from the build manifest, and
// first contentful paint of the dashboard in headless Chromium on loopback (median of 10).
// Targets: 150 KB gzip or less; FCP 300 ms or less.
import path from 'node:path';

import { chromium } from 'playwright-core';

import { firstLoadJavaScript } from '../apps/portal/scripts/first-load.mjs';
import { repoRoot, signIn, startServer } from './lib/stack.mjs';

const bundle = firstLoadJavaScript(
  path.join(repoRoot, 'apps/portal/build/client'),
  'routes/dashboard',
);
console.log(
  `dashboard first-load JavaScript: ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip (${(bundle.rawBytes / 1024).toFixed(0)} KB raw, ${bundle.files.length} files)   target <= 150 KB`,
);

const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const cookieHeader = await signIn(server.url, 'alice');
  const cookies = cookieHeader.split('; ').map((pair) => {
    const index = pair.indexOf('=');
    return { name: pair.slice(0, index), value: pair.slice(index + 1), url: server.url };
  });
  const paints = [];
  for (let run = 0; run < 11; run += 1) {
    const context = await browser.newContext();
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const entry = performance.getEntriesByName('first-contentful-paint')[0];
          if (entry) return resolve(entry.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({
            type: 'paint',
            buffered: true,
          });
        }),
    );
    if (run > 0) paints.push(fcp);
    await context.close();
  }
  paints.sort((a, b) => a - b);
  console.log(
    `dashboard first contentful paint: median ${paints[Math.floor(paints.length / 2)].toFixed(0)} ms (min ${paints[0].toFixed(0)}, max ${paints[paints.length - 1].toFixed(0)}) over ${paints.length} cold loads   target <= 300 ms`,
  );
} finally {
  await browser.close();
  await server.stop();
}
