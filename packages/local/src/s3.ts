import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

import { stopChild, waitUntil } from './processes';
import { supervise, type SupervisedProcess } from './supervisor';

export interface LocalS3 extends SupervisedProcess {
  readonly endpoint: string;
}

export interface LocalS3Options {
  port: number;
  /** Objects and bucket configuration live here, so they survive restarts. */
  dataDir: string;
  /** Created on start when missing (names of 3 characters or more). */
  buckets: string[];
  /** Origins allowed to call S3 from a browser, typically the portal's origin. */
  corsOrigins: string[];
  /** Interface to listen on; 127.0.0.1 by default. */
  address?: string;
  /** Where restarts are reported; the console by default. */
  log?: (line: string) => void;
}

/** Starts s3rver as a child process (see s3rver-runner.mjs for why it is not in-process), and restarts it if it dies. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  mkdirSync(options.dataDir, { recursive: true });
  const address = options.address ?? '127.0.0.1';
  const config = {
    port: options.port,
    address,
    directory: options.dataDir,
    buckets: options.buckets,
    corsOrigins: options.corsOrigins,
  };
  const supervised = await supervise({
    name: 'Local S3',
    log: options.log,
    start: async () => {
      const child = spawn(
        process.execPath,
        ['--openssl-legacy-provider', runnerPath(), JSON.stringify(config)],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let ready = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"ready":true')) ready = true;
      });
      try {
        await waitUntil(async () => ready, { timeoutMs: 60_000, what: 's3rver', child });
      } catch (error) {
        await stopChild(child);
        throw error;
      }
      child.stderr.resume();
      return child;
    },
  });
  const host = address.includes(':') ? `[${address}]` : address;
  return Object.assign(supervised, { endpoint: `http://${host}:${options.port}` });
}

/** Settings for an `S3Client` talking to s3rver, which accepts only these credentials and path-style URLs. */
export function localS3ClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
}

// Resolved through the package name rather than next to this file, because the API's build bundles
// this module into another folder while the runner stays here.
function runnerPath(): string {
  return createRequire(import.meta.url).resolve('@mlspace/local/s3rver-runner');
}
