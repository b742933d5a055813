/**
 * A record, under the data folder, of every child process local mode starts (one file per pid),
 * so that the next start can end what an earlier run left behind when it was killed without a
 * chance to stop its children (kill -9, the OOM killer, a power cut of the terminal).
 * A record holds the child's command line as /proc showed it; a process is only ended when its
 * command line still matches, so a pid the system has since given to another program is left alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface ProcessRecord {
  pid: number;
  /** What the process is, in words: "DynamoDB Local", "Jupyter for notebook nb1". */
  label: string;
  cmdline: string;
  /** The child leads its own process group; ending it ends the group. */
  group: boolean;
  /** The MLSpace process that started it; while that one runs, the child is not a leftover. */
  owner: { pid: number; cmdline: string };
}

let recordsDir: string | null = null;
let reaper: ChildProcess | null = null;

/**
 * Turns recording on for this process (local mode's server does, tests do not), and starts the
 * reaper (reaper-runner.mjs) that ends the recorded children as soon as this process dies.
 */
export function recordProcessesIn(dir: string): void {
  mkdirSync(dir, { recursive: true });
  recordsDir = dir;
  reaper ??= startReaper();
}

function startReaper(): ChildProcess {
  const runner = createRequire(import.meta.url).resolve('@mlspace/local/reaper-runner');
  // Its own process group, so a signal to the server's group does not take it down first.
  const child = spawn(process.execPath, [runner], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  child.stdin?.on('error', () => undefined);
  return child;
}

function tellReaper(message: object): void {
  if (reaper?.stdin?.writable) reaper.stdin.write(`${JSON.stringify(message)}\n`);
}

function commandLineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

/** Notes a running child; the record goes when the child exits. */
export function recordProcess(
  child: ChildProcess,
  label: string,
  options: { group?: boolean } = {},
): void {
  const dir = recordsDir;
  const pid = child.pid;
  if (!dir || pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const cmdline = commandLineOf(pid);
  if (cmdline === null) return;
  const file = path.join(dir, `${pid}.json`);
  const record: ProcessRecord = {
    pid,
    label,
    cmdline,
    group: options.group ?? false,
    owner: { pid: process.pid, cmdline: commandLineOf(process.pid) ?? '' },
  };
  writeFileSync(file, JSON.stringify(record));
  tellReaper({ pid, cmdline, group: record.group });
  child.once('exit', () => {
    rmSync(file, { force: true });
    tellReaper({ forget: pid });
  });
}

/**
 * True once the whole process is gone. Its command line empties as soon as the main thread has
 * exited, but other threads (a JVM has dozens) keep its sockets open until they end too.
 */
function hasExited(pid: number): boolean {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return true;
  }
  const state = /^State:\s+(\S)/m.exec(status)?.[1];
  const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
  return state === 'Z' && threads <= 1;
}

function readRecords(dir: string): ProcessRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ProcessRecord];
    } catch {
      return [];
    }
  });
}

function signal(record: ProcessRecord, signalName: NodeJS.Signals): void {
  try {
    process.kill(record.group ? -record.pid : record.pid, signalName);
  } catch {
    // Already gone.
  }
}

/**
 * Ends every process an earlier run recorded in `dir` that is still the program it was (SIGTERM,
 * then SIGKILL after `graceMs`), clears the records, and returns what it ended, in words.
 */
export async function endLeftoverProcesses(dir: string, graceMs = 3_000): Promise<string[]> {
  // A zombie (killed, not yet reaped) has an empty command line, so it no longer counts.
  const isRunning = (record: ProcessRecord) => commandLineOf(record.pid) === record.cmdline;
  // Another MLSpace still running on this data folder keeps its children (its ports then say so).
  const ownerRunning = (record: ProcessRecord) =>
    record.owner !== undefined && commandLineOf(record.owner.pid) === record.owner.cmdline;
  const records = readRecords(dir);
  if (records.some(ownerRunning)) return [];
  const alive = records.filter(isRunning);
  const waitForExit = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && !alive.every((record) => hasExited(record.pid)))
      await new Promise((resolve) => setTimeout(resolve, 50));
  };
  for (const record of alive) signal(record, 'SIGTERM');
  await waitForExit(graceMs);
  // Whatever is left, the leader or what it started in its group, is ended for good; its ports
  // are free once it has exited.
  for (const record of alive) if (!hasExited(record.pid) || record.group) signal(record, 'SIGKILL');
  await waitForExit(2_000);
  rmSync(dir, { recursive: true, force: true });
  return alive.map((record) => `${record.label} (pid ${record.pid})`);
}
