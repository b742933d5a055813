export * from './cookies';
export * from './seal';
export * from './session';
export * from './login-transaction';
export * from './oidc';
