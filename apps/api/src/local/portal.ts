import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';

import { createRequestHandler, type ServerBuild } from 'react-router';

import { UnavailableError } from '@mlspace/core';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.js', '.css', '.svg', '.json', '.txt']);

/** The portal's built server (SSR) and client assets, loaded by path: the API never imports the portal. */
export async function loadPortal(buildDir: string) {
  const serverEntry = path.join(buildDir, 'server/index.js');
  if (!existsSync(serverEntry)) {
    throw new UnavailableError(
      `The portal is not built (${serverEntry} is missing): run npm run build.`,
    );
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const clientDir = path.join(buildDir, 'client');
  return {
    handleDocument: createRequestHandler(build, 'production'),
    /** Serves a file from the client build, or returns false so the request falls through to SSR. */
    async serveStatic(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (pathname === '/' || pathname.includes('\0')) return false;
      const file = path.join(clientDir, pathname);
      if (!file.startsWith(clientDir + path.sep)) return false;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return false;
      const extension = path.extname(file);
      const headers: Record<string, string> = {
        'content-type': contentTypes[extension] ?? 'application/octet-stream',
        'cache-control': pathname.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      };
      const gzip =
        compressible.has(extension) &&
        /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip) headers['content-encoding'] = 'gzip';
      else headers['content-length'] = String(info.size);
      res.writeHead(200, headers);
      const stream = createReadStream(file);
      (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
      return true;
    },
  };
}
