// The JavaScript a browser downloads to show one route on first load, read from React Router's
// build manifest: the client entry, the module of the route and of every layout above it (root,
// shell, project...) with all their imports, and the route manifest. With server rendering and
// lazy route discovery (React Router's default, which this portal keeps) the page inlines only the
// matched routes' part of the manifest and never loads the whole manifest file, so that part is
// what is counted.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';

function readManifest(assets) {
  const manifestFile = readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestFile)
    throw new Error(`No React Router manifest in ${assets}: build the portal first`);
  const source = readFileSync(path.join(assets, manifestFile), 'utf8');
  return {
    manifest: JSON.parse(source.slice(source.indexOf('=') + 1).replace(/;\s*$/, '')),
  };
}

export function firstLoadJavaScript(clientDir, routeId) {
  const { manifest } = readManifest(path.join(clientDir, 'assets'));
  if (!manifest.routes[routeId]) throw new Error(`Route ${routeId} is not in the manifest`);
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  const matched = {};
  for (let id = routeId; id; id = manifest.routes[id].parentId) {
    const route = manifest.routes[id];
    matched[id] = route;
    files.add(route.module);
    for (const imported of route.imports ?? []) files.add(imported);
  }
  const inlined = Buffer.from(JSON.stringify({ ...manifest, routes: matched }, null, 2));
  let raw = inlined.length;
  let gzip = gzipSync(inlined, { level: 9 }).length;
  for (const file of files) {
    const content = readFileSync(path.join(clientDir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files], rawBytes: raw, gzipBytes: gzip };
}
