import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

import {
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '@mlspace/core';

const codeByError: Array<[new (...args: never[]) => DomainError, TRPC_ERROR_CODE_KEY]> = [
  [UnauthenticatedError, 'UNAUTHORIZED'],
  [ForbiddenError, 'FORBIDDEN'],
  [NotFoundError, 'NOT_FOUND'],
  [ConflictError, 'CONFLICT'],
  [ValidationError, 'BAD_REQUEST'],
  [UnavailableError, 'PRECONDITION_FAILED'],
  [RateLimitedError, 'TOO_MANY_REQUESTS'],
  [DependencyUnavailableError, 'SERVICE_UNAVAILABLE'],
];

/** A dependency failure may arrive wrapped (ElectroDB wraps every client error); find it. */
function unavailableDependencyIn(error: unknown): DependencyUnavailableError | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof DependencyUnavailableError) return current;
    current = current.cause;
  }
  return null;
}

/** The one mapping from domain errors to tRPC codes; anything unknown stays an internal error. */
export function toTRPCError(error: DomainError): TRPCError;
export function toTRPCError(error: unknown): TRPCError | null;
export function toTRPCError(error: unknown): TRPCError | null {
  const unavailable = unavailableDependencyIn(error);
  if (unavailable)
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: unavailable.message,
      cause: unavailable,
    });
  if (!(error instanceof DomainError)) return null;
  const code = codeByError.find(([type]) => error instanceof type)?.[1] ?? 'INTERNAL_SERVER_ERROR';
  return new TRPCError({ code, message: error.message, cause: error });
}
