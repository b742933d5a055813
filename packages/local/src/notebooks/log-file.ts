import { createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

import { ValidationError, type LogPage } from '@mlspace/core';

/**
 * A notebook's log: one line per entry, `<ISO time> <message>`, appended by the server and its
 * lifecycle scripts. Readers page through it by byte offset, which is the cursor they get back.
 */
export interface LogWriter {
  /** Writes complete lines; a chunk's trailing partial line waits for the next chunk. */
  write(chunk: Buffer | string): void;
  line(message: string): void;
  close(): Promise<void>;
}

export function openLogWriter(file: string): LogWriter {
  const stream: WriteStream = createWriteStream(file, { flags: 'a' });
  let pending = '';
  const emit = (message: string) => stream.write(`${new Date().toISOString()} ${message}\n`);
  return {
    write(chunk) {
      const lines = (pending + chunk.toString()).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const message of lines) emit(message);
    },
    line: emit,
    close() {
      if (pending) emit(pending);
      pending = '';
      return new Promise((resolve) => stream.end(resolve));
    },
  };
}

const maxPageBytes = 256 * 1024;

export async function readLogPage(
  file: string,
  cursor: string | undefined,
  limit = 500,
): Promise<LogPage> {
  let start = 0;
  if (cursor !== undefined) {
    start = Number(cursor);
    if (!Number.isSafeInteger(start) || start < 0)
      throw new ValidationError('cursor', 'is not a cursor this log returned');
  }
  const size = await stat(file).then(
    (info) => info.size,
    () => 0,
  );
  if (start >= size) return { lines: [], cursor: String(Math.min(start, size)) };
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size - start, maxPageBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    // Only complete lines: a line still being written is returned on the next read.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const rawLines = complete.split('\n').slice(0, -1);
    const taken = rawLines.slice(0, limit);
    const consumed = Buffer.byteLength(taken.map((line) => `${line}\n`).join(''), 'utf8');
    return {
      lines: taken.map((line) => {
        const space = line.indexOf(' ');
        return space > 0
          ? { at: line.slice(0, space), message: line.slice(space + 1) }
          : { at: '', message: line };
      }),
      cursor: String(start + consumed),
    };
  } finally {
    await handle.close();
  }
}
