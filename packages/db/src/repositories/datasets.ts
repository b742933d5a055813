import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';

import {
  NotFoundError,
  ValidationError,
  maxDatasetGroups,
  type DatasetKey,
  type DatasetRecord,
  type DatasetType,
  type Page,
} from '@mlspace/core';

import type { DatasetItem } from '../entities/dataset';
import type { DatasetPageCache } from '../dataset-page-cache';
import { readEpochs } from '../epochs';
import type { Context } from '../model';
import type { ReachCache } from '../reach-cache';
import { queryPage } from '../query-page';
import { writeTransaction, type TxOp } from '../tx';
import { auditOp } from './audit-op';
import { createDatasetScopes, type VisibleDatasetScopes } from './dataset-scopes';
import { queryParams } from '../query-params';

/** `nameContains` keeps only datasets whose name holds the text: a FilterExpression on the Query. */
type PageRequest = { cursor?: string | null; limit: number; nameContains?: string };

export interface CreateDatasetRepositoryInput extends DatasetKey {
  description: string;
  type: DatasetType;
  /** For group datasets: the groups it is shared with (at least one). */
  groups: string[];
  createdBy: string;
}

function toRecord(item: DatasetItem): DatasetRecord {
  return {
    scope: item.scope,
    scopeId: item.scopeId,
    name: item.name,
    description: item.description,
    type: item.type as DatasetType,
    groups: [...item.groups],
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

function describeKey(key: DatasetKey): string {
  switch (key.scope) {
    case 'global':
      return `Dataset ${key.name} already exists among global datasets`;
    case 'group':
      return `Dataset ${key.name} already exists among group datasets`;
    case 'project':
      return `Dataset ${key.name} already exists in project ${key.scopeId}`;
    case 'private':
      return `Dataset ${key.name} already exists among ${key.scopeId}'s private datasets`;
  }
}

function target(key: DatasetKey): string {
  return `${key.scope}/${key.scopeId}/${key.name}`;
}

/**
 * What "datasets I can see" reads, all under one read of the epochs (ADR 011): the scopes the user
 * reaches, and each scope's pages, kept while the dataset epoch stands.
 */
export interface VisibleDatasets extends VisibleDatasetScopes {
  /** Global datasets, the user's private datasets, or one project's datasets, by name. */
  listByScope(key: Omit<DatasetKey, 'name'>, page: PageRequest): Promise<Page<DatasetRecord>>;
  /** Group datasets shared with one of the user's groups, by name. */
  listSharedWithGroup(group: string, page: PageRequest): Promise<Page<DatasetRecord>>;
}

export function createDatasetsRepository(
  context: Context,
  reach: ReachCache,
  pages: DatasetPageCache,
) {
  const { model } = context;
  const { dataset, datasetShare } = model.entities;
  const scopes = createDatasetScopes(context, reach);

  function assertGroups(key: DatasetKey, groups: readonly string[]): void {
    if (key.scope !== 'group') {
      if (groups.length > 0)
        throw new ValidationError('groups', 'only group datasets are shared with groups');
      return;
    }
    if (groups.length === 0)
      throw new ValidationError('groups', 'a group dataset must be shared with at least one group');
    if (groups.length > maxDatasetGroups)
      throw new ValidationError('groups', `may name at most ${maxDatasetGroups} groups`);
  }

  function groupExistsOp(group: string): TxOp {
    return ({ group: groupEntity }) =>
      groupEntity
        .check({ name: group })
        // A group being deleted takes no new share: its shares are being removed.
        .where(
          (attributes, { exists, notExists }) =>
            `${exists(attributes.name)} AND ${notExists(attributes.deletion)}`,
        )
        .commit();
  }

  function pageOf(params: QueryCommandInput, page: PageRequest): Promise<Page<DatasetRecord>> {
    return queryPage(context.client, params, {
      cursor: page.cursor,
      limit: page.limit,
      filtered: Boolean(page.nameContains),
      toView: (Item) => {
        const { data } = dataset.parse({ Item });
        return data ? toRecord(data) : null;
      },
    });
  }

  async function load(key: DatasetKey): Promise<DatasetItem> {
    const { data } = await dataset.get(key).go();
    if (!data) throw new NotFoundError(`Dataset ${key.name} does not exist`);
    return data;
  }

  /** Global datasets, one user's private datasets, or one project's datasets, by name. */
  function listByScope(
    key: Omit<DatasetKey, 'name'>,
    page: PageRequest,
  ): Promise<Page<DatasetRecord>> {
    return pageOf(
      queryParams(
        dataset.query
          .byScope({ scope: key.scope, scopeId: key.scopeId })
          .where((attributes, { contains }) =>
            page.nameContains ? contains(attributes.name, page.nameContains) : '',
          )
          .params(),
      ),
      page,
    );
  }

  /** Group datasets shared with `group`, by name: a Query on the shares, then one BatchGet. */
  async function listSharedWithGroup(
    group: string,
    page: PageRequest,
  ): Promise<Page<DatasetRecord>> {
    const shares = await queryPage(
      context.client,
      queryParams(
        datasetShare.query
          .byGroup({ group })
          .where((attributes, { contains }) =>
            page.nameContains ? contains(attributes.dataset, page.nameContains) : '',
          )
          .params(),
      ),
      {
        cursor: page.cursor,
        limit: page.limit,
        filtered: Boolean(page.nameContains),
        toView: (Item) => datasetShare.parse({ Item }).data ?? null,
      },
    );
    if (shares.items.length === 0) return { items: [], cursor: shares.cursor };
    const { data } = await dataset
      .get(
        shares.items.map((share) => ({
          scope: 'group' as const,
          scopeId: 'group',
          name: share.dataset,
        })),
      )
      .go();
    const byName = new Map(data.map((item) => [item.name, item]));
    const items = shares.items.flatMap((share) => {
      const item = byName.get(share.dataset);
      return item ? [toRecord(item)] : [];
    });
    return { items, cursor: shares.cursor };
  }

  return {
    /** The record, its shares and the audit event in one transaction; a taken name is a conflict. */
    async create(input: CreateDatasetRepositoryInput): Promise<DatasetRecord> {
      const groups = [...new Set(input.groups)].sort();
      assertGroups(input, groups);
      const at = context.now();
      const item: DatasetItem = {
        scope: input.scope,
        scopeId: input.scopeId,
        name: input.name,
        description: input.description,
        type: input.type,
        groups,
        createdBy: input.createdBy,
        createdAt: at,
        updatedAt: at,
      };
      await scopes.markHolding(input, groups);
      await writeTransaction(
        model,
        [
          ({ dataset }) => dataset.create(item).commit(),
          auditOp(
            {
              actor: input.createdBy,
              action: 'dataset.created',
              targetType: 'dataset',
              targetId: target(input),
              after: { description: input.description, type: input.type, groups },
            },
            at,
          ),
          ...groups.flatMap((group): TxOp[] => [
            groupExistsOp(group),
            ({ datasetShare }) =>
              datasetShare
                .create({ dataset: input.name, group, addedBy: input.createdBy, addedAt: at })
                .commit(),
          ]),
        ],
        (index) =>
          index === 0
            ? describeKey(input)
            : `Group ${groups[Math.floor((index - 2) / 2)] ?? ''} does not exist`,
      );
      return toRecord(item);
    },

    async get(key: DatasetKey): Promise<DatasetRecord | null> {
      const { data } = await dataset.get(key).go();
      return data ? toRecord(data) : null;
    },

    /** Global datasets, one user's private datasets, or one project's datasets, by name. */
    listByScope,

    /** The projects and groups whose datasets `username` sees, with the hint that lets lists skip empty ones. */
    visibleScopes: (username: string) => scopes.visibleTo(username),

    /** The scopes `username` sees and their pages, under one read of the epochs (ADR 011). */
    async visibleTo(username: string): Promise<VisibleDatasets> {
      const epochs = await readEpochs(context);
      const visible = await scopes.visibleTo(username, epochs.reach);
      const kept = pages.under(epochs.datasets);
      const keyOf = (scope: string, page: PageRequest) => ({
        scope,
        cursor: page.cursor ?? null,
        limit: page.limit,
        nameContains: page.nameContains,
      });
      return {
        ...visible,
        listByScope: (key, page) =>
          kept(keyOf(`${key.scope}/${key.scopeId}`, page), () => listByScope(key, page)),
        listSharedWithGroup: (group, page) =>
          kept(keyOf(`shared/${group}`, page), () => listSharedWithGroup(group, page)),
      };
    },

    /** Records that a scope a list read from its start held nothing (only while not yet known). */
    markScopeEmptyIfUnknown: scopes.markEmptyIfUnknown,

    /** Every dataset (admins), whoever created it; `scope` narrows to one scope (begins_with on the sort key). */
    listAll(page: PageRequest, scope?: DatasetKey['scope']): Promise<Page<DatasetRecord>> {
      return pageOf(
        queryParams(
          dataset.query
            .allDatasets(scope ? { scope } : {})
            .where((attributes, { contains }) =>
              page.nameContains ? contains(attributes.name, page.nameContains) : '',
            )
            .params(),
        ),
        page,
      );
    },

    /** Group datasets shared with `group`, by name: a Query on the shares, then one BatchGet. */
    listSharedWithGroup,

    /** Changes the description and, for group datasets, re-syncs the shares to `groups`. */
    async update(
      key: DatasetKey,
      changes: { description: string; groups?: string[] },
      actor: string,
    ): Promise<DatasetRecord> {
      const current = await load(key);
      const groups = changes.groups ? [...new Set(changes.groups)].sort() : [...current.groups];
      assertGroups(key, groups);
      const added = groups.filter((group) => !current.groups.includes(group));
      const removed = current.groups.filter((group) => !groups.includes(group));
      const at = context.now();
      await scopes.markHolding(key, added);
      await writeTransaction(
        model,
        [
          ({ dataset }) =>
            dataset
              .patch(key)
              .set({ description: changes.description, groups, updatedAt: at })
              .where((attributes, { eq }) => eq(attributes.updatedAt, current.updatedAt))
              .commit(),
          auditOp(
            {
              actor,
              action: 'dataset.updated',
              targetType: 'dataset',
              targetId: target(key),
              before: { description: current.description, groups: current.groups },
              after: { description: changes.description, groups },
            },
            at,
          ),
          ...removed.map(
            (group): TxOp =>
              ({ datasetShare }) =>
                datasetShare.delete({ dataset: key.name, group }).commit(),
          ),
          ...added.flatMap((group): TxOp[] => [
            groupExistsOp(group),
            ({ datasetShare }) =>
              datasetShare
                .create({ dataset: key.name, group, addedBy: actor, addedAt: at })
                .commit(),
          ]),
        ],
        (index) => {
          if (index === 0)
            return `Dataset ${key.name} was changed or deleted at the same time; reload and try again`;
          const addedIndex = index - 2 - removed.length;
          return `Group ${added[Math.floor(addedIndex / 2)] ?? ''} does not exist`;
        },
      );
      return toRecord({ ...current, description: changes.description, groups, updatedAt: at });
    },

    /** Removes the record and its shares (the caller deletes the files first). */
    async delete(key: DatasetKey, actor: string): Promise<DatasetRecord> {
      const current = await load(key);
      await writeTransaction(
        model,
        [
          ({ dataset }) =>
            dataset
              .delete(key)
              .where((attributes, { exists }) => exists(attributes.name))
              .commit(),
          auditOp(
            {
              actor,
              action: 'dataset.deleted',
              targetType: 'dataset',
              targetId: target(key),
              before: {
                description: current.description,
                groups: current.groups,
                createdBy: current.createdBy,
              },
            },
            context.now(),
          ),
          ...current.groups.map(
            (group): TxOp =>
              ({ datasetShare }) =>
                datasetShare.delete({ dataset: key.name, group }).commit(),
          ),
        ],
        () => `Dataset ${key.name} was deleted at the same time`,
      );
      return toRecord(current);
    },
  };
}

export type DatasetsRepository = ReturnType<typeof createDatasetsRepository>;
