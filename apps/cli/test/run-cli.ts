import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle the packed package ships (built by the test's setup), so what is tested is what installs. */
export const bundledCli = path.join(cliRoot, 'dist', 'mlspace.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The whole environment: nothing of the test runner's (no MLSPACE_* of the machine) leaks in. */
  env: Record<string, string>;
  input?: string;
  cwd?: string;
  /** Called with each chunk of stderr and the child, to interrupt it at a chosen moment. */
  onStderr?: (text: string, child: ChildProcess) => void;
}

export function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundledCli, ...args], {
      cwd: options.cwd ?? cliRoot,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    );
    child.stdin.end(options.input ?? '');
  });
}
