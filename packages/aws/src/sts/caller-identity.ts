/**
 * Proving an IAM identity to MLSpace the way Vault's `aws` auth method does: the caller signs an
 * `sts:GetCallerIdentity` request with its own credentials and hands MLSpace the signed request
 * (never the credentials). MLSpace sends exactly that request to STS and believes only STS's
 * answer. The request must name STS's own endpoint (nothing else is ever fetched) and must sign
 * the `x-mlspace-server-id` header with this deployment's id, so a request signed for another
 * service cannot be replayed here; STS refuses signatures older than 15 minutes.
 */
import { ForbiddenError, ValidationError } from '@mlspace/core';

export interface SignedCallerIdentityRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

export const serverIdHeader = 'x-mlspace-server-id';
export const getCallerIdentityBody = 'Action=GetCallerIdentity&Version=2011-06-15';
const stsUrl = /^https:\/\/sts(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com\/$/;

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Refuses, before anything is sent, a request that is not a signed GetCallerIdentity for us. */
export function assertSignedCallerIdentityRequest(
  request: SignedCallerIdentityRequest,
  serverId: string,
): void {
  if (!stsUrl.test(request.url))
    throw new ValidationError(
      'request.url',
      'must be an STS endpoint, such as https://sts.us-east-1.amazonaws.com/',
    );
  if (request.method !== 'POST') throw new ValidationError('request.method', 'must be POST');
  if (request.body !== getCallerIdentityBody)
    throw new ValidationError('request.body', `must be exactly ${getCallerIdentityBody}`);
  const authorization = header(request.headers, 'authorization') ?? '';
  const signed = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ') || !signed.includes(serverIdHeader))
    throw new ValidationError(
      'request.headers',
      `must carry a SigV4 Authorization header that signs ${serverIdHeader}`,
    );
  if (header(request.headers, serverIdHeader) !== serverId)
    throw new ValidationError('request.headers', `must send ${serverIdHeader}: ${serverId}`);
}

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** Sends the signed request to STS and returns who STS says signed it. */
export async function forwardGetCallerIdentity(
  request: SignedCallerIdentityRequest,
  serverId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CallerIdentity> {
  assertSignedCallerIdentityRequest(request, serverId);
  // Host and length are the transport's to set; every signed header goes as it was signed.
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name]) => !['host', 'content-length', 'connection'].includes(name.toLowerCase()),
    ),
  );
  const response = await fetchImpl(request.url, {
    method: 'POST',
    headers,
    body: request.body,
    redirect: 'error',
  });
  const text = await response.text();
  if (!response.ok) {
    const code = element(text, 'Code') ?? `HTTP ${response.status}`;
    throw new ForbiddenError(`STS did not accept the signed identity request (${code})`);
  }
  const arn = element(text, 'Arn');
  const account = element(text, 'Account');
  const userId = element(text, 'UserId');
  if (!arn || !account || !userId)
    throw new ForbiddenError('STS answered without an identity (no Arn, Account or UserId)');
  return { arn, account, userId };
}

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>` → the role's name, else null. */
export function assumedRoleName(arn: string): string | null {
  return (
    /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/.exec(arn)?.[1] ?? null
  );
}
