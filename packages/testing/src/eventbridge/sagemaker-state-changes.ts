/**
 * SageMaker state-change events as EventBridge delivers them to a Lambda target. Shapes follow
 * "Events that Amazon SageMaker AI sends to Amazon EventBridge" (SageMaker Developer Guide,
 * automating-sagemaker-with-eventbridge): the envelope (`version`, `id`, `detail-type`, `source`,
 * `account`, `time` in whole seconds, `region`, `resources`), and a `detail` that is the
 * resource's Describe* output (required members of the SageMaker API model filled in) with
 * timestamps in epoch milliseconds and `Tags` as a map. Endpoint events spell statuses as
 * `IN_SERVICE`, as AWS's example and the reference MLSpace's handler do.
 */
const account = '123456789012';
const region = 'us-east-1';
const created = 1_764_500_000_000;

export interface StateChangeOptions {
  /** The envelope's time; whole seconds as EventBridge writes it. */
  time?: string;
  /** The resource's tags; MLSpace's by default (system `MLSpace`, project `vision`, user `alice`). */
  tags?: Record<string, string>;
  failureReason?: string;
}

export interface SageMakerStateChange {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

let sequence = 0;

function envelope(
  detailType: string,
  arn: string,
  detail: Record<string, unknown>,
  options: StateChangeOptions,
): SageMakerStateChange {
  sequence += 1;
  return {
    version: '0',
    id: `844e2571-85d4-695f-b930-${String(sequence).padStart(12, '0')}`,
    'detail-type': detailType,
    source: 'aws.sagemaker',
    account,
    time: options.time ?? '2026-11-30T10:00:00Z',
    region,
    resources: [arn],
    detail: {
      ...detail,
      ...(options.failureReason ? { FailureReason: options.failureReason } : {}),
      Tags: options.tags ?? { system: 'MLSpace', project: 'vision', user: 'alice' },
    },
  };
}

export const sagemakerArn = (type: string, name: string) =>
  `arn:aws:sagemaker:${region}:${account}:${type}/${name.toLowerCase()}`;

export function notebookInstanceStateChange(
  name: string,
  status: string,
  options: StateChangeOptions = {},
): SageMakerStateChange {
  const arn = sagemakerArn('notebook-instance', name);
  return envelope(
    'SageMaker Notebook Instance State Change',
    arn,
    {
      NotebookInstanceArn: arn,
      NotebookInstanceName: name,
      NotebookInstanceStatus: status,
      InstanceType: 'ml.t3.medium',
      RoleArn: `arn:aws:iam::${account}:role/mlspace-notebook-role`,
      VolumeSizeInGB: 5,
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      CreationTime: created,
      LastModifiedTime: created,
    },
    options,
  );
}

export function trainingJobStateChange(
  name: string,
  status: string,
  options: StateChangeOptions & { secondaryStatus?: string } = {},
): SageMakerStateChange {
  const arn = sagemakerArn('training-job', name);
  return envelope(
    'SageMaker Training Job State Change',
    arn,
    {
      TrainingJobName: name,
      TrainingJobArn: arn,
      TrainingJobStatus: status,
      SecondaryStatus: options.secondaryStatus ?? status,
      ModelArtifacts: {
        S3ModelArtifacts: `s3://mlspace-data/project/vision/training/${name}/output/model.tar.gz`,
      },
      HyperParameters: { epochs: '3' },
      AlgorithmSpecification: {
        TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        TrainingInputMode: 'File',
      },
      RoleArn: `arn:aws:iam::${account}:role/mlspace-project-user`,
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: 's3://mlspace-data/project/vision/datasets/train/',
              S3DataDistributionType: 'FullyReplicated',
            },
          },
        },
      ],
      OutputDataConfig: { S3OutputPath: `s3://mlspace-data/project/vision/training/${name}/` },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      CreationTime: created,
      TrainingStartTime: created + 60_000,
      LastModifiedTime: created + 120_000,
      SecondaryStatusTransitions: [],
    },
    options,
  );
}

