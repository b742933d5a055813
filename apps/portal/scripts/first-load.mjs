// The JavaScript a browser downloads to show one route on first load, read from React Router's
// build manifest: the client entry, the manifest itself, and the module of the route and of every
// layout above it (root, shell, project...) with all their imports.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

function readManifest(assets) {
  const manifestFile = readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestFile)
    throw new Error(`No React Router manifest in ${assets}: build the portal first`);
  const source = readFileSync(path.join(assets, manifestFile), 'utf8');
  return {
    file: `/assets/${manifestFile}`,
    manifest: JSON.parse(source.slice(source.indexOf('=') + 1).replace(/;\s*$/, '')),
  };
}

export function firstLoadJavaScript(clientDir, routeId) {
  const { file: manifestFile, manifest } = readManifest(path.join(clientDir, 'assets'));
  if (!manifest.routes[routeId]) throw new Error(`Route ${routeId} is not in the manifest`);
  const files = new Set([manifestFile, manifest.entry.module, ...manifest.entry.imports]);
  for (let id = routeId; id; id = manifest.routes[id].parentId) {
    const route = manifest.routes[id];
    files.add(route.module);
    for (const imported of route.imports ?? []) files.add(imported);
  }
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(path.join(clientDir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files], rawBytes: raw, gzipBytes: gzip };
}
