import { Service } from 'electrodb';
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

/**
 * Entities are built per call, not as module singletons, so two databases (tests, the
 * benchmark) never share a mutated client or table name.
 */
export function createModel(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };
  return new Service(
    {
      user: createUserEntity(config),
      project: createProjectEntity(config),
      projectMember: createProjectMemberEntity(config),
      group: createGroupEntity(config),
      groupMember: createGroupMemberEntity(config),
      groupMembershipEvent: createGroupMembershipEventEntity(config),
      auditEvent: createAuditEventEntity(config),
      resource: createResourceEntity(config),
      runningResource: createRunningResourceEntity(config),
      unsettledResource: createUnsettledResourceEntity(config),
      usageDay: createUsageDayEntity(config),
      usageMonth: createUsageMonthEntity(config),
      resourceUsage: createResourceUsageEntity(config),
      budgetedProject: createBudgetedProjectEntity(config),
      quotaUsage: createQuotaUsageEntity(config),
      configVersion: createConfigVersionEntity(config),
      dataset: createDatasetEntity(config),
      datasetShare: createDatasetShareEntity(config),
      report: createReportEntity(config),
      session: createSessionEntity(config),
      reachEpoch: createReachEpochEntity(config),
      labelingObject: createLabelingObjectEntity(config),
      labelingAssignment: createLabelingAssignmentEntity(config),
      labelingTally: createLabelingTallyEntity(config),
      apiToken: createApiTokenEntity(config),
      rateWindow: createRateWindowEntity(config),
      modelUsage: createModelUsageEntity(config),
    },
    config,
  );
}

export type Model = ReturnType<typeof createModel>;

export interface Context {
  model: Model;
  client: DynamoDBDocumentClient;
  table: string;
  now: () => string;
}
