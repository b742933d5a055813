import { TRPCClientError } from '@trpc/client';

/** One input that was refused, as the API's error formatter sends it (`ValidationError(field, rule)`). */
export interface FieldError {
  /** The input path, dot-separated (`inputs.0.s3Uri`). */
  path: string;
  message: string;
}

/**
 * Every failure of a call through the client: the API's refusal (its tRPC code, HTTP status,
 * sentence and field errors) or a request that never got an answer (`NETWORK_ERROR`, no status).
 */
export class MlspaceError extends Error {
  override readonly name = 'MlspaceError';

  constructor(
    message: string,
    /** tRPC's code (`UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_REQUEST`, …) or `NETWORK_ERROR`. */
    readonly code: string,
    /** The HTTP status the API answered with; undefined when no answer arrived. */
    readonly status: number | undefined,
    readonly fieldErrors: FieldError[] = [],
    /** The procedure that was called (`datasets.list`). */
    readonly procedure?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  fieldErrors?: unknown;
}

function fieldErrorsOf(data: ErrorData | undefined): FieldError[] {
  if (!Array.isArray(data?.fieldErrors)) return [];
  return data.fieldErrors.flatMap((entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as FieldError).path === 'string' &&
    typeof (entry as FieldError).message === 'string'
      ? [{ path: (entry as FieldError).path, message: (entry as FieldError).message }]
      : [],
  );
}

/** An answer that is not tRPC's JSON (a proxy's 502 page, a load balancer's 429). */
export class UnexpectedResponseError extends Error {
  constructor(
    readonly status: number,
    statusText: string,
  ) {
    super(`MLSpace answered ${status} ${statusText}`.trim());
  }
}

function responseStatus(error: TRPCClientError<never>): number | undefined {
  return error.cause instanceof UnexpectedResponseError ? error.cause.status : undefined;
}

const codeByStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** Any failure of a tRPC call as an MlspaceError. */
export function toMlspaceError(error: unknown, procedure?: string): MlspaceError {
  if (error instanceof MlspaceError) return error;
  if (error instanceof TRPCClientError) {
    const clientError = error as TRPCClientError<never>;
    const data = clientError.data as ErrorData | undefined;
    const status =
      typeof data?.httpStatus === 'number' ? data.httpStatus : responseStatus(clientError);
    if (typeof data?.code === 'string' || status !== undefined) {
      const code =
        typeof data?.code === 'string'
          ? data.code
          : (codeByStatus[status ?? 0] ?? (status && status >= 500 ? 'SERVER_ERROR' : 'ERROR'));
      return new MlspaceError(clientError.message, code, status, fieldErrorsOf(data), procedure, {
        cause: error,
      });
    }
    return new MlspaceError(
      `MLSpace could not be reached: ${clientError.cause?.message ?? clientError.message}`,
      'NETWORK_ERROR',
      undefined,
      [],
      procedure,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MlspaceError(message, 'NETWORK_ERROR', undefined, [], procedure, { cause: error });
}
