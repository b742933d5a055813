import { ValidationError } from '@mlspace/core';

/**
 * Cursors are opaque to callers: base64url of the DynamoDB key of the last item returned.
 * Key values here are always strings (every key attribute in table.ts is a string).
 */
export type KeyCursor = Record<string, string>;

export function encodeCursor(key: KeyCursor): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): KeyCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('cursor', 'is not a cursor this list returned');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((value) => typeof value === 'string')
  ) {
    throw new ValidationError('cursor', 'is not a cursor this list returned');
  }
  return parsed as KeyCursor;
}

/** The exclusive start key for the item, for the base table plus the queried index. */
export function keyOf(item: Record<string, unknown>, keyAttributes: readonly string[]): KeyCursor {
  const key: KeyCursor = {};
  for (const name of keyAttributes) {
    const value = item[name];
    if (typeof value === 'string') key[name] = value;
  }
  return key;
}
