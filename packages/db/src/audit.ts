import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What an AuditEvent records; `before`/`after` are summaries, never secrets. */
export interface AuditInput {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The credential a request acts with, when it is not the owner's own sign-in (an API token):
 * every audit event written while `fn` runs records it, without each repository call passing it.
 */
const requestCredential = new AsyncLocalStorage<string>();

export function withAuditCredential<T>(credential: string, fn: () => T): T {
  return requestCredential.run(credential, fn);
}

export function auditItem(input: AuditInput, at: string) {
  const via = requestCredential.getStore();
  return {
    ...(via ? { via } : {}),
    id: randomUUID(),
    actor: input.actor,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    changes: JSON.stringify({ before: input.before ?? null, after: input.after ?? null }),
    at,
  };
}
