/**
 * The dynamic configuration as the rest of the API sees it: the current version (cached briefly,
 * so every procedure can ask without a read each time) and the checks that enforce it.
 */
import {
  UnavailableError,
  ValidationError,
  activeServices,
  configFromStoredDocument,
  isImageAllowed,
  defaultAppConfig,
  effectiveAllowedModels,
  instanceKindLabels,
  serviceLabels,
  serviceUnavailableReason,
  type AllowedInstanceTypes,
  type ComputeKind,
  type ConfigVersionView,
  type ConfigurableService,
  type DeploymentMode,
  type InstanceKind,
  type ProjectCreationPolicy,
} from '@mlspace/core';
import type { Db, StoredConfigVersion } from '@mlspace/db';

import type { ApplyConfiguredLimits } from './configured-iam-policies';

export interface ConfigServiceOptions {
  db: Db;
  mode: DeploymentMode;
  /** How long a read version is reused; writes through this service refresh it at once. */
  cacheMs?: number;
  now?: () => number;
  /**
   * Carries allowed instance types and image repositories into IAM on AWS
   * (services/configured-iam-policies.ts).
   */
  applyToIam?: ApplyConfiguredLimits;
}

/** Which activated service governs each compute resource kind. */
export const serviceOfComputeKind: Record<ComputeKind, ConfigurableService> = {
  notebook: 'notebooks',
  trainingJob: 'training',
  hpoJob: 'tuning',
  transformJob: 'transform',
  model: 'models',
  endpointConfig: 'endpoints',
  endpoint: 'endpoints',
  labelingJob: 'labeling',
  batchTranslateJob: 'translate',
  emrCluster: 'emr',
};

/** Which configured kind governs each compute resource kind's instance type. */
const computeKindToInstanceKind: Record<ComputeKind, InstanceKind | null> = {
  notebook: 'notebook',
  trainingJob: 'training',
  hpoJob: 'training',
  transformJob: 'transform',
  model: null,
  endpointConfig: 'endpoint',
  endpoint: 'endpoint',
  labelingJob: null,
  batchTranslateJob: null,
  // EC2 types of the administrator's cluster types, checked by the EMR settings instead.
  emrCluster: null,
};

export function toConfigVersionView(
  stored: StoredConfigVersion,
  mode: DeploymentMode,
): ConfigVersionView {
  return {
    version: stored.version,
    config: configFromStoredDocument(stored.document, mode),
    changedBy: stored.changedBy,
    changedAt: stored.changedAt,
    reason: stored.reason,
  };
}

/** The latest stored configuration, or the defaults before version 0 is written. */
export async function currentConfig(
  db: Db,
  mode: DeploymentMode,
): Promise<ConfigVersionView['config']> {
  const stored = await db.config.latest();
  return stored ? toConfigVersionView(stored, mode).config : defaultAppConfig(mode);
}

export function createConfigService(options: ConfigServiceOptions) {
  const { db, mode } = options;
  const cacheMs = options.cacheMs ?? 2_000;
  const clock = options.now ?? Date.now;
  let cached: { view: ConfigVersionView; at: number } | null = null;

  async function load(): Promise<ConfigVersionView> {
    let stored = await db.config.latest();
    if (!stored) {
      await db.config.ensureInitial(defaultAppConfig(mode), 'system');
      stored = await db.config.latest();
    }
    if (!stored) throw new Error('The configuration could not be initialised');
    return toConfigVersionView(stored, mode);
  }

  async function current(): Promise<ConfigVersionView> {
    if (cached && clock() - cached.at < cacheMs) return cached.view;
    const view = await load();
    cached = { view, at: clock() };
    return view;
  }

  async function allowedInstanceTypes(kind: InstanceKind): Promise<readonly string[]> {
    return (await current()).config.instanceTypes[kind];
  }

  async function isServiceActive(name: ConfigurableService): Promise<boolean> {
    return activeServices((await current()).config, mode)[name];
  }

  return {
    mode,
    current,
    isServiceActive,
    allowedInstanceTypes,

    /** Creates version 0 from the defaults unless it exists (called at start; safe to race). */
    async ensureInitialVersion(): Promise<void> {
      await db.config.ensureInitial(defaultAppConfig(mode), 'system');
    },

    /**
     * After an administrator saved a version: this process enforces it at once, and SageMaker work
     * started from notebooks with the SDK does too (IAM). IAM is written after the save, so a
     * failure there leaves the version saved; the roles' constraints catch up at the next start
     * of a notebook or job (each use brings them to the current version), and the error says so.
     */
    async saved(view: ConfigVersionView): Promise<void> {
      cached = { view, at: clock() };
      if (!options.applyToIam) return;
      const { instanceTypes, allowedImageRepositories } = view.config;
      try {
        await options.applyToIam({
          instanceTypes,
          allowedImageRepositories,
          allowedFoundationModels: effectiveAllowedModels(view.config, mode),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UnavailableError(
          `Version ${view.version} is saved, but IAM could not be updated to limit notebooks' SageMaker work to its instance types and image repositories and their Bedrock calls to its models (${reason}); notebooks and jobs started from now on get the new limits, and saving again retries`,
        );
      }
    },

    /** Procedures of a deactivated service refuse with a message that says so. */
    async assertServiceActive(name: ConfigurableService): Promise<void> {
      const unavailable = serviceUnavailableReason(name, mode);
      if (unavailable) throw new UnavailableError(`${serviceLabels[name]} is ${unavailable}`);
      if (!(await isServiceActive(name))) {
        throw new UnavailableError(`${serviceLabels[name]} is deactivated by your administrator`);
      }
    },

    async assertInstanceTypeAllowed(kind: InstanceKind, instanceType: string): Promise<void> {
      const allowed = await allowedInstanceTypes(kind);
      if (allowed.includes(instanceType)) return;
      const list = allowed.length > 0 ? allowed.join(', ') : 'none (ask your administrator)';
      throw new ValidationError(
        'instanceType',
        `${instanceType} is not allowed for ${instanceKindLabels[kind]}; allowed: ${list}`,
      );
    },

    /**
     * A user's own container image must come from a repository the administrator allows; `field`
     * is where the form took it.
     */
    async assertImageAllowed(field: string, imageUri: string): Promise<void> {
      const allowed = (await current()).config.allowedImageRepositories;
      if (isImageAllowed(imageUri, allowed)) return;
      throw new ValidationError(
        field,
        allowed.length === 0
          ? 'your own container images are not allowed: your administrator lists no image repositories (allowedImageRepositories)'
          : `${imageUri} is not in a repository your administrator allows (allowedImageRepositories: ${allowed.join(', ')})`,
      );
    },

    /** The compute port's seam (`AllowedInstanceTypes`), answered from the configuration. */
    allowedInstanceTypesForCompute: (async (kind) => {
      const instanceKind = computeKindToInstanceKind[kind];
      return instanceKind ? allowedInstanceTypes(instanceKind) : [];
    }) satisfies AllowedInstanceTypes,

    async projectCreationPolicy(): Promise<ProjectCreationPolicy> {
      return (await current()).config.projectCreation;
    },
  };
}

export type ConfigService = ReturnType<typeof createConfigService>;
