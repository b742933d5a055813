import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

import { recordProcess } from '../process-records';

/**
 * Starts a command as the leader of its own process group, so stopping it ends its children too.
 * The group is recorded (see process-records.ts): a detached group survives its parent's death,
 * so the next start ends it if MLSpace could not.
 */
export function spawnGroup(
  command: string,
  args: string[],
  options: SpawnOptions,
  label = `${path.basename(command)} ${path.basename(args[0] ?? '')}`.trim(),
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  recordProcess(child, label, { group: true });
  return child;
}

/** SIGTERM to the whole group, then SIGKILL after `graceMs` if anything is left. */
export function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Children that ignored SIGTERM outlive the leader; end them too.
      signalGroup(pid, 'SIGKILL');
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Runs a command to completion; rejects with its stderr when it fails. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim()}`)),
    );
  });
}
