import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import { assertAllowed, canReadAudit, pageInputSchema, type Page } from '@mlspace/core';
import type { AuditEventView } from '@mlspace/db';

import { activeProcedure } from '../trpc';

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' });

const listInput = pageInputSchema
  .extend({
    actor: z.string().trim().min(1).max(128).optional(),
    targetType: z.string().trim().min(1).max(64).optional(),
    targetId: z.string().trim().min(1).max(256).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
  })
  .refine((input) => !input.targetId || input.targetType, {
    message: 'choose a target type to filter by target',
    path: ['targetType'],
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'must not be before "from"',
    path: ['to'],
  });

export const auditRouter = {
  /** Newest first; filter by actor, target and time range (admins). */
  list: activeProcedure.input(listInput).query(({ ctx, input }): Promise<Page<AuditEventView>> => {
    assertAllowed(canReadAudit(ctx.caller.user));
    // Stored timestamps are UTC ISO strings, so the range bounds must be too.
    const toUtc = (value: string | undefined) =>
      value ? new Date(value).toISOString() : undefined;
    return ctx.db.audit.list({ ...input, from: toUtc(input.from), to: toUtc(input.to) });
  }),
} satisfies TRPCRouterRecord;
