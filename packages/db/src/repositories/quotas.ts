import {
  NotFoundError,
  isRunning,
  noQuotaOverrides,
  quotaChecksFor,
  quotaDelta,
  quotaOverridesSchema,
  quotaRefusal,
  quotaUsesOf,
  type ComputeKind,
  type ComputeStatus,
  type QuotaCheck,
  type QuotaHolder,
  type QuotaLimits,
  type QuotaOverrides,
  type QuotaUse,
} from '@mlspace/core';

import type { Context } from '../model';
import { writeTransaction, type TxOp } from '../tx';
import { auditOp } from './audit-op';
import { resourceRecordOf } from './resources';

/**
 * What the API's admission gate decided for one create or start: the limits the counters are
 * conditioned on. Without one, a status change is counted but not limited (a backend's report of
 * something that already runs cannot be refused).
 */
export interface QuotaAdmission {
  limits: QuotaLimits;
}

/** A resource as the counters see it, in a given status (`null`: it does not exist). */
export interface QuotaState extends QuotaHolder {
  project: string;
  status: ComputeStatus | null;
}

/** The counters a resource occupies in a status: all of quotaUsesOf while it runs, none otherwise. */
export function usesInStatus(state: QuotaState): QuotaUse[] {
  return state.status !== null && isRunning(state.kind, state.status) ? quotaUsesOf(state) : [];
}

/** Thrown by a transaction's explain step: this counter's condition failed (the quota is full). */
export class QuotaConditionFailed extends Error {
  constructor(
    readonly project: string,
    readonly check: QuotaCheck,
  ) {
    super(`The quota ${check.key} of project ${project} is full`);
  }
}

export interface QuotaCounterOps {
  ops: TxOp[];
  /** The check behind each op, in order (for naming the quota whose condition failed). */
  checks: QuotaCheck[];
}

/**
 * The transaction items that move a project's counters as a resource goes from `before` to
 * `after`. An increase admitted under limits carries the condition "still room for it"; a
 * decrease never fails (a release must not block the status change that ends a run). A request
 * larger than its limit is refused before any write.
 */
export function quotaCounterOps(
  before: QuotaState,
  after: QuotaState,
  admission: QuotaAdmission | null,
): QuotaCounterOps {
  const delta = quotaDelta(usesInStatus(before), usesInStatus(after));
  const checks = admission
    ? quotaChecksFor(delta, admission.limits)
    : delta.map((use) => ({ ...use, limit: null }));
  const project = after.project;
  const ops = checks.map((check): TxOp => {
    const { key: dimension, amount, limit } = check;
    return ({ quotaCounter }) => {
      if (amount < 0)
        return quotaCounter.update({ project, dimension }).add({ used: amount }).commit();
      const update = quotaCounter.update({ project, dimension }).add({ used: amount });
      if (limit === null || amount <= 0) return update.commit();
      const room = limit - amount;
      return update
        .where(
          (attributes, { notExists, lte }) =>
            `${notExists(attributes.used)} OR ${lte(attributes.used, room)}`,
        )
        .commit();
    };
  });
  return { ops, checks };
}

/** The first increase that can never fit (more than its limit on its own), if any. */
export function overLimit(checks: readonly QuotaCheck[]): QuotaCheck | null {
  return checks.find((check) => check.limit !== null && check.amount > check.limit) ?? null;
}

