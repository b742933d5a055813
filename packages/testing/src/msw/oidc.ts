import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { http, HttpResponse } from 'msw';

/**
 * An external OpenID Connect provider at the HTTP level: discovery and JWKS as a real IdP serves
 * them, plus a signer for tokens it would issue (and ones it would not).
 */
export async function createFakeIdentityProvider(issuer = 'https://idp.example.com') {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk: JWK = {
    ...(await exportJWK(publicKey)),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const stranger = await generateKeyPair('RS256');

  const handlers = [
    http.get(`${issuer}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/session/end`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      }),
    ),
    http.get(`${issuer}/jwks`, () => HttpResponse.json({ keys: [publicJwk] })),
  ];

  function subjectOf(claims: Record<string, unknown>): string {
    const named = [claims.sub, claims.preferred_username].find(
      (value) => typeof value === 'string',
    );
    return named ?? 'user';
  }

  async function signToken(
    claims: Record<string, unknown>,
    options: {
      audience: string;
      issuer?: string;
      expiresIn?: string | number;
      signWithUnknownKey?: boolean;
    },
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience)
      .setSubject(subjectOf(claims))
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '10m')
      .sign(options.signWithUnknownKey ? stranger.privateKey : privateKey);
  }

  return { issuer, handlers, signToken };
}
