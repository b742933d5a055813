import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface IdpSecrets {
  /** Private JWKS (RS256) that signs ID tokens; the public half is served at `<issuer>/jwks`. */
  jwks: { keys: Array<Record<string, unknown>> };
  /** Keys for oidc-provider's signed cookies. */
  cookieKeys: string[];
}

/**
 * Loads the signing and cookie keys from `dataDir`, creating them on first start.
 * Keeping them on disk is what lets tokens and IdP sessions outlive a restart.
 */
export function loadOrCreateIdpSecrets(dataDir: string): IdpSecrets {
  mkdirSync(dataDir, { recursive: true });
  const jwks = loadOrCreate(path.join(dataDir, 'jwks.json'), () => ({
    keys: [generateSigningKey()],
  }));
  const cookieKeys = loadOrCreate(path.join(dataDir, 'cookie-keys.json'), () => [
    randomBytes(32).toString('base64url'),
  ]);
  return { jwks, cookieKeys };
}

function generateSigningKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function loadOrCreate<T>(file: string, create: () => T): T {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = create();
  writeJsonAtomically(file, value);
  return value;
}

/** Write-then-rename so a crash never leaves a half-written key file behind. */
export function writeJsonAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
  renameSync(temporary, file);
}
