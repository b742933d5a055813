// Ends local mode's children when the MLSpace server dies, however it dies (kill -9, the OOM
// killer): started by process-records.ts in a process group of its own, it learns each child
// from a JSON line on stdin, and when stdin ends (its parent is gone) it ends those still running.
// Usage: node reaper-runner.mjs   (stdin: {"pid":1,"cmdline":"...","group":false} or {"forget":1})
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';

const children = new Map();

function isRunning(child) {
  try {
    return readFileSync(`/proc/${child.pid}/cmdline`, 'utf8') === child.cmdline;
  } catch {
    return false;
  }
}

function signal(child, name) {
  try {
    process.kill(child.group ? -child.pid : child.pid, name);
  } catch {
    // Already gone.
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  try {
    const message = JSON.parse(line);
    if (typeof message.forget === 'number') children.delete(message.forget);
    else if (typeof message.pid === 'number') children.set(message.pid, message);
  } catch {
    // Not ours; ignore.
  }
});
lines.on('close', () => {
  const alive = [...children.values()].filter(isRunning);
  for (const child of alive) signal(child, 'SIGTERM');
  setTimeout(
    () => {
      for (const child of alive) if (isRunning(child) || child.group) signal(child, 'SIGKILL');
      process.exit(0);
    },
    alive.length > 0 ? 3_000 : 0,
  );
});
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('SIGHUP', () => {});
