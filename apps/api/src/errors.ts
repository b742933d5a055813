import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
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
];

/** The one mapping from domain errors to tRPC codes; anything unknown stays an internal error. */
export function toTRPCError(error: unknown): TRPCError | null {
  if (!(error instanceof DomainError)) return null;
  const code = codeByError.find(([type]) => error instanceof type)?.[1] ?? 'INTERNAL_SERVER_ERROR';
  return new TRPCError({ code, message: error.message, cause: error });
}
