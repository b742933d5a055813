import { activeServices, type AppConfig, type DeploymentMode } from '../config/app-config';

/**
 * The models project-user roles may invoke and the playground offers: the administrator's choice
 * while Bedrock is active here, none otherwise (deactivating Bedrock withdraws them in IAM too).
 */
export function effectiveAllowedModels(config: AppConfig, mode: DeploymentMode): string[] {
  return activeServices(config, mode).bedrock ? [...config.bedrock.allowedModels] : [];
}
