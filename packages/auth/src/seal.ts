import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for cookie values: the browser can neither read nor
 * alter what we store, and a value sealed for one purpose cannot be replayed as another.
 */
export function sealValue(secret: string, purpose: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function unsealValue(secret: string, purpose: string, sealed: string): unknown {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
}

/** Derived once per (purpose, secret): every request unseals its session cookie. */
const keys = new Map<string, Buffer>();

function keyFor(secret: string, purpose: string): Buffer {
  const name = `${purpose}\0${secret}`;
  let key = keys.get(name);
  if (!key) {
    key = createHash('sha256').update(name).digest();
    // A process knows a handful of secrets; this only guards against unbounded growth.
    if (keys.size >= 64) keys.clear();
    keys.set(name, key);
  }
  return key;
}
