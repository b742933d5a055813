import type http from 'node:http';

import type { Provider } from 'oidc-provider';

import { loginPage, messagePage } from './pages';
import { authenticateDevUser, type DevUser } from './users';

/**
 * Serves `<issuer>/interaction/:uid`, the sign-in page oidc-provider sends the browser to.
 * Consent is never asked for: the configured clients are MLSpace itself (see `loadExistingGrant`).
 */
export async function handleInteraction(
  provider: Provider,
  users: DevUser[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const action = (req.url ?? '').split('?')[0] ?? '';
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    // The interaction cookie is missing or expired, typically an old tab or a restarted browser.
    return sendHtml(
      res,
      400,
      messagePage(
        'Sign-in expired',
        'This sign-in page has expired. Go back to MLSpace and sign in again.',
      ),
    );
  }
  if (details.prompt.name !== 'login') {
    // Defensive: grants are created automatically, so only the login prompt should ever reach this page.
    return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
  }

  if (req.method === 'GET') {
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
    return sendHtml(res, 200, loginPage({ action, username: hint, users }));
  }
  if (req.method !== 'POST')
    return sendHtml(res, 405, messagePage('Not allowed', 'Use the sign-in form.'));

  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const user = authenticateDevUser(users, username, form.get('password') ?? '');
  if (!user) {
    return sendHtml(
      res,
      401,
      loginPage({ action, username, error: 'Wrong username or password', users }),
    );
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.username, remember: true } },
    { mergeWithLastSubmission: false },
  );
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  });
  res.end(html);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('The sign-in form is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
