// Shared by the benchmarks: start the built local server on free ports, sign in like a browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node apps/api/dist/server.js` (what `npm start` runs after building) and waits for ready.
 * `serverScript` runs another build instead (three folders below the repository, as dist is), to
 * compare a before and an after build in the same minute; `nodeArgs` go to node before it (a
 * CPU profile: `['--cpu-prof', '--cpu-prof-dir', dir]`).
 */
export async function startServer({ dataDir, serverScript, nodeArgs = [] } = {}) {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'mlspace-bench-'));
  const port = await freePort();
  const dynamoDbPort = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoDbPort),
    S3_PORT: String(await freePort()),
    MLSPACE_DATA_DIR: dir,
  };
  const started = performance.now();
  const script = serverScript ?? path.join(repoRoot, 'apps/api/dist/server.js');
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  while (!output.includes('MLSpace is ready')) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const readyMs = performance.now() - started;
  return {
    url: `http://localhost:${port}`,
    /** The stack's DynamoDB Local, for benchmarks that seed data faster than the API would. */
    dynamoDbEndpoint: `http://localhost:${dynamoDbPort}`,
    readyMs,
    dataDir: dir,
    /** The server's process id, to read its CPU time and its children's (DynamoDB Local's JVM). */
    pid: child.pid,
    stop: async (keepData = false) => {
      if (child.exitCode === null)
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGINT');
        });
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the development IdP's form with plain fetch and a cookie jar; returns the cookies. */
export async function signIn(baseUrl, username, password = 'mlspace') {
  const jar = new Map();
  const remember = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  let url = `${baseUrl}/api/auth/login`;
  let body;
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    remember(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      if (new URL(url).pathname === '/' || jar.has('mlspace_session')) break;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`No login form at ${url}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    body = new URLSearchParams({ username, password }).toString();
  }
  if (!jar.has('mlspace_session')) throw new Error('Sign-in did not produce a session');
  return header();
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
