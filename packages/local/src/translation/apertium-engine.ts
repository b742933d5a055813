/**
 * Two ways to run Apertium on HTML: `apertium-apy` kept running (its pipelines stay loaded, so a
 * request costs only the translation) or `apertium` spawned per request (about 1.5 s of start-up
 * each). The backend uses the server when it is installed (ADR 017 has the measurements); the
 * benchmark measures both.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { UnavailableError } from '@mlspace/core';

import { commandExists, findFreePort, stopChild, waitUntil } from '../processes';
import { supervise, type SupervisedProcess } from '../supervisor';

export interface ApertiumEngine {
  readonly kind: 'apy' | 'spawn';
  /** Translates HTML (text must be escaped first) with the pair `mode`, e.g. `eng-spa`. */
  translateHtml(mode: string, html: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `apertium -u -f html <mode> <file>`: unknown words are not starred, markup is kept. The input
 * goes through a file, since Apertium's HTML extractor (transfuse) cannot read a pipe.
 */
export function spawnedApertium(command = 'apertium'): ApertiumEngine {
  return {
    kind: 'spawn',
    async translateHtml(mode, html) {
      const directory = await mkdtemp(path.join(tmpdir(), 'mlspace-apertium-'));
      const input = path.join(directory, 'input.html');
      try {
        await writeFile(input, html);
        return await new Promise<string>((resolve, reject) => {
          const child = spawn(command, ['-u', '-f', 'html', mode, input], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const out: Buffer[] = [];
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
          child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
          child.once('error', (error) =>
            reject(new UnavailableError(`Apertium could not run: ${error.message}`)),
          );
          child.once('close', (code) =>
            code === 0 && err.trim() === ''
              ? resolve(Buffer.concat(out).toString('utf8'))
              : reject(new UnavailableError(`Apertium failed (exit code ${code}): ${err.trim()}`)),
          );
        });
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
    stop: async () => {},
  };
}

export interface ApyOptions {
  modesDir: string;
  command?: string;
  /** Seconds a request may take; documents of a batch job take longest. */
  timeoutSeconds?: number;
  log?: (line: string) => void;
}

/** `apertium-apy` on a free port on 127.0.0.1, started on first use, restarted if it dies. */
export function apyServer(options: ApyOptions): ApertiumEngine {
  const command = options.command ?? 'apertium-apy';
  let server: Promise<{ process: SupervisedProcess; port: number }> | null = null;

  async function start() {
    const port = await findFreePort();
    const process = await supervise({
      name: 'apertium-apy',
      log: options.log,
      start: async () => {
        const child = spawn(
          command,
          ['-p', String(port), '-t', String(options.timeoutSeconds ?? 600), options.modesDir],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        try {
          await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/listPairs`)).ok, {
            timeoutMs: 60_000,
            what: 'apertium-apy',
            child,
          });
        } catch (error) {
          await stopChild(child);
          throw error;
        }
        // Its request log is not ours to keep; unread pipes would block it.
        child.stdout?.resume();
        child.stderr?.resume();
        return child;
      },
    });
    return { process, port };
  }

  return {
    kind: 'apy',
    async translateHtml(mode, html) {
      server ??= start().catch((error: unknown) => {
        server = null;
        throw new UnavailableError(
          `apertium-apy could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      const { port } = await server;
      const [source, target] = mode.split('-');
      const response = await fetch(`http://127.0.0.1:${port}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({
          q: html,
          langpair: `${source}|${target}`,
          format: 'html',
          markUnknown: 'no',
        }),
      });
      const body = (await response.json()) as {
        responseData?: { translatedText?: string };
        responseDetails?: string | null;
        responseStatus?: number;
      };
      const text = body.responseData?.translatedText;
      if (!response.ok || typeof text !== 'string')
        throw new UnavailableError(
          `apertium-apy refused the request (${body.responseStatus ?? response.status}): ${body.responseDetails ?? 'no details'}`,
        );
      return text;
    },
    async stop() {
      const running = server;
      server = null;
      if (running) await (await running.catch(() => null))?.process.stop();
    },
  };
}

/**
 * The server when `apertium-apy` is installed, else Apertium spawned per request; chosen at the
 * first translation, so a stack that never translates starts neither.
 */
export function defaultApertiumEngine(options: ApyOptions): ApertiumEngine {
  let chosen: Promise<ApertiumEngine> | null = null;
  const choose = () =>
    (chosen ??= commandExists(options.command ?? 'apertium-apy', ['--help']).then((installed) =>
      installed ? apyServer(options) : spawnedApertium(),
    ));
  return {
    kind: 'apy',
    async translateHtml(mode, html) {
      return (await choose()).translateHtml(mode, html);
    },
    async stop() {
      if (chosen) await (await chosen).stop();
    },
  };
}
