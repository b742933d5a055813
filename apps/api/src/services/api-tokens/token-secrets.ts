/**
 * The secret half of an API token: 32 random bytes, kept only as its SHA-256. A secret of that
 * entropy needs no slow hash (nothing to guess), and comparing digests in constant time leaks
 * nothing about how much of a guess matched.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { formatApiToken } from '@mlspace/core';

export interface NewTokenSecret {
  id: string;
  /** `mls_<id>_<secret>`: what the user receives, once. */
  text: string;
  secretHash: string;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newTokenSecret(): NewTokenSecret {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, text: formatApiToken(id, secret), secretHash: hashTokenSecret(secret) };
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const presented = Buffer.from(hashTokenSecret(secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
