import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

const [gsi1, gsi2, gsi3] = tableLayout.globalSecondaryIndexes;

/** ElectroDB's sparse indexes need every composite on each write, so "no due time" is a value. */
export const unscheduled = 'unscheduled';

/**
 * One compute resource of any kind (notebook, jobs, models, endpoint configs, endpoints).
 * - byProject (gsi1): a project's resources of one kind, newest first.
 * - byOwner (gsi2): a user's resources of one kind ("my notebooks"), newest first.
 * - bySchedule (gsi3): sparse; only resources with a due time (`scheduleDueAt`, the earlier of
 *   stopAt and terminateAt) are in it, sorted by that time, so the sweep reads only what is due.
 *   Its sort key is the due time alone: GSI keys need not be unique.
 */
export function createResourceEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'resource', version: '1', service: 'mlspace' },
      attributes: {
        kind: { type: computeKinds, required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        project: { type: 'string', required: true, readOnly: true },
        owner: { type: 'string', required: true, readOnly: true },
        status: { type: 'string', required: true },
        instanceType: { type: 'string' },
        instanceCount: { type: 'number' },
        failureReason: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** When the backend reported the current status; an older report is not applied. */
        statusAt: { type: 'string' },
        startedAt: { type: 'string' },
        stoppedAt: { type: 'string' },
        stopAt: { type: 'string' },
        terminateAt: { type: 'string' },
        /** A notebook's daily stop as `HH:MM` and an IANA zone, from which the next stopAt is computed. */
        dailyStopTime: { type: 'string' },
        dailyStopTimeZone: { type: 'string' },
        /** What a cascade or the sweep failed to do (`stop`, `delete`); due at once on the schedule index. */
        pendingAction: { type: ['stop', 'delete'] as const },
        lastError: { type: 'string' },
        /** Why MLSpace stopped it on its own ("Stopped after 60 minutes idle"); removed by a start. */
        stopReason: { type: 'string' },
        /** A notebook found idle: when it stops if still idle (the portal warns); removed on use. */
        idleStopAt: { type: 'string' },
        /** The earlier of stopAt and terminateAt, or `unscheduled` (then not in the index). */
        scheduleDueAt: { type: 'string', required: true },
        scheduleIndex: { type: ['schedule'] as const, required: true, default: 'schedule' },
        /** JSON of the kind's settings; opaque to the registry. */
        spec: { type: 'string', required: true },
        /** JSON of backend facts (ARN, local port); never secrets. */
        metadata: { type: 'string', required: true },
      },
      indexes: {
        byName: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['kind', 'name'],
            template: 'resource#${kind}#${name}',
          },
          sk: { field: tableLayout.sortKey, composite: [], template: 'resource' },
        },
        byProject: {
          index: gsi1.name,
          pk: {
            field: gsi1.partitionKey,
            composite: ['project', 'kind'],
            template: 'project#${project}#resources#${kind}',
          },
          sk: {
            field: gsi1.sortKey,
            composite: ['createdAt', 'name'],
            template: 'created#${createdAt}#${name}',
          },
        },
        byOwner: {
          index: gsi2.name,
          pk: {
            field: gsi2.partitionKey,
            composite: ['owner', 'kind'],
            template: 'user#${owner}#resources#${kind}',
          },
          sk: {
            field: gsi2.sortKey,
            composite: ['createdAt', 'name'],
            template: 'created#${createdAt}#${name}',
          },
        },
        bySchedule: {
          index: gsi3.name,
          condition: (attributes) => attributes.scheduleDueAt !== unscheduled,
          // A composite (always `schedule`) rather than a constant, because ElectroDB writes a
          // constant key only on create, and a patch must be able to add the item to the index.
          pk: {
            field: gsi3.partitionKey,
            composite: ['scheduleIndex'],
            template: '${scheduleIndex}',
          },
          sk: {
            field: gsi3.sortKey,
            composite: ['scheduleDueAt'],
            template: 'schedule#${scheduleDueAt}',
          },
        },
      },
    },
    config,
  );
}

export type ResourceEntity = ReturnType<typeof createResourceEntity>;
export type ResourceItem = EntityItem<ResourceEntity>;
