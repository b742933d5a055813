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

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

import type { Context } from '../model';
import { writeTransaction, type TxEntities, type TxItem, type TxOp } from '../tx';
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

/**
 * Thrown by a transaction's explain step: the usage item's condition failed, so one of `checks`
 * no longer fits (the refusal reads the usage to name which).
 */
export class QuotaConditionFailed extends Error {
  constructor(
    readonly project: string,
    readonly checks: readonly QuotaCheck[],
  ) {
    super(`A quota of project ${project} is full (${checks.map((check) => check.key).join(', ')})`);
  }
}

export interface QuotaCounterOps {
  /** At most one item: the project's usage item, moved by every counter that changes. */
  ops: TxOp[];
  /** What each counter moves by, and its limit when admitted. */
  checks: QuotaCheck[];
}

/**
 * The usage item's table and key as ElectroDB builds them (it lowercases key values), taken from a
 * condition check it builds but nobody sends: transactions' entities have no `get`.
 */
function usageKeyIn(quotaUsage: TxEntities['quotaUsage'], project: string) {
  const built = quotaUsage
    .check({ project })
    .where((attributes, { exists }) => exists(attributes.project))
    .commit() as unknown as { ConditionCheck: { Key: Record<string, string>; TableName: string } };
  return { Key: built.ConditionCheck.Key, TableName: built.ConditionCheck.TableName };
}

/** A dimension's attribute on the usage item. */
const usageAttribute = (dimension: string) => `q:${dimension}`;

/**
 * The transaction item that moves a project's counters as a resource goes from `before` to
 * `after`: one UpdateItem on the project's usage item, `ADD` per counter. An increase admitted
 * under a limit adds the condition "still room for it" for that counter; a decrease never fails (a
 * release must not block the status change that ends a run). A request larger than its limit is
 * refused before any write (see overLimit).
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
  if (checks.length === 0) return { ops: [], checks };
  const project = after.project;
  const names: Record<string, string> = { '#project': 'project' };
  const values: Record<string, unknown> = { ':project': project };
  const adds: string[] = [];
  const conditions: string[] = [];
  checks.forEach((check, index) => {
    names[`#d${index}`] = usageAttribute(check.key);
    values[`:a${index}`] = check.amount;
    adds.push(`#d${index} :a${index}`);
    if (check.limit !== null && check.amount > 0) {
      values[`:r${index}`] = check.limit - check.amount;
      conditions.push(`(attribute_not_exists(#d${index}) OR #d${index} <= :r${index})`);
    }
  });
  const op: TxOp = ({ quotaUsage }) => {
    const { Key, TableName } = usageKeyIn(quotaUsage, project);
    const update = {
      TableName,
      Key,
      UpdateExpression: `SET #project = :project ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
    };
    // ElectroDB passes a transaction's items through as written: this one is DynamoDB's own shape.
    return { Update: update } as unknown as TxItem;
  };
  return { ops: [op], checks };
}

/** The first increase that can never fit (more than its limit on its own), if any. */
export function overLimit(checks: readonly QuotaCheck[]): QuotaCheck | null {
  return checks.find((check) => check.limit !== null && check.amount > check.limit) ?? null;
}

/** Per-project quotas: overrides on the project row, usage counters, holders, and the reconcile. */
export function createQuotasRepository(context: Context) {
  const { model } = context;
  const { project, quotaUsage, runningResource, resource } = model.entities;

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

  function usageKey(name: string) {
    return quotaUsage.get({ project: name }).params<{
      Key: Record<string, string>;
      TableName: string;
    }>();
  }

  /** The project's counters by dimension, read strongly consistently (absent = 0). */
  async function counters(name: string): Promise<Map<string, number>> {
    const { Item } = await context.client.send(
      new GetCommand({ ...usageKey(name), ConsistentRead: true }),
    );
    return new Map(
      Object.entries(Item ?? {})
        .filter(([attribute, value]) => attribute.startsWith('q:') && typeof value === 'number')
        .map(([attribute, value]) => [attribute.slice(2), value as number]),
    );
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

    /**
     * The refusal for a full quota: the first of the failed checks that does not fit the usage
     * read now (or the first limited one, if a release freed room meanwhile), and what uses it.
     */
    async refusal(failed: QuotaConditionFailed) {
      const [usage, holders] = await Promise.all([
        counters(failed.project),
        runningRecords(failed.project),
      ]);
      const limited = failed.checks.filter((check) => check.limit !== null && check.amount > 0);
      const full =
        limited.find((check) => (usage.get(check.key) ?? 0) + check.amount > (check.limit ?? 0)) ??
        limited[0] ??
        failed.checks[0];
      if (!full) throw new Error('A quota refusal without any quota');
      return quotaRefusal(full, holders);
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
      if (corrections.length === 0) return [];
      // One write, conditioned on every corrected counter still holding what was read.
      const names: Record<string, string> = { '#project': 'project' };
      const values: Record<string, unknown> = { ':project': name };
      const sets = ['#project = :project'];
      const conditions: string[] = [];
      corrections.forEach(({ dimension, found, counted: value, exists }, index) => {
        names[`#d${index}`] = usageAttribute(dimension);
        values[`:v${index}`] = value;
        sets.push(`#d${index} = :v${index}`);
        if (exists) {
          values[`:o${index}`] = found;
          conditions.push(`#d${index} = :o${index}`);
        } else conditions.push(`attribute_not_exists(#d${index})`);
      });
      try {
        await context.client.send(
          new UpdateCommand({
            ...usageKey(name),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error) {
        // Changed since it was read: a live admission or release; the next reconcile looks again.
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return [];
        throw error;
      }
      const written = corrections.map(({ dimension, found, counted: value }) => ({
        dimension,
        found,
        counted: value,
      }));
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
