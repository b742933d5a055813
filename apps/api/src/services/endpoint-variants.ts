/**
 * What an endpoint holds comes from its configuration's production variants: the instance types
 * they run on and how many instances they start with, recorded on the config and on every endpoint
 * deployed from it, so lists, the audit trail and reports say what the (always-on) endpoint costs.
 */
import { ValidationError, type ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

export interface VariantInstances {
  /** The distinct types, comma-separated; undefined when no variant names one. */
  instanceType: string | undefined;
  /** The instances of all variants together; undefined when none is known. */
  instanceCount: number | undefined;
}

export function variantInstances(
  variants: readonly { instanceType?: string; initialInstanceCount?: number }[],
): VariantInstances {
  const types = [...new Set(variants.map((variant) => variant.instanceType).filter(Boolean))];
  const count = variants.reduce((sum, variant) => sum + (variant.initialInstanceCount ?? 0), 0);
  return { instanceType: types.join(', ') || undefined, instanceCount: count || undefined };
}

/** The endpoint configuration of that name in `project`, or a ValidationError on `field`. */
export async function endpointConfigInProject(
  db: Db,
  name: string,
  project: string,
  field = 'endpointConfigName',
): Promise<ResourceRecord> {
  const config = await db.resources.get('endpointConfig', name);
  if (!config || config.project.toLowerCase() !== project.toLowerCase()) {
    throw new ValidationError(
      field,
      `project ${project} has no endpoint configuration named ${name}`,
    );
  }
  return config;
}

/** The instances an endpoint deployed from `config` holds. */
export function endpointInstances(config: ResourceRecord): VariantInstances {
  return variantInstances(
    (config.spec.variants ?? []) as { instanceType?: string; initialInstanceCount?: number }[],
  );
}
