import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import { UnavailableError } from '@mlspace/core';

/** A child process MLSpace started and must stop on exit. */
export interface ManagedProcess {
  readonly name: string;
  stop(): Promise<void>;
}

export async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
  if (!free) {
    throw new UnavailableError(
      `Port ${port} (${what}) is in use: stop whatever uses it, or set ${envName} to another port.`,
    );
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function commandExists(
  command: string,
  args: string[] = ['--version'],
): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', () => resolve(true));
  });
}

/** Polls `probe` until it resolves true, or fails with the process's last output. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  { timeoutMs, what, child }: { timeoutMs: number; what: string; child?: ChildProcess },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let output = '';
  child?.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child?.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode}: ${output.trim()}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms: ${output.trim()}`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
