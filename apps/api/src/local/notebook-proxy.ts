/**
 * The authenticated Jupyter proxy of local mode: `/notebooks/<name>/…` goes to that notebook's
 * Jupyter server. Every request and websocket upgrade is checked against the session and the
 * policy (only the creator, only in an active project), and the proxy adds Jupyter's token, so
 * the token never reaches the browser.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

import { SESSION_COOKIE } from '@mlspace/auth';
import { DomainError, ForbiddenError, canOpenNotebook, computeNameSchema } from '@mlspace/core';
import type { LocalNotebookBackend, NotebookProxyTarget } from '@mlspace/local';

import type { ApiServices } from '../services';
import { loadNotebookAccess } from '../services/notebook-access';
import { checkSession } from '../services/sessions';

export const notebookProxyPrefix = '/notebooks/';

type Verdict =
  | { ok: true; target: NotebookProxyTarget }
  | { ok: false; status: number; title: string; message: string };

export function notebookNameOf(url: string): string | null {
  if (!url.startsWith(notebookProxyPrefix)) return null;
  const name = url.slice(notebookProxyPrefix.length).split(/[/?#]/)[0] ?? '';
  return computeNameSchema.safeParse(name).success ? name : null;
}

function page(verdict: Extract<Verdict, { ok: false }>): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(verdict.title)} · MLSpace</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}a{color:#2563eb}</style></head>
<body><h1>${escape(verdict.title)}</h1><p>${escape(verdict.message)}</p><p><a href="/notebooks">Back to my notebooks</a></p></body></html>`;
}

/** Strips MLSpace's own session cookie: Jupyter has no business with it. */
function withoutSessionCookie(cookie: string | undefined): string | undefined {
  if (!cookie) return undefined;
  const kept = cookie
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith(`${SESSION_COOKIE}=`));
  return kept.length > 0 ? kept.join('; ') : undefined;
}

export function createNotebookProxy(services: ApiServices, notebooks: LocalNotebookBackend) {
  const publicOrigin = new URL(services.settings.publicUrl).origin;

  async function decide(req: IncomingMessage, name: string): Promise<Verdict> {
    // Cross-site pages must not drive a user's Jupyter with their cookie.
    const origin = req.headers.origin;
    if (origin && origin !== publicOrigin) {
      return {
        ok: false,
        status: 403,
        title: 'Request refused',
        message: `Requests from ${origin} are not accepted.`,
      };
    }
    const session = await checkSession(services, req.headers.cookie);
    if (session.status === 'none') {
      return {
        ok: false,
        status: 401,
        title: 'Sign in first',
        message: 'Sign in to MLSpace, then open the notebook from its page.',
      };
    }
    if (session.status === 'ended') {
      const suspended = session.error instanceof ForbiddenError;
      return {
        ok: false,
        status: suspended ? 403 : 401,
        title: suspended ? 'Account suspended' : 'Sign in again',
        message: session.error.message,
      };
    }
    const { user } = session;
    try {
      const { record, facts } = await loadNotebookAccess(services.db, user, name);
      const decision = canOpenNotebook(user, facts);
      if (!decision.allowed) {
        return {
          ok: false,
          status: 403,
          title: `You cannot open notebook ${name}`,
          message: decision.reason,
        };
      }
      const target = notebooks.proxyTarget(name);
      if (!target) {
        return {
          ok: false,
          status: 503,
          title: `Notebook ${name} is not running`,
          message: `Notebook ${name} is ${record.status}. Start it from its page in MLSpace and open it once it is InService.`,
        };
      }
      return { ok: true, target };
    } catch (error) {
      if (error instanceof DomainError) {
        return {
          ok: false,
          status: 403,
          title: `You cannot open notebook ${name}`,
          message: error.message,
        };
      }
      throw error;
    }
  }

  function forwardedHeaders(
    req: IncomingMessage,
    target: NotebookProxyTarget,
  ): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      ...req.headers,
      authorization: `token ${target.token}`,
    };
    const cookie = withoutSessionCookie(req.headers.cookie);
    if (cookie) headers.cookie = cookie;
    else delete headers.cookie;
    return headers;
  }

  return {
    /** Handles `/notebooks/<name>/…`; returns false for other paths. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const url = req.url ?? '/';
      if (!url.startsWith(notebookProxyPrefix)) return false;
      const name = notebookNameOf(url);
      const verdict = name
        ? await decide(req, name)
        : ({
            ok: false,
            status: 404,
            title: 'No such notebook',
            message: 'This address names no notebook.',
          } as const);
      if (!verdict.ok) {
        res.writeHead(verdict.status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(page(verdict));
        return true;
      }
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: verdict.target.port,
          method: req.method,
          path: url,
          headers: forwardedHeaders(req, verdict.target),
        },
        (response) => {
          const isPage = (response.headers['content-type'] ?? '').startsWith('text/html');
          if (!isPage) {
            res.writeHead(response.statusCode ?? 502, response.statusMessage, response.headers);
            response.pipe(res);
            return;
          }
          // Jupyter 6 writes the token into its pages (data-jupyter-api-token, ?token= links);
          // blank it, since the proxy authenticates every request itself.
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks)
              .toString('utf8')
              .split(verdict.target.token)
              .join('');
            const headers = {
              ...response.headers,
              'content-length': String(Buffer.byteLength(body)),
            };
            res.writeHead(response.statusCode ?? 502, response.statusMessage, headers);
            res.end(body);
          });
        },
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Jupyter did not answer: ${error.message}`);
      });
      req.pipe(upstream);
      return true;
    },

    /** Websocket upgrades (kernels, terminals) under `/notebooks/`; returns false for other paths. */
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<boolean> {
      const url = req.url ?? '/';
      if (!url.startsWith(notebookProxyPrefix)) return false;
      const name = notebookNameOf(url);
      const verdict = name
        ? await decide(req, name)
        : ({ ok: false, status: 404, title: 'No such notebook', message: '' } as const);
      if (!verdict.ok) {
        socket.end(
          `HTTP/1.1 ${verdict.status} ${http.STATUS_CODES[verdict.status] ?? 'Refused'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        );
        return true;
      }
      const upstream = net.connect(verdict.target.port, '127.0.0.1', () => {
        const headers = forwardedHeaders(req, verdict.target);
        const lines = [`${req.method ?? 'GET'} ${url} HTTP/1.1`];
        for (const [header, value] of Object.entries(headers)) {
          if (value === undefined) continue;
          for (const item of Array.isArray(value) ? value : [value])
            lines.push(`${header}: ${item}`);
        }
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      const close = () => {
        upstream.destroy();
        socket.destroy();
      };
      upstream.on('error', close);
      socket.on('error', close);
      return true;
    },
  };
}