export function tuningJobStateChange(
  name: string,
  status: string,
  options: StateChangeOptions & { bestTrainingJob?: string } = {},
): SageMakerStateChange {
  const arn = sagemakerArn('hyper-parameter-tuning-job', name);
  return envelope(
    'SageMaker HyperParameter Tuning Job State Change',
    arn,
    {
      HyperParameterTuningJobName: name,
      HyperParameterTuningJobArn: arn,
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
      },
      HyperParameterTuningJobStatus: status,
      CreationTime: created,
      LastModifiedTime: created + 120_000,
      TrainingJobStatusCounters: {
        Completed: 1,
        InProgress: 0,
        RetryableError: 0,
        NonRetryableError: 0,
        Stopped: 0,
      },
      ObjectiveStatusCounters: { Succeeded: 1, Pending: 0, Failed: 0 },
      ...(options.bestTrainingJob
        ? {
            BestTrainingJob: {
              TrainingJobName: options.bestTrainingJob,
              TrainingJobArn: sagemakerArn('training-job', options.bestTrainingJob),
              CreationTime: created,
              TrainingJobStatus: 'Completed',
              TunedHyperParameters: { eta: '0.2' },
            },
          }
        : {}),
    },
    options,
  );
}

export function transformJobStateChange(
  name: string,
  status: string,
  options: StateChangeOptions = {},
): SageMakerStateChange {
  const arn = sagemakerArn('transform-job', name);
  return envelope(
    'SageMaker Transform Job State Change',
    arn,
    {
      TransformJobName: name,
      TransformJobArn: arn,
      TransformJobStatus: status,
      ModelName: 'vision-model',
      TransformInput: {
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: 's3://mlspace-data/project/vision/datasets/batch/',
          },
        },
        ContentType: 'text/csv',
        SplitType: 'Line',
      },
      TransformOutput: { S3OutputPath: `s3://mlspace-data/project/vision/transform/${name}/` },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
      CreationTime: created,
      TransformStartTime: created + 60_000,
    },
    options,
  );
}

export function endpointStateChange(
  name: string,
  status: string,
  options: StateChangeOptions = {},
): SageMakerStateChange {
  const arn = sagemakerArn('endpoint', name);
  return envelope(
    'SageMaker Endpoint State Change',
    arn,
    {
      EndpointName: name,
      EndpointArn: arn,
      EndpointConfigName: `${name}-config`,
      ProductionVariants: [{ DesiredWeight: 1.0, DesiredInstanceCount: 1.0 }],
      EndpointStatus: status,
      CreationTime: created,
      LastModifiedTime: created + 120_000,
    },
    options,
  );
}

/** A model's event: created with its tags, or (SageMaker can no longer read them) deleted without. */
export function modelStateChange(name: string, options: StateChangeOptions = {}) {
  const arn = sagemakerArn('model', name);
  return envelope(
    'SageMaker Model State Change',
    arn,
    {
      ModelName: name,
      ModelArn: arn,
      PrimaryContainer: {
        Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        ModelDataUrl: 's3://mlspace-data/project/vision/training/job/output/model.tar.gz',
      },
      ExecutionRoleArn: `arn:aws:iam::${account}:role/mlspace-project-user`,
      CreationTime: created,
    },
    options,
  );
}

/** Ground Truth sends only the status; the job is named by the ARN in `resources` (no tags). */
export function labelingJobStateChange(
  name: string,
  status: string,
  options: StateChangeOptions = {},
): SageMakerStateChange {
  const change = envelope(
    'SageMaker Ground Truth Labeling Job State Change',
    sagemakerArn('labeling-job', name),
    { LabelingJobStatus: status },
    options,
  );
  const { Tags: _tags, ...detail } = change.detail;
  return { ...change, detail };
}
