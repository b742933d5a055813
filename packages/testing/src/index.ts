export * from './msw/oidc';
