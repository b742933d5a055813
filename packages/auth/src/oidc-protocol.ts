/**
 * What createOidcRelyingParty loads on first use (a module of its own, so that import() keeps
 * openid-client and jose out of whatever imports @mlspace/auth statically).
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';

import { UnauthenticatedError } from '@mlspace/core';

import type { IdentityClaims, OidcRelyingParty, OidcSettings } from './oidc';

/** The relying party's protocol work, with openid-client and jose; discovery is lazy and cached. */
export function createOpenIdClient(settings: OidcSettings): OidcRelyingParty {
  let configuration: Promise<oidc.Configuration> | null = null;
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  function discover(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        oidc.ClientSecretBasic(settings.clientSecret),
        {
          execute: settings.allowInsecureRequests ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  }

  return {
    async authorizationUrl({ redirectUri, state, nonce, codeVerifier }) {
      return oidc.buildAuthorizationUrl(await discover(), {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },

    async exchangeCode({ callbackUrl, state, nonce, codeVerifier }) {
      const tokens = await oidc.authorizationCodeGrant(await discover(), callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token)
        throw new UnauthenticatedError('The identity provider returned no ID token.');
      return { claims: toIdentityClaims(claims), idToken: tokens.id_token };
    },

    async endSessionUrl({ idToken, postLogoutRedirectUri }) {
      const config = await discover();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
      });
    },

    async verifyBearerToken(token) {
      const config = await discover();
      const jwksUri = config.serverMetadata().jwks_uri;
      if (!jwksUri) throw new UnauthenticatedError('The identity provider publishes no JWKS.');
      jwks ??= createRemoteJWKSet(new URL(jwksUri));
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: config.serverMetadata().issuer,
          audience: settings.audiences.length > 0 ? settings.audiences : settings.clientId,
          requiredClaims: ['exp', 'sub'],
        });
        return toIdentityClaims(payload);
      } catch (error) {
        throw new UnauthenticatedError(describeTokenError(error), { cause: error });
      }
    },
  };
}

function toIdentityClaims(claims: JWTPayload & Record<string, unknown>): IdentityClaims {
  const subject = String(claims.sub ?? '');
  const preferredUsername =
    typeof claims.preferred_username === 'string' ? claims.preferred_username : subject;
  const email = typeof claims.email === 'string' ? claims.email : '';
  const displayName = typeof claims.name === 'string' ? claims.name : preferredUsername;
  return { subject, preferredUsername, email, displayName };
}

function describeTokenError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The bearer token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The bearer token was issued for another audience.';
    if (error.claim === 'iss') return 'The bearer token was issued by another identity provider.';
    return `The bearer token's "${error.claim}" claim is invalid.`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'The bearer token signature is invalid.';
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'The bearer token was signed with an unknown key.';
  return 'The bearer token is malformed or invalid.';
}
