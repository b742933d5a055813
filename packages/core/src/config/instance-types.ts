import { instanceTypeRows } from './instance-type-catalogue.generated';

/** The resource kinds whose instance types the administrator restricts. */
export const instanceKinds = ['notebook', 'training', 'transform', 'endpoint'] as const;
export type InstanceKind = (typeof instanceKinds)[number];

export const instanceKindLabels: Record<InstanceKind, string> = {
  notebook: 'notebook instances',
  training: 'training and tuning jobs',
  transform: 'batch transform jobs',
  endpoint: 'endpoints',
};

/** A SageMaker ML instance type, what it offers, and what SageMaker accepts it for. */
export interface InstanceType {
  name: string;
  /** `m5` in `ml.m5.xlarge`: the list groups by it. */
  family: string;
  vcpus: number;
  memoryGiB: number;
  /** NVIDIA GPUs; other accelerators (Inferentia, Trainium, Gaudi) count in `accelerators` only. */
  gpus: number;
  accelerators: number;
  /** e.g. `NVIDIA A10G`, `AWS Inferentia2`; null without accelerators. */
  accelerator: string | null;
  uses: InstanceKind[];
}

const useLetters: Record<string, InstanceKind> = {
  n: 'notebook',
  t: 'training',
  b: 'transform',
  e: 'endpoint',
};

/** Every type SageMaker offers for at least one of the four uses (generated data, see its header). */
export const instanceTypeCatalogue: readonly InstanceType[] = instanceTypeRows.map(
  ([name, vcpus, memoryGiB, accelerators, accelerator, uses]) => ({
    name,
    family: name.split('.')[1] ?? name,
    vcpus,
    memoryGiB,
    gpus: accelerator.startsWith('NVIDIA') ? accelerators : 0,
    accelerators,
    accelerator: accelerator || null,
    uses: [...uses].map((letter) => useLetters[letter]!),
  }),
);

const catalogueByName = new Map(instanceTypeCatalogue.map((type) => [type.name, type]));

export function findInstanceType(name: string): InstanceType | undefined {
  return catalogueByName.get(name);
}

/** Whether SageMaker accepts the type for that use (its service model's enum for the use). */
export function isInstanceTypeValidFor(kind: InstanceKind, name: string): boolean {
  return catalogueByName.get(name)?.uses.includes(kind) ?? false;
}

export function instanceTypesFor(kind: InstanceKind): InstanceType[] {
  return instanceTypeCatalogue.filter((type) => type.uses.includes(kind));
}

/** Why a type cannot be allowed for a use, in words for a form; null when it can. */
export function instanceTypeProblem(kind: InstanceKind, name: string): string | null {
  const type = catalogueByName.get(name);
  if (!type) return `${name} is not a SageMaker instance type`;
  if (!type.uses.includes(kind))
    return `${name} is not offered by SageMaker for ${instanceKindLabels[kind]}`;
  return null;
}
