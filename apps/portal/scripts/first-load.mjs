// The JavaScript a browser downloads to show one route on first load, read from React Router's
// build manifest: the client entry, the root route and the route's module with all their imports.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export function firstLoadJavaScript(clientDir, routeId) {
  const assets = path.join(clientDir, 'assets');
  const manifestFile = readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestFile)
    throw new Error(`No React Router manifest in ${assets}: build the portal first`);
  const source = readFileSync(path.join(assets, manifestFile), 'utf8');
  const manifest = JSON.parse(source.slice(source.indexOf('=') + 1).replace(/;\s*$/, ''));
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`Route ${routeId} is not in the manifest`);
  const files = new Set([
    `/assets/${manifestFile}`,
    manifest.entry.module,
    ...manifest.entry.imports,
    manifest.routes.root.module,
    ...manifest.routes.root.imports,
    route.module,
    ...route.imports,
  ]);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(path.join(clientDir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files], rawBytes: raw, gzipBytes: gzip };
}
