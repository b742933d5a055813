import { http, HttpResponse, type HttpHandler } from 'msw';

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
 */
export function awsQueryService(
  url: string,
  actions: Record<string, AwsQueryAction>,
  calls: { action: string; params: URLSearchParams }[] = [],
): HttpHandler {
  return http.post(url, async ({ request }) => {
    const params = new URLSearchParams(await request.text());
    const action = params.get('Action') ?? '';
    calls.push({ action, params });
    const stub = actions[action];
    const result: AwsQueryResult = stub
      ? await stub(params)
      : { error: { code: 'InvalidAction', message: `No stub for ${action}` } };
    const headers = { 'content-type': 'text/xml' };
    if ('error' in result) {
      const { code, message, status = 400 } = result.error;
      return new HttpResponse(
        `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>test</RequestId></ErrorResponse>`,
        { status, headers },
      );
    }
    return new HttpResponse(
      `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result.xml}</${action}Result><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></${action}Response>`,
      { headers },
    );
  });
}
