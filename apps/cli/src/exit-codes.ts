/**
 * What the CLI's exit status says, so a script can tell a typo from a refusal from an outage.
 * README.md lists them; `mlspace --help` prints them.
 */
import { CommanderError } from 'commander';

import { MlspaceError } from '@mlspace/client';

export const exitCodes = {
  ok: 0,
  /** Anything not below: a bug, a local file that cannot be read or written. */
  failure: 1,
  /** The command line is wrong: unknown command or option, a missing argument, an unreadable spec. */
  usage: 2,
  /** Not signed in: no token, or the API refused it (401). */
  unauthenticated: 3,
  /** Signed in, but not allowed (403): not a member, not an admin, a read-only token. */
  forbidden: 4,
  /** MLSpace failed or could not be reached (5xx, no answer), after retries. */
  server: 5,
  /** What was named does not exist (404). */
  notFound: 6,
  /** The input broke a rule (400); the field and the rule are printed. */
  validation: 7,
  /** The state does not allow it (409, 412): a name already taken, a notebook not running. */
  conflict: 8,
  /** Still throttled after retries (429). */
  throttled: 9,
  /** `training wait` saw the job end Failed or Stopped. */
  jobFailed: 10,
} as const;

export const exitCodeHelp = `Exit codes:
  0  success
  1  other failure (a local file, an unexpected error)
  2  usage: unknown command or option, missing argument, unreadable spec file
  3  not signed in, or the token was refused (401)
  4  not allowed (403)
  5  MLSpace failed or could not be reached (5xx, network), after retries
  6  not found (404)
  7  invalid input (400): each field and its rule are printed
  8  conflict (409/412): the resource's state does not allow it
  9  throttled (429) after retries
  10 training wait: the job ended Failed or Stopped`;

/** A usage problem found after parsing (an option combination, an unreadable spec file). */
export class UsageError extends Error {}

/** A job that ended without success, for `training wait`. */
export class JobFailedError extends Error {}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof UsageError) return exitCodes.usage;
  if (error instanceof JobFailedError) return exitCodes.jobFailed;
  if (!(error instanceof MlspaceError)) return exitCodes.failure;
  switch (error.code) {
    case 'NOT_CONFIGURED':
    case 'UNAUTHORIZED':
      return exitCodes.unauthenticated;
    case 'FORBIDDEN':
      return exitCodes.forbidden;
    case 'NOT_FOUND':
      return exitCodes.notFound;
    case 'BAD_REQUEST':
    case 'PAYLOAD_TOO_LARGE':
      return exitCodes.validation;
    case 'CONFLICT':
    case 'PRECONDITION_FAILED':
      return exitCodes.conflict;
    case 'TOO_MANY_REQUESTS':
      return exitCodes.throttled;
    default:
      return error.status === undefined || error.status >= 500
        ? exitCodes.server
        : exitCodes.failure;
  }
}
