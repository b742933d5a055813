export { seededDevUsers, type DevUser } from './users';
export {
  createDevIdentityProvider,
  type DevIdentityProvider,
  type DevIdentityProviderOptions,
  type DevIdpClient,
} from './provider';
