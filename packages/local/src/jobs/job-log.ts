import { appendFileSync, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';

import type { LogLine, LogPage } from '@mlspace/core';

/**
 * A job's log: one JSON line per output line (`{"at","message"}`), so a page can be read from a
 * byte offset and the offset handed back as the cursor.
 */
export function appendLogLine(file: string, message: string, at = new Date()): LogLine {
  const line = { at: at.toISOString(), message };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
  return line;
}

const maxPageBytes = 256 * 1024;

export async function readLogPage(file: string, cursor?: string, limit = 1000): Promise<LogPage> {
  const start = cursor ? Number.parseInt(cursor, 10) || 0 : 0;
  if (!existsSync(file)) return { lines: [], cursor: String(start) };
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(maxPageBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxPageBytes, start);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const lines: LogLine[] = [];
    let consumed = 0;
    for (const raw of text.split('\n').slice(0, -1)) {
      if (lines.length >= limit) break;
      consumed += Buffer.byteLength(raw) + 1;
      try {
        lines.push(JSON.parse(raw) as LogLine);
      } catch {
        lines.push({ at: new Date().toISOString(), message: raw });
      }
    }
    return { lines, cursor: String(start + consumed) };
  } finally {
    await handle.close();
  }
}
