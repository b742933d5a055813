import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A job's record kept beside its files (`state.json`), so describe works after a restart. */
export function writeState<T>(directory: string, state: T): void {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'state.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function readState<T>(directory: string): T | null {
  const file = path.join(directory, 'state.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Splits a stream into lines, keeping a partial line until its end arrives. */
export function lineSplitter(onLine: (line: string) => void) {
  let pending = '';
  return {
    push(chunk: Buffer | string) {
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
