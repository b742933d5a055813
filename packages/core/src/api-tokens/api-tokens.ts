import * as z from 'zod';

import { projectNameSchema } from '../projects';

/**
 * Personal API tokens: `mls_<id>_<secret>`. The id names the stored record (one GetItem), the
 * secret is compared with the stored hash; the prefix tells a token from an IdP ID token (a JWT)
 * and lets secret scanners recognise a leaked one.
 */
export const apiTokenPrefix = 'mls_';

/** 8 random bytes in lower-case hex: key values are lower-cased by the data layer anyway. */
const idPattern = '[0-9a-f]{16}';
/** 32 random bytes in base64url. */
const secretPattern = '[A-Za-z0-9_-]{43}';
const tokenPattern = new RegExp(`^${apiTokenPrefix}(${idPattern})_(${secretPattern})$`);

export function formatApiToken(id: string, secret: string): string {
  return `${apiTokenPrefix}${id}_${secret}`;
}

/** The id and secret of a well-formed token, or null. */
export function parseApiToken(text: string): { id: string; secret: string } | null {
  const match = tokenPattern.exec(text);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** True when a bearer credential is meant as an API token (so it is never tried as a JWT). */
export function looksLikeApiToken(text: string): boolean {
  return text.startsWith(apiTokenPrefix);
}

export const apiTokenScopes = ['read', 'write'] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

/** Personal tokens are made by people; notebook tokens by MLSpace for a running notebook. */
export type ApiTokenKind = 'personal' | 'notebook';

/** At most this many projects per token: it is checked on every request. */
export const maxProjectsPerToken = 20;

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N} ._()-]+$/u, 'may hold letters, digits, spaces and . _ ( ) - only');

export const createApiTokenInputSchema = z.object({
  name: apiTokenNameSchema,
  scope: z.enum(apiTokenScopes, { message: 'must be read or write' }),
  /** Empty: every project the owner belongs to. */
  projects: z
    .array(projectNameSchema)
    .max(maxProjectsPerToken, `may list at most ${maxProjectsPerToken} projects`)
    .refine((names) => new Set(names).size === names.length, 'lists a project twice')
    .default([]),
  expiresInDays: z
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day'),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInputSchema>;

/** What a user and an admin see of a token: never the secret or its hash. */
export interface ApiTokenView {
  id: string;
  owner: string;
  name: string;
  kind: ApiTokenKind;
  scope: ApiTokenScope;
  /** Empty: every project the owner belongs to. */
  projects: string[];
  /** `<project>/<notebook>` for a notebook's credentials. */
  notebook: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The one answer that carries the secret: the response to creating the token. */
export interface CreatedApiToken {
  token: ApiTokenView;
  /** `mls_<id>_<secret>`; MLSpace keeps only its hash and cannot show it again. */
  secret: string;
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export function apiTokenStatus(token: ApiTokenView, now: Date): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}
