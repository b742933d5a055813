import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

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
      },
    },
    config,
  );
}

export type ProjectEntity = ReturnType<typeof createProjectEntity>;
export type ProjectItem = EntityItem<ProjectEntity>;
