import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, expect, test } from 'vitest';

import { endLeftoverProcesses, recordProcess, recordProcessesIn } from './process-records';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function recordsDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlspace-records-'));
  dirs.push(dir);
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
  } catch {
    return false;
  }
}

/** As if the MLSpace server that recorded the child had been killed (this test process is alive). */
function markOwnerDead(file: string): void {
  const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...record, owner: { pid: 4_194_304, cmdline: 'gone' } }));
}

test('a recorded process group left running by an earlier run is ended and named at the next start', async () => {
  const dir = recordsDir();
  recordProcessesIn(dir);
  // Detached like Jupyter: its own process group, with a grandchild that must go too.
  const leader = spawn('bash', ['-c', 'sleep 300 & wait'], { detached: true, stdio: 'ignore' });
  leader.unref();
  recordProcess(leader, 'Jupyter for notebook nb1', { group: true });
  markOwnerDead(path.join(dir, `${leader.pid}.json`));
  await new Promise((resolve) => setTimeout(resolve, 200));

  const ended = await endLeftoverProcesses(dir);

  expect(ended).toEqual([`Jupyter for notebook nb1 (pid ${leader.pid})`]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(isRunning(leader.pid!)).toBe(false);
});

test('a recorded pid that now belongs to another program is left alone', async () => {
  const dir = recordsDir();
  const other = spawn('sleep', ['300'], { stdio: 'ignore' });
  try {
    // As if an earlier run's child had this pid, with another command line.
    writeFileSync(
      path.join(dir, `${other.pid}.json`),
      JSON.stringify({
        pid: other.pid,
        label: 'DynamoDB Local',
        cmdline: 'java\0-jar\0',
        group: false,
      }),
    );

    const ended = await endLeftoverProcesses(dir);

    expect(ended).toEqual([]);
    expect(isRunning(other.pid!)).toBe(true);
  } finally {
    other.kill('SIGKILL');
  }
});

test('the children of an MLSpace that is still running are not leftovers', async () => {
  const dir = recordsDir();
  recordProcessesIn(dir);
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  try {
    recordProcess(child, 'DynamoDB Local');

    const ended = await endLeftoverProcesses(dir);

    expect(ended).toEqual([]);
    expect(isRunning(child.pid!)).toBe(true);
  } finally {
    child.kill('SIGKILL');
  }
});
