/**
 * The one initTRPC. Procedures are built from these bases:
 * - publicProcedure: anyone, signed in or not (banner, login settings);
 * - accountProcedure: any signed-in user, suspended ones included (their own account status);
 * - activeProcedure: a signed-in user who is not suspended;
 * - adminProcedure: an active administrator;
 * - serviceProcedure(service): an active user; changes are refused while an administrator has
 *   deactivated the service, reads of what exists are not.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

import type { ConfigurableService } from '@mlspace/core';

import {
  DomainError,
  ForbiddenError,
  UnauthenticatedError,
  canAdministerUsers,
  canSeeOwnAccount,
  assertAllowed,
} from '@mlspace/core';

import { withAuditCredential } from '@mlspace/db';

import type { Context } from './context';
import { toTRPCError } from './errors';
import { assertTokenMayCall, describeTokenForAudit } from './services/api-tokens/token-scope';

/** What a procedure declares about itself for the middlewares. */
export interface ProcedureMeta {
  /** A mutation that only reads (a presigned download link): allowed while its service is deactivated. */
  readOnly?: boolean;
}

const trpcBuilder = initTRPC.context<Context>().meta<ProcedureMeta>();

const t = trpcBuilder.create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    // Failures outside procedures (context creation) skip the mapping middleware; map them here.
    const mapped = error.code === 'INTERNAL_SERVER_ERROR' ? toTRPCError(error.cause) : null;
    if (mapped) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY[mapped.code],
        message: mapped.message,
        data: {
          ...shape.data,
          code: mapped.code,
          httpStatus: getHTTPStatusCodeFromError(mapped),
          stack: undefined,
          fieldErrors: null,
        },
      };
    }
    return {
      ...shape,
      // An unexpected failure's message is an internal detail (a host, a library's wording).
      message: zodError
        ? describeZodError(zodError)
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? 'Something went wrong on the server; it has been logged'
          : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zodError
          ? zodError.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
          : domainFieldErrors(error.cause),
      },
    };
  },
});

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** A domain error about one input (a refused storage location) is shown next to that field too. */
function domainFieldErrors(cause: unknown): { path: string; message: string }[] | null {
  return cause instanceof DomainError && cause.field
    ? [{ path: cause.field, message: cause.rule }]
    : null;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const accountProcedure = publicProcedure.use(({ ctx, type, meta, next }) => {
  if (ctx.authError) throw toTRPCError(ctx.authError) ?? new TRPCError({ code: 'UNAUTHORIZED' });
  if (!ctx.caller) throw toTRPCError(new UnauthenticatedError('Sign in first'));
  assertAllowed(canSeeOwnAccount(ctx.caller.user));
  const caller = ctx.caller;
  if (!caller.token) return next({ ctx: { ...ctx, caller } });
  assertTokenMayCall(caller.token, type, meta);
  // Every audit event this call writes names the token besides its owner (ADR 020).
  return withAuditCredential(describeTokenForAudit(caller.token), () =>
    next({ ctx: { ...ctx, caller } }),
  );
});

export const activeProcedure = accountProcedure.use(({ ctx, next }) => {
  if (ctx.caller.user.suspended) throw toTRPCError(new ForbiddenError('Your account is suspended'));
  return next();
});

export const adminProcedure = activeProcedure.use(({ ctx, next }) => {
  assertAllowed(canAdministerUsers(ctx.caller.user));
  return next();
});

/**
 * Deactivating a service stops new work, not access to what exists: queries (lists, details,
 * logs, downloads) still answer, and every mutation (create, start, stop, update, delete) is
 * refused until an administrator activates the service again.
 */
export function serviceProcedure(service: ConfigurableService) {
  return activeProcedure.use(async ({ ctx, type, meta, next }) => {
    if (type !== 'query' && !meta?.readOnly) await ctx.configService.assertServiceActive(service);
    return next();
  });
}