/** Per-project quotas: overrides on the project row, usage counters, holders, and the reconcile. */
export function createQuotasRepository(context: Context) {
  const { model } = context;
  const { project, quotaCounter, runningResource, resource } = model.entities;

  /** The project's running resources as their records (the running markers, then one BatchGet per 100). */
  async function runningRecords(name: string) {
    const { data: markers } = await runningResource.query
      .byProject({ project: name })
      .go({ pages: 'all', consistent: true });
    const records = [];
    for (let index = 0; index < markers.length; index += 100) {
      const keys = markers.slice(index, index + 100).map(({ kind, name }) => ({ kind, name }));
      const { data } = await resource.get(keys).go({ consistent: true });
      records.push(...data.map(resourceRecordOf));
    }
    return records.filter((record) => isRunning(record.kind, record.status));
  }

  async function counters(name: string): Promise<Map<string, number>> {
    const { data } = await quotaCounter.query
      .byProject({ project: name })
      .go({ pages: 'all', consistent: true });
    return new Map(data.map((item) => [item.dimension, item.used]));
  }

  return {
    async overrides(name: string): Promise<QuotaOverrides> {
      const { data } = await project.get({ name }).go({ attributes: ['name', 'quotaOverrides'] });
      if (!data) throw new NotFoundError(`Project ${name} does not exist`);
      if (!data.quotaOverrides) return noQuotaOverrides;
      const parsed = quotaOverridesSchema.safeParse(JSON.parse(data.quotaOverrides));
      return parsed.success ? parsed.data : noQuotaOverrides;
    },

    /** An administrator's overrides, audited in the same transaction. */
    async setOverrides(name: string, overrides: QuotaOverrides, actor: string): Promise<void> {
      const before = await this.overrides(name);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ project }) =>
            project
              .patch({ name })
              .set({ quotaOverrides: JSON.stringify(overrides), updatedAt: at })
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.quotas_changed',
              targetType: 'project',
              targetId: name,
              before,
              after: overrides,
            },
            at,
          ),
        ],
        () => `Project ${name} was deleted at the same time`,
      );
    },

    /** How much of each dimension the project holds now, by counter key (absent = 0). */
    usage: (name: string) => counters(name),

    /** What runs in the project, as quota holders (for naming what uses a full quota). */
    async holders(name: string): Promise<QuotaHolder[]> {
      return runningRecords(name);
    },

    /** The refusal for a counter found full: the quota and, read now, what uses it. */
    async refusal(failed: QuotaConditionFailed) {
      return quotaRefusal(failed.check, await runningRecords(failed.project));
    },

    /**
     * Recounts a project's counters from its running resources and writes those that differ, each
     * conditioned on the value read, so a create or stop committed meanwhile is never overwritten
     * (that counter is left for the next run). Counters are read before the resources: anything
     * that changes the resources after that read also changes the counter, and fails the write.
     * Returns the counters it corrected, with the value found and the value written.
     */
    async reconcile(
      name: string,
    ): Promise<{ dimension: string; found: number; counted: number }[]> {
      const stored = await counters(name);
      const counted = new Map<string, number>();
      for (const record of await runningRecords(name))
        for (const use of quotaUsesOf(record))
          counted.set(use.key, (counted.get(use.key) ?? 0) + use.amount);
      const corrections = [...new Set([...stored.keys(), ...counted.keys()])]
        .map((dimension) => ({
          dimension,
          found: stored.get(dimension) ?? 0,
          counted: counted.get(dimension) ?? 0,
          exists: stored.has(dimension),
        }))
        .filter((entry) => entry.found !== entry.counted);
      const written: { dimension: string; found: number; counted: number }[] = [];
      for (const { dimension, found, counted: value, exists } of corrections) {
        try {
          await quotaCounter
            .update({ project: name, dimension })
            .set({ used: value })
            .where((attributes, { eq, notExists }) =>
              exists ? eq(attributes.used, found) : notExists(attributes.used),
            )
            .go();
          written.push({ dimension, found, counted: value });
        } catch {
          // Changed since it was read: a live admission or release; the next reconcile looks again.
        }
      }
      return written;
    },
  };
}

export type QuotasRepository = ReturnType<typeof createQuotasRepository>;

/** The state a resource record is in, for quotaCounterOps. */
export function quotaStateOf(
  resource: {
    kind: ComputeKind;
    name: string;
    project: string;
    owner: string;
    instanceType?: string | null;
    instanceCount?: number | null;
  },
  status: ComputeStatus | null,
): QuotaState {
  return {
    kind: resource.kind,
    name: resource.name,
    project: resource.project,
    owner: resource.owner,
    instanceType: resource.instanceType ?? null,
    instanceCount: resource.instanceCount ?? null,
    status,
  };
}
