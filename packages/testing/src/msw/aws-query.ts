import { http, HttpResponse, type HttpHandler } from 'msw';

import { contractChecked } from '../contract/checked-handlers';
import { decodeQueryParams, decodeXmlResult } from '../contract/query-protocol';
import { serviceModel, type ModelledService } from '../contract/service-models';
import { validate, validateErrorCode, type Violation } from '../contract/validate';
import { recordContractViolations } from '../contract/violations';
import { parseXml } from '../contract/xml';

/** An action stub's answer: the inner XML of `<Action>Result`, or an error. */
export type AwsQueryResult =
  { xml: string } | { error: { code: string; message: string; status?: number } };
export type AwsQueryAction = (params: URLSearchParams) => AwsQueryResult | Promise<AwsQueryResult>;

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * An msw handler for an AWS query-protocol service (IAM): form-encoded `Action=…` requests, XML
 * answers. `calls` records every request as `{ action, params }`, in order.
 *
 * Every request and answer is checked against the service's model (ADR 014), decoded from form
 * parameters and XML: a request the model refuses is answered with the ValidationError AWS would
 * send, and every violation fails the test through mockHttp.
 */
export function awsQueryService(
  url: string,
  actions: Record<string, AwsQueryAction>,
  calls: { action: string; params: URLSearchParams }[] = [],
  service: ModelledService = 'iam',
): HttpHandler {
  const handler = http.post(url, async ({ request }) => {
    const params = new URLSearchParams(await request.text());
    const action = params.get('Action') ?? '';
    calls.push({ action, params });
    const check = (direction: 'request' | 'response' | 'error', violations: Violation[]) => {
      recordContractViolations(service, action, direction, violations);
      return violations;
    };
    const refused = check('request', checkRequest(service, action, params));
    const stub = actions[action];
    const result: AwsQueryResult =
      refused.length > 0
        ? {
            error: {
              code: 'ValidationError',
              message: `Contract check: ${refused.map((v) => `${v.path}: ${v.rule}`).join('; ')}`,
            },
          }
        : stub
          ? await stub(params)
          : { error: { code: 'InvalidAction', message: `No stub for ${action}` } };
    const headers = { 'content-type': 'text/xml' };
    const namespace =
      serviceModel(service).xmlNamespace ?? 'https://iam.amazonaws.com/doc/2010-05-08/';
    if ('error' in result) {
      const { code, message, status = 400 } = result.error;
      if (stub && refused.length === 0) check('error', validateErrorCode(service, action, code));
      return new HttpResponse(
        `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>test</RequestId></ErrorResponse>`,
        { status, headers },
      );
    }
    check('response', checkAnswer(service, action, result.xml));
    return new HttpResponse(
      `<${action}Response xmlns="${namespace}"><${action}Result>${result.xml}</${action}Result><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></${action}Response>`,
      { headers },
    );
  });
  return contractChecked(handler);
}

function checkRequest(service: ModelledService, action: string, params: URLSearchParams) {
  const operation = serviceModel(service).operations[action];
  if (!operation) return validate(service, action, 'input', {});
  const decoded = decodeQueryParams(serviceModel(service), operation.input, params);
  return [...decoded.violations, ...validate(service, action, 'input', decoded.value, 'query')];
}

function checkAnswer(service: ModelledService, action: string, xml: string): Violation[] {
  const operation = serviceModel(service).operations[action];
  if (!operation) return validate(service, action, 'output', {});
  let result;
  try {
    result = parseXml(`<${action}Result>${xml}</${action}Result>`);
  } catch (error) {
    return [{ path: '(XML)', rule: error instanceof Error ? error.message : String(error) }];
  }
  const decoded = decodeXmlResult(serviceModel(service), operation.output, result);
  return [...decoded.violations, ...validate(service, action, 'output', decoded.value, 'query')];
}
