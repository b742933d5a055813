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

export function auditItem(input: AuditInput, at: string) {
  return {
    id: randomUUID(),
    actor: input.actor,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    changes: JSON.stringify({ before: input.before ?? null, after: input.after ?? null }),
    at,
  };
}
