/**
 * Labeling jobs on SageMaker Ground Truth. Each job gets a private work team of the workers chosen
 * for it: on an OIDC workforce a team's members are IdP groups, so the team lists the workers'
 * usernames as groups (the IdP's groups claim must carry each user's username; ADR 015). The
 * built-in pre-annotation and consolidation functions come from AWS's published list per region.
 */
import {
  CreateLabelingJobCommand,
  CreateWorkteamCommand,
  DescribeLabelingJobCommand,
  DescribeWorkteamCommand,
  StopLabelingJobCommand,
  type DescribeLabelingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';

import {
  UnavailableError,
  ValidationError,
  labelingTaskTypeInfo,
  outputManifestUri,
  type CreateLabelingJobRequest,
  type LabelingJobBackend,
  type LabelingJobDescription,
  type LabelingTaskType,
} from '@mlspace/core';

import { explain, isMissing, type SageMakerContext } from '../jobs/context';
import {
  groundTruthFunctions,
  type GroundTruthFunctions,
} from './ground-truth-functions.generated';

/** An OIDC member definition takes at most this many groups (SageMaker's model). */
export const maxWorkersPerTeam = 10;

/** Ground Truth's functions for a task type in a region, or why there are none. */
export function groundTruthFunctionsFor(
  region: string,
  taskType: LabelingTaskType,
): GroundTruthFunctions {
  const functions = groundTruthFunctions[region]?.[taskType];
  if (!functions)
    throw new UnavailableError(
      `Ground Truth has no built-in ${labelingTaskTypeInfo[taskType].label} functions in ${region}; it offers them in ${Object.keys(groundTruthFunctions).join(', ')}`,
    );
  return functions;
}

/** The work team of a job: `mlspace-<job>`, within SageMaker's 63 characters. */
export function workteamName(job: string): string {
  return `mlspace-${job}`.slice(0, 63).replace(/-+$/, '');
}

function clip(text: string, length: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= length ? single : `${single.slice(0, length - 1)}…`;
}

function describedStatus(job: DescribeLabelingJobCommandOutput): LabelingJobDescription['status'] {
  return job.LabelingJobStatus ?? 'InProgress';
}

export function createGroundTruthLabeling(context: SageMakerContext): LabelingJobBackend {
  const { sagemaker } = context.clients;
  const { region } = context.settings;

  async function ensureWorkteam(request: CreateLabelingJobRequest): Promise<string> {
    if (request.workers.length > maxWorkersPerTeam)
      throw new ValidationError(
        'workers',
        `Ground Truth's private teams on an OIDC workforce take at most ${maxWorkersPerTeam} groups; choose at most ${maxWorkersPerTeam} workers`,
      );
    const name = workteamName(request.name);
    const created = await sagemaker
      .send(
        new CreateWorkteamCommand({
          WorkteamName: name,
          Description: clip(
            `Workers of labeling job ${request.name} in project ${request.owner.project}`,
            200,
          ),
          MemberDefinitions: [{ OidcMemberDefinition: { Groups: [...request.workers] } }],
          Tags: context.tags(request.owner),
        }),
      )
      .catch((error: unknown) => explain(`create the work team ${name}`, 'workers', error));
    return created.WorkteamArn!;
  }

  async function portalUrl(workteamArn: string | undefined): Promise<string | undefined> {
    if (!workteamArn) return undefined;
    const name = workteamArn.split('/').pop()!;
    const result = await sagemaker
      .send(new DescribeWorkteamCommand({ WorkteamName: name }))
      .catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
    const subDomain = result?.Workteam?.SubDomain;
    return subDomain ? `https://${subDomain}` : undefined;
  }

  async function describe(name: string): Promise<LabelingJobDescription | null> {
    const job = await sagemaker
      .send(new DescribeLabelingJobCommand({ LabelingJobName: name }))
      .catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
    if (!job) return null;
    const counters = job.LabelCounters ?? {};
    const labeled = counters.TotalLabeled ?? 0;
    const failed = counters.FailedNonRetryableError ?? 0;
    const unlabeled = counters.Unlabeled ?? 0;
    const workerPortalUrl = await portalUrl(job.HumanTaskConfig?.WorkteamArn);
    return {
      name,
      status: describedStatus(job),
      failureReason: job.FailureReason,
      counters: { total: labeled + failed + unlabeled, labeled, failed, unlabeled },
      outputManifestUri:
        job.LabelingJobOutput?.OutputDatasetS3Uri ??
        outputManifestUri(job.OutputConfig?.S3OutputPath ?? '', name),
      workerPortalUrl,
      createdAt: job.CreationTime?.toISOString(),
      metadata: {
        ...(job.LabelingJobArn ? { arn: job.LabelingJobArn } : {}),
        ...(workerPortalUrl ? { workerPortalUrl } : {}),
      },
    };
  }

  return {
    async create(request) {
      const functions = groundTruthFunctionsFor(region, request.taskType);
      const workteamArn = await ensureWorkteam(request);
      const roleArn = await context.roleFor(request.owner);
      await sagemaker
        .send(
          new CreateLabelingJobCommand({
            LabelingJobName: request.name,
            LabelAttributeName: request.labelAttributeName,
            InputConfig: {
              DataSource: { S3DataSource: { ManifestS3Uri: request.inputManifestUri } },
            },
            OutputConfig: { S3OutputPath: request.outputUri, KmsKeyId: context.settings.kmsKeyId },
            RoleArn: roleArn,
            LabelCategoryConfigS3Uri: request.labelCategoryConfigUri,
            HumanTaskConfig: {
              WorkteamArn: workteamArn,
              UiConfig: { UiTemplateS3Uri: request.templateUri },
              PreHumanTaskLambdaArn: functions.pre,
              TaskTitle: clip(request.shortInstruction, 128),
              TaskDescription: clip(request.fullInstruction || request.shortInstruction, 255),
              NumberOfHumanWorkersPerDataObject: request.workersPerObject,
              TaskTimeLimitInSeconds: request.taskTimeLimitSeconds,
              AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: functions.acs },
            },
            Tags: context.tags(request.owner),
          }),
        )
        .catch((error: unknown) => explain(`create labeling job ${request.name}`, 'name', error));
      return (
        (await describe(request.name)) ?? {
          name: request.name,
          status: 'Initializing',
          counters: { total: 0, labeled: 0, failed: 0, unlabeled: 0 },
          outputManifestUri: outputManifestUri(request.outputUri, request.name),
          metadata: {},
        }
      );
    },

    describe,

    async stop(name) {
      await sagemaker
        .send(new StopLabelingJobCommand({ LabelingJobName: name }))
        .catch((error: unknown) => explain(`stop labeling job ${name}`, 'name', error));
    },
  };
}
