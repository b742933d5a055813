/** The client secret the local server and its development IdP share when OIDC_CLIENT_SECRET is not set; never used on AWS. */
export const localOidcClientSecret = 'mlspace-local-development-secret';
