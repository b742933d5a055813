import { http, HttpResponse, type HttpHandler } from 'msw';

/** What an operation stub returns: a result body, or an AWS error. */
export type AwsJsonResult =
  Record<string, unknown> | { __error: string; message: string; status?: number };
export type AwsJsonOperation = (
  body: Record<string, unknown>,
  request: Request,
) => AwsJsonResult | Promise<AwsJsonResult>;

const jsonType = { 'content-type': 'application/x-amz-json-1.1' };

export function awsJsonError(type: string, message: string, status = 400) {
  return { __error: type, message, status };
}

/**
 * An msw handler for an awsJson1_1 service (SageMaker, CloudWatch Logs, EMR): dispatches on
 * `X-Amz-Target` (`SageMaker.CreateNotebookInstance` → `CreateNotebookInstance`). An operation
 * with no stub answers UnknownOperationException, so a test fails loudly on an unexpected call.
 * `calls` records every request as `{ operation, body }`, in order.
 */
export function awsJsonService(
  url: string,
  operations: Record<string, AwsJsonOperation>,
  calls: { operation: string; body: Record<string, unknown> }[] = [],
): HttpHandler {
  return http.post(url, async ({ request }) => {
    const operation = (request.headers.get('x-amz-target') ?? '').split('.').pop() ?? '';
    const body = (await request.json()) as Record<string, unknown>;
    calls.push({ operation, body });
    const stub = operations[operation];
    if (!stub) {
      return HttpResponse.json(
        { __type: 'UnknownOperationException', message: `No stub for ${operation}` },
        { status: 400, headers: jsonType },
      );
    }
    const result = await stub(body, request);
    if ('__error' in result && typeof result.__error === 'string') {
      return HttpResponse.json(
        { __type: result.__error, message: result.message },
        { status: Number(result.status ?? 400), headers: jsonType },
      );
    }
    return HttpResponse.json(result, { headers: jsonType });
  });
}

/** Fails the first `times` calls with a ThrottlingException (the SDK retries those), then runs `then`. */
export function throttledFirst(times: number, then: AwsJsonOperation): AwsJsonOperation {
  let remaining = times;
  return (body, request) => {
    if (remaining > 0) {
      remaining -= 1;
      return awsJsonError('ThrottlingException', 'Rate exceeded');
    }
    return then(body, request);
  };
}
