import { auditItem, type AuditInput } from '../audit';
import type { TxOp } from '../tx';

export function auditOp(input: AuditInput, at: string): TxOp {
  return ({ auditEvent }) => auditEvent.create(auditItem(input, at)).commit();
}
