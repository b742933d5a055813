export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accepted `aud` values for bearer tokens; the client id when empty. */
  audiences: string[];
  /** Only for a development IdP on http://localhost. */
  allowInsecureRequests: boolean;
}

export interface IdentityClaims {
  subject: string;
  preferredUsername: string;
  email: string;
  displayName: string;
}

export interface OidcRelyingParty {
  authorizationUrl(input: {
    redirectUri: string;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<URL>;
  exchangeCode(input: {
    callbackUrl: URL;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<{ claims: IdentityClaims; idToken: string }>;
  endSessionUrl(input: { idToken: string; postLogoutRedirectUri: string }): Promise<URL | null>;
  /** Verifies signature, issuer, audience and expiry of a bearer JWT against the IdP's JWKS. */
  verifyBearerToken(token: string): Promise<IdentityClaims>;
}

/**
 * An OpenID Connect relying party for any standard IdP, found by issuer URL (discovery is lazy and
 * cached). openid-client and jose load on the first call (a sign-in, its callback, a bearer token),
 * not when the party is created: an API Lambda's cold start serves mostly other requests.
 */
export function createOidcRelyingParty(settings: OidcSettings): OidcRelyingParty {
  let loading: Promise<OidcRelyingParty> | undefined;
  const party = () =>
    (loading ??= import('./oidc-protocol').then((protocol) =>
      protocol.createOpenIdClient(settings),
    ));
  return {
    authorizationUrl: async (input) => (await party()).authorizationUrl(input),
    exchangeCode: async (input) => (await party()).exchangeCode(input),
    endSessionUrl: async (input) => (await party()).endSessionUrl(input),
    verifyBearerToken: async (token) => (await party()).verifyBearerToken(token),
  };
}
