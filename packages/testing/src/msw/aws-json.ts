import { http, HttpResponse, type HttpHandler } from 'msw';

import { contractChecked } from '../contract/checked-handlers';
import { serviceByTargetPrefix } from '../contract/service-models';
import { validate, validateErrorCode, type Violation } from '../contract/validate';
import { recordContractViolations } from '../contract/violations';

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
 * An msw handler for an awsJson1_1 service (SageMaker, CloudWatch Logs, Secrets Manager):
 * dispatches on `X-Amz-Target` (`SageMaker.CreateNotebookInstance` → `CreateNotebookInstance`).
 * An operation with no stub answers UnknownOperationException, so a test fails loudly on an
 * unexpected call. `calls` records every request as `{ operation, body }`, in order.
 *
 * Every request and answer is checked against the service's model (ADR 014): a request the model
 * refuses is answered with the ValidationException AWS would send, and every violation, of the
 * request or of the stub's answer, fails the test through mockHttp.
 */
export function awsJsonService(
  url: string,
  operations: Record<string, AwsJsonOperation>,
  calls: { operation: string; body: Record<string, unknown> }[] = [],
): HttpHandler {
  const handler = http.post(url, async ({ request }) => {
    const target = request.headers.get('x-amz-target') ?? '';
    const [prefix = '', operation = ''] = target.split('.');
    const body = (await request.json()) as Record<string, unknown>;
    calls.push({ operation, body });
    const service = serviceByTargetPrefix(prefix);
    const check = (direction: 'request' | 'response' | 'error', violations: Violation[]) => {
      recordContractViolations(service ?? prefix, operation, direction, violations);
      return violations;
    };
    if (!service) {
      check('request', [
        { path: '(X-Amz-Target)', rule: `no service model answers to the prefix ${prefix}` },
      ]);
    }
    const refused = service ? check('request', validate(service, operation, 'input', body)) : [];
    if (refused.length > 0) {
      const message = refused.map((v) => `${v.path}: ${v.rule}`).join('; ');
      return errorResponse('ValidationException', `Contract check: ${message}`, 400);
    }
    const stub = operations[operation];
    if (!stub) return errorResponse('UnknownOperationException', `No stub for ${operation}`, 400);
    const result = await stub(body, request);
    if ('__error' in result && typeof result.__error === 'string') {
      if (service) check('error', validateErrorCode(service, operation, result.__error));
      return errorResponse(result.__error, String(result.message), Number(result.status ?? 400));
    }
    // What goes over the wire: undefined members dropped, dates as JSON has them.
    const sent: unknown = JSON.parse(JSON.stringify(result));
    if (service) check('response', validate(service, operation, 'output', sent));
    return HttpResponse.json(sent as Record<string, unknown>, { headers: jsonType });
  });
  return contractChecked(handler);
}

function errorResponse(type: string, message: string, status: number) {
  return HttpResponse.json({ __type: type, message }, { status, headers: jsonType });
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
