import { createGetTransaction, createWriteTransaction, type Service } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createApiTokenEntity } from './entities/api-token';
import { createAuditEventEntity } from './entities/audit-event';
import { createBudgetedProjectEntity } from './entities/budgeted-project';
import { createConfigVersionEntity } from './entities/config-version';
import { createDatasetEntity } from './entities/dataset';
import { createDatasetShareEntity } from './entities/dataset-share';
import { createGroupEntity } from './entities/group';
import { createGroupMemberEntity } from './entities/group-member';
import { createGroupMembershipEventEntity } from './entities/group-membership-event';
import { createLabelingAssignmentEntity } from './entities/labeling-assignment';
import { createLabelingObjectEntity } from './entities/labeling-object';
import { createLabelingTallyEntity } from './entities/labeling-tally';
import { createModelUsageEntity } from './entities/model-usage';
import { createProjectEntity } from './entities/project';
import { createProjectMemberEntity } from './entities/project-member';
import { createQuotaUsageEntity } from './entities/quota-usage';
import { createReachEpochEntity } from './entities/reach-epoch';
import { createRateWindowEntity } from './entities/rate-window';
import { createReportEntity } from './entities/report';
import { createResourceEntity } from './entities/resource';
import { createRunningResourceEntity } from './entities/running-resource';
import { createSessionEntity } from './entities/session';
import { createUnsettledResourceEntity } from './entities/unsettled-resource';
import { createResourceUsageEntity } from './entities/resource-usage';
import { createUsageDayEntity } from './entities/usage-day';
import { createUsageMonthEntity } from './entities/usage-month';
import { createUserEntity } from './entities/user';

const entityFactories = {
  user: createUserEntity,
  project: createProjectEntity,
  projectMember: createProjectMemberEntity,
  group: createGroupEntity,
  groupMember: createGroupMemberEntity,
  groupMembershipEvent: createGroupMembershipEventEntity,
  auditEvent: createAuditEventEntity,
  resource: createResourceEntity,
  runningResource: createRunningResourceEntity,
  unsettledResource: createUnsettledResourceEntity,
  usageDay: createUsageDayEntity,
  usageMonth: createUsageMonthEntity,
  resourceUsage: createResourceUsageEntity,
  budgetedProject: createBudgetedProjectEntity,
  quotaUsage: createQuotaUsageEntity,
  configVersion: createConfigVersionEntity,
  dataset: createDatasetEntity,
  datasetShare: createDatasetShareEntity,
  report: createReportEntity,
  session: createSessionEntity,
  reachEpoch: createReachEpochEntity,
  labelingObject: createLabelingObjectEntity,
  labelingAssignment: createLabelingAssignmentEntity,
  labelingTally: createLabelingTallyEntity,
  apiToken: createApiTokenEntity,
  rateWindow: createRateWindowEntity,
  modelUsage: createModelUsageEntity,
};

export type Entities = {
  [Name in keyof typeof entityFactories]: ReturnType<(typeof entityFactories)[Name]>;
};

export interface Model {
  entities: Entities;
  transaction: Service<Entities>['transaction'];
}

/**
 * Entities are built per call, not as module singletons, so two databases (tests, the
 * benchmark) never share a mutated client or table name; and each is built on its first use
 * (`builtOnFirstUse`), since building one costs milliseconds and a request uses a few of the 27:
 * a Lambda's cold start built them all (ADR 023). A transaction sees every entity, as ElectroDB's
 * Service would give it, so the first write builds the rest.
 */
export function createModel(client: DynamoDBDocumentClient, table: string): Model {
  const config = { client, table };
  const entities = {} as Entities;
  for (const name of Object.keys(entityFactories) as (keyof Entities)[]) {
    entities[name] = builtOnFirstUse(() => entityFactories[name](config)) as never;
  }
  return {
    entities,
    transaction: {
      write: (fn) => createWriteTransaction(entities, fn),
      get: (fn) => createGetTransaction(entities, fn),
    },
  };
}

/**
 * Stands for an entity until something is asked of it, then builds it and answers as it would:
 * repositories take the entities they use when they are created, long before a request asks.
 */
export function builtOnFirstUse<T extends object>(build: () => T): T {
  let entity: T | undefined;
  const bound = new Map<PropertyKey, { value: unknown; method: unknown }>();
  const real = () => (entity ??= build());
  return new Proxy({} as T, {
    get(_stand, property) {
      const target = real();
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const kept = bound.get(property);
      if (kept?.value === value) return kept.method;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(property, { value, method });
      return method;
    },
    has: (_stand, property) => Reflect.has(real(), property),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_stand, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), property);
      // A proxy may not report a property its target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    set: (_stand, property, value) => Reflect.set(real(), property, value),
  });
}

export interface Context {
  model: Model;
  client: DynamoDBDocumentClient;
  table: string;
  now: () => string;
}
