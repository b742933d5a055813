import type http from 'node:http';
import path from 'node:path';

import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';

import { createFileAdapterFactory } from './file-adapter';
import { handleInteraction, sendHtml } from './interaction';
import { loadOrCreateIdpSecrets } from './keys';
import { logoutPage, messagePage } from './pages';
import { findDevUser, type DevUser } from './users';

export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface DevIdentityProviderOptions {
  /** Where the IdP is mounted on MLSpace's origin, e.g. `http://localhost:3000/idp`. */
  issuer: string;
  /** Holds the signing keys, cookie keys and the IdP's sessions and grants. */
  dataDir: string;
  clients: DevIdpClient[];
  users: DevUser[];
}

export interface DevIdentityProvider {
  issuer: string;
  /** Serves every request whose path is the issuer's path or starts with it followed by `/`. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
}

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/** The development OpenID Provider MLSpace runs in local mode, on the product's own origin. */
export async function createDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  const ProviderClass = await importProvider();
  const { jwks, cookieKeys } = loadOrCreateIdpSecrets(options.dataDir);
  const issuerUrl = new URL(options.issuer);
  const mountPath = issuerUrl.pathname.replace(/\/+$/, '');
  const issuer = `${issuerUrl.origin}${mountPath}`;

  const configuration: Configuration = {
    adapter: createFileAdapterFactory(path.join(options.dataDir, 'store.json')),
    jwks,
    cookies: { keys: cookieKeys },
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // MLSpace reads the identity from the ID token (and verifies bearer ID tokens), so it must carry it all.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const user = findDevUser(options.users, id);
      if (!user) return undefined;
      return {
        accountId: user.username,
        claims: () => ({
          sub: user.username,
          preferred_username: user.username,
          name: user.name,
          email: user.email,
          email_verified: true,
        }),
      };
    },
    // Every configured client is MLSpace itself, so consent is implied: grant what it asks for.
    async loadExistingGrant(ctx) {
      const { client, session, account } = ctx.oidc;
      if (!client || !session || !account) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant =
        existing?.accountId === account.accountId
          ? existing
          : new ctx.oidc.provider.Grant({
              accountId: account.accountId,
              clientId: client.clientId,
            });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html';
          ctx.body = logoutPage(form, Boolean(ctx.oidc.params?.id_token_hint));
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body = messagePage(
            'Signed out',
            'You have signed out of the MLSpace development identity provider.',
          );
        },
      },
    },
    ttl: {
      AccessToken: HOUR,
      IdToken: HOUR,
      AuthorizationCode: 60,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
    clientBasedCORS: (_ctx, origin, client) =>
      [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])].some(
        (uri) => new URL(uri).origin === origin,
      ),
    renderError(ctx, out) {
      ctx.type = 'html';
      const description = out.error_description ?? out.error;
      ctx.body = messagePage('Sign-in problem', String(description));
    },
  };

  const provider = new ProviderClass(issuer, configuration);
  const callback = provider.callback();

  return {
    issuer,
    handle(req, res) {
      const url = req.url ?? '/';
      const rest = url.slice(mountPath.length);
      if (!url.startsWith(mountPath) || !/^($|[/?])/.test(rest)) {
        return sendHtml(res, 404, messagePage('Not found', `No such page: ${url}`));
      }
      const routed = rest.startsWith('/') ? rest : `/${rest}`;
      if (/^\/interaction\/[^/?]+(\?|$)/.test(routed)) {
        handleInteraction(provider, options.users, req, res).catch((error: unknown) => {
          if (!res.headersSent) sendHtml(res, 500, messagePage('Sign-in problem', String(error)));
          else res.end();
        });
        return;
      }
      // oidc-provider routes on req.url relative to its mount point, and derives the mount path (for the
      // URLs it builds: discovery, redirects, cookie paths) from what originalUrl has in front of req.url.
      Object.assign(req, { originalUrl: url });
      req.url = routed;
      void callback(req, res);
    },
  };
}

let providerModule: Promise<typeof Provider> | undefined;

/**
 * oidc-provider warns "Unsupported runtime" on Node 20 as it is imported; MLSpace supports Node 20 on
 * purpose, so that one line is kept out of the startup output (and out of tests, where console noise fails).
 */
function importProvider(): Promise<typeof Provider> {
  providerModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return providerModule;
}
