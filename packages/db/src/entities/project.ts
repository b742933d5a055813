import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1, , gsi3] = tableLayout.globalSecondaryIndexes;

/**
 * A project. `ownerCount` counts direct user owners; every transaction that adds or removes one
 * adjusts it with a condition (`ownerCount > 1` before a decrement), which is what makes the
 * last-owner rule hold when two demotions race.
 */
export function createProjectEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'project', version: '1', service: 'mlspace' },
      attributes: {
        name: { type: 'string', required: true, readOnly: true },
        description: { type: 'string', required: true },
        searchText: { type: 'string', required: true },
        suspended: { type: 'boolean', required: true },
        ownerCount: { type: 'number', required: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** JSON of the project's cost controls (stop time, TTLs, override switches); absent = none. */
        costControls: { type: 'string' },
        /** JSON of the project's monthly budget (core's Budget); absent = none. */
        budget: { type: 'string' },
        /** JSON of an administrator's quota overrides (core's QuotaOverrides); absent = the defaults. */
        quotaOverrides: { type: 'string' },
        /** JSON of the deletion in progress (who asked, attempts, failures); absent otherwise. */
        deletion: { type: 'string' },
        /**
         * `deleting` while a deletion is in progress, which puts the project in the sparse `deleting`
         * index; `none` otherwise (ElectroDB needs the composite on every write that sets it).
         */
        deletionIndex: { type: ['none', 'deleting'] as const, required: true, default: 'none' },
        /**
         * Whether datasets may be listed under this scope (ADR 011): set true before its first
         * dataset or share is written, set false only by a list that found the scope empty and only
         * while unset. Absent means not known yet, so the scope is read; false lets lists skip it.
         */
        holdsDatasets: { type: 'boolean' },
      },
      indexes: {
        byName: {
          pk: { field: tableLayout.partitionKey, composite: ['name'], template: 'project#${name}' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'project' },
        },
        // Admins list every project with a Query on one partition sorted by name.
        allProjects: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: [], template: 'projects' },
          sk: { field: gsi1.sortKey, composite: ['name'], template: 'project#${name}' },
        },
        // Sparse: only projects being deleted, so the sweep finds unfinished deletions with one Query.
        deleting: {
          index: gsi3.name,
          condition: (attributes) => attributes.deletionIndex === 'deleting',
          pk: {
            field: gsi3.partitionKey,
            composite: ['deletionIndex'],
            template: 'projects#${deletionIndex}',
          },
          // Not the name: every write names the project, and would then have to restate this index.
          // Not empty either: ElectroDB's patch then writes the sort key as "undefined".
          sk: {
            field: gsi3.sortKey,
            composite: ['deletionIndex'],
            template: 'project#${deletionIndex}',
          },
        },
      },
    },
    config,
  );
}

export type ProjectEntity = ReturnType<typeof createProjectEntity>;
export type ProjectItem = EntityItem<ProjectEntity>;
