import { awsJsonError, type AwsJsonOperation } from './aws-json';

const account = 'arn:aws:sagemaker:us-east-1:123456789012';
const created = 1_700_000_000;

/**
 * Ground Truth in memory: work teams and labeling jobs as SageMaker keeps them. Spread
 * `operations` into `fakeSageMakerJobs({ overrides })`, which serves SageMaker's endpoint; a
 * duplicate name fails as SageMaker fails it, and a job's counters can be set through `jobs`.
 */
export function fakeGroundTruth() {
  const workteams = new Map<string, Record<string, unknown>>();
  const jobs = new Map<string, Record<string, unknown>>();
  const missing = (what: string, name: string) =>
    awsJsonError('ValidationException', `Could not find ${what} "${name}".`);

  const operations: Record<string, AwsJsonOperation> = {
    CreateWorkteam: (body) => {
      const name = String(body.WorkteamName);
      if (workteams.has(name))
        return awsJsonError('ResourceInUse', `Workteam ${name} already exists`);
      const arn = `${account}:workteam/private-crowd/${name}`;
      workteams.set(name, {
        WorkteamName: name,
        WorkteamArn: arn,
        MemberDefinitions: body.MemberDefinitions,
        Description: body.Description,
        SubDomain: `${name}.labeling.us-east-1.sagemaker.aws`,
        CreateDate: created,
        LastUpdatedDate: created,
      });
      return { WorkteamArn: arn };
    },
    DescribeWorkteam: (body) => {
      const team = workteams.get(String(body.WorkteamName));
      return team ? { Workteam: team } : missing('workteam', String(body.WorkteamName));
    },
    CreateLabelingJob: (body) => {
      const name = String(body.LabelingJobName);
      if (jobs.has(name))
        return awsJsonError('ResourceInUse', `Labeling job ${name} already exists`);
      const { Tags: _tags, ...described } = body;
      jobs.set(name, {
        ...described,
        LabelingJobStatus: 'InProgress',
        LabelCounters: {
          TotalLabeled: 0,
          HumanLabeled: 0,
          MachineLabeled: 0,
          FailedNonRetryableError: 0,
          Unlabeled: 0,
        },
        CreationTime: created,
        LastModifiedTime: created,
        JobReferenceCode: `ref-${name}`,
        LabelingJobArn: `${account}:labeling-job/${name.toLowerCase()}`,
      });
      return { LabelingJobArn: `${account}:labeling-job/${name.toLowerCase()}` };
    },
    DescribeLabelingJob: (body) => {
      const job = jobs.get(String(body.LabelingJobName));
      return job ?? missing('labeling job', String(body.LabelingJobName));
    },
    StopLabelingJob: (body) => {
      const job = jobs.get(String(body.LabelingJobName));
      if (!job) return missing('labeling job', String(body.LabelingJobName));
      if (job.LabelingJobStatus !== 'InProgress')
        return awsJsonError(
          'ValidationException',
          `Labeling job ${String(body.LabelingJobName)} is ${String(job.LabelingJobStatus)} and cannot be stopped`,
        );
      job.LabelingJobStatus = 'Stopping';
      job.LastModifiedTime = created + 60;
      return {};
    },
  };
  return { operations, workteams, jobs };
}
