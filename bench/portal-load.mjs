// The portal's first load, for the pages people land on: the dashboard and a project's overview.
// For each: first-load JavaScript (gzip, from the build manifest, every layout above the route
// counted), first contentful paint, and the time until the page's real data is on screen, in
// headless Chromium on loopback (median of 10 cold loads after one warm-up). The data is
// server-rendered, so "data on screen" should equal first paint: the bench also checks the server
// HTML already holds it and no "Loading" placeholder.
// Targets: 150 KB gzip or less; first paint 300 ms or less.
import path from 'node:path';

import { chromium } from 'playwright-core';

import { firstLoadJavaScript } from '../apps/portal/scripts/first-load.mjs';
import { apiClient } from './lib/api-client.mjs';
import { repoRoot, signIn, startServer } from './lib/stack.mjs';

const project = 'benchload';
const pages = [
  // A page and the text that shows its data has arrived (not a placeholder).
  { name: 'dashboard', routeId: 'routes/dashboard', path: '/', dataText: project },
  {
    name: 'project overview',
    routeId: 'routes/project/overview',
    path: `/projects/${project}`,
    dataText: 'Load benchmark project',
  },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  await apiClient(server.url, cookieHeader).mutate('projects.create', {
    name: project,
    description: 'Load benchmark project',
  });
  const cookies = cookieHeader.split('; ').map((pair) => {
    const index = pair.indexOf('=');
    return { name: pair.slice(0, index), value: pair.slice(index + 1), url: server.url };
  });

  for (const target of pages) {
    const bundle = firstLoadJavaScript(
      path.join(repoRoot, 'apps/portal/build/client'),
      target.routeId,
    );
    const html = await (
      await fetch(`${server.url}${target.path}`, { headers: { cookie: cookieHeader } })
    ).text();
    const serverRendered = html.includes(target.dataText) && !/Loading…/.test(html);

    const paints = [];
    const dataShown = [];
    for (let run = 0; run < 11; run += 1) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${server.url}${target.path}`, { waitUntil: 'commit' });
      await page.locator('main').getByText(target.dataText).first().waitFor();
      const shown = Date.now() - started;
      const fcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({
              type: 'paint',
              buffered: true,
            });
          }),
      );
      if (run > 0) {
        paints.push(fcp);
        dataShown.push(shown);
      }
      await context.close();
    }
    console.log(
      `${target.name}: first-load JavaScript ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip (${bundle.files.length} files, target <= 150 KB); ` +
        `first contentful paint median ${median(paints).toFixed(0)} ms (target <= 300 ms); ` +
        `real data on screen median ${median(dataShown).toFixed(0)} ms; ` +
        `data in the server HTML: ${serverRendered ? 'yes' : 'NO'}`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
