import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import { ValidationError, type ContainerSpec } from '@mlspace/core';

import { appendLogLine } from './job-log';
import { lineSplitter } from './job-state';
import { killGroup, run, spawnGroup } from './process-group';
import { defaultPython, pythonDir } from './python';
import { downloadObject, getObjectBytes, parseS3Uri } from './s3-objects';

export interface InferenceServer {
  readonly url: string;
  readonly pid: number;
  invoke(
    body: Uint8Array | string,
    contentType: string,
    accept?: string,
  ): Promise<InferenceResponse>;
  stop(): Promise<void>;
  /** Called once if the server dies without stop() (a crash, the OOM killer), with the cause. */
  onUnexpectedExit(listener: (cause: string) => void): void;
}

export interface InferenceResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
}

/**
 * Lays out a model the way SageMaker's serving containers see it: `model.tar.gz` extracted into
 * `<dir>/model`, and the inference code (`SAGEMAKER_SUBMIT_DIRECTORY`: a `.py` or a `.tar.gz` in
 * S3) in `<dir>/model/code`. Returns the model folder.
 */
export async function prepareModel(
  s3: S3Client,
  container: ContainerSpec,
  dir: string,
): Promise<string> {
  const modelDir = path.join(dir, 'model');
  const codeDir = path.join(modelDir, 'code');
  mkdirSync(codeDir, { recursive: true });
  if (container.modelDataS3Uri) {
    const tarball = path.join(dir, 'model.tar.gz');
    writeFileSync(
      tarball,
      await getObjectBytes(s3, parseS3Uri(container.modelDataS3Uri, 'container.modelDataS3Uri')),
    );
    await run('tar', ['-xzf', tarball, '-C', modelDir]);
  }
  const submitted = container.environment?.SAGEMAKER_SUBMIT_DIRECTORY;
  if (submitted?.startsWith('s3://')) {
    const location = parseS3Uri(submitted, 'container.environment.SAGEMAKER_SUBMIT_DIRECTORY');
    if (location.key.endsWith('.tar.gz')) {
      const tarball = path.join(dir, 'sourcedir.tar.gz');
      await downloadObject(s3, location, tarball);
      await run('tar', ['-xzf', tarball, '-C', codeDir]);
    } else {
      await downloadObject(s3, location, path.join(codeDir, path.posix.basename(location.key)));
    }
  }
  return modelDir;
}

export interface StartInferenceServerOptions {
  modelDir: string;
  /** The inference script's file name in `<modelDir>/code` (SAGEMAKER_PROGRAM). */
  program?: string;
  logFile: string;
  python?: string;
  readyTimeoutMs?: number;
}

/** Starts packages/local/python/inference_server.py on a free port and waits for `/ping`. */
export async function startInferenceServer(
  options: StartInferenceServerOptions,
): Promise<InferenceServer> {
  const args = [
    path.join(pythonDir(), 'inference_server.py'),
    '--model-dir',
    options.modelDir,
    '--port',
    '0',
  ];
  if (options.program) args.push('--program', options.program);
  const child = spawnGroup(
    options.python ?? defaultPython,
    args,
    {
      cwd: options.modelDir,
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: options.modelDir,
        LANG: 'C.UTF-8',
        PYTHONUNBUFFERED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
    `Inference server for ${path.basename(options.modelDir)}`,
  );
  const tail: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the inference server did not start in time')),
      options.readyTimeoutMs ?? 30_000,
    );
    const onLine = (line: string) => {
      appendLogLine(options.logFile, line);
      tail.push(line);
      if (tail.length > 10) tail.shift();
      const ready = /^\{"ready": true, "port": (\d+)\}$/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new ValidationError(
          'model',
          `the inference server exited (code ${code}): ${tail.slice(-3).join(' ').trim()}`,
        ),
      );
    });
  });
  const url = `http://127.0.0.1:${port}`;
  let stopping = false;
  const exitListeners: Array<(cause: string) => void> = [];
  child.once('exit', (code, signal) => {
    if (!stopping) exitListeners.forEach((listener) => listener(signal ?? `exit code ${code}`));
  });
  const ping = await fetch(`${url}/ping`);
  if (!ping.ok) throw new Error(`the inference server answered /ping with ${ping.status}`);
  return {
    url,
    pid: child.pid ?? 0,
    async invoke(body, contentType, accept) {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (accept) headers.accept = accept;
      const payload = typeof body === 'string' ? body : new Uint8Array(body);
      const response = await fetch(`${url}/invocations`, {
        method: 'POST',
        headers,
        body: payload,
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        body: new Uint8Array(await response.arrayBuffer()),
      };
    },
    stop: () => {
      stopping = true;
      return killGroup(child, 2000);
    },
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
  };
}
