// The app policy, carried by the API's role and the system jobs' role: the AWS calls their code
// makes, and explicit denies that keep them off every IAM role and policy but project-user ones.
import type { Naming } from '../naming';
import type { Statement } from './policy';
import { requestTagged, resourceTagged, resourceTagKeys, tagOnCreate } from './sagemaker-tags';

export interface AppPolicyInputs {
  naming: Naming;
  tableArn: string;
  dataBucketArn: string;
  kmsKeyArn: string;
  notebookRoleArn: string;
  /** The boundary every project-user role must carry. */
  permissionsBoundaryArn: string;
  /** The deployment's policies the app may attach to project-user roles. */
  projectUserBasePolicyArns: string[];
  /** The roles EMR clusters run with (constructs/emr.ts). */
  emr: { serviceRoleArn: string; instanceRoleArn: string };
}

const sagemaker = (...names: string[]) => names.map((n) => `sagemaker:${n}`);

/**
 * The SageMaker calls of packages/aws, grouped by the condition that scopes them;
 * test/aws-calls.test.ts fails when the code and these lists drift apart.
 */
const appSageMakerCalls = {
  creates: sagemaker(
    'CreateTrainingJob',
    'CreateHyperParameterTuningJob',
    'CreateTransformJob',
    'CreateModel',
    'CreateEndpointConfig',
    'CreateEndpoint',
    'CreateNotebookInstance',
    'CreateLabelingJob',
    // A labeling job's private work team, tagged like every resource MLSpace creates.
    'CreateWorkteam',
  ),
  // Unconditioned so a missing resource answers "does not exist" (idempotent cleanup).
  describes: sagemaker(
    'DescribeTrainingJob',
    'DescribeHyperParameterTuningJob',
    'DescribeTransformJob',
    'DescribeModel',
    'DescribeEndpointConfig',
    'DescribeEndpoint',
    'DescribeNotebookInstance',
    'DescribeLabelingJob',
    // The work team's labeling portal (its sub-domain) for the job page.
    'DescribeWorkteam',
  ),
  onTagged: sagemaker(
    'StartNotebookInstance',
    'StopNotebookInstance',
    'UpdateNotebookInstance',
    'DeleteNotebookInstance',
    'CreatePresignedNotebookInstanceUrl',
    'StopTrainingJob',
    'StopHyperParameterTuningJob',
    'ListTrainingJobsForHyperParameterTuningJob',
    'StopTransformJob',
    'StopLabelingJob',
    'DeleteModel',
    'DeleteEndpointConfig',
    'UpdateEndpoint',
    'DeleteEndpoint',
    'InvokeEndpoint',
  ),
  // Lifecycle configurations have no resource-tag condition key in IAM; they hold only scripts.
  lifecycleConfigs: sagemaker(
    'CreateNotebookInstanceLifecycleConfig',
    'UpdateNotebookInstanceLifecycleConfig',
  ),
};

/** Every IAM action that changes an entity; the app may use them on project-user entities only. */
export const iamWriteActions = [
  'iam:Add*',
  'iam:Attach*',
  'iam:Create*',
  'iam:Delete*',
  'iam:Detach*',
  'iam:Put*',
  'iam:Remove*',
  'iam:Set*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
  'iam:Upload*',
];

/** What the API and the jobs call (see test/aws-calls.test.ts), and nothing else. */
function callStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming, tableArn, dataBucketArn, kmsKeyArn } = inputs;
  const systemTag = naming.config.systemTag;
  const sagemakerAny = naming.arn('sagemaker', '*');
  const sagemakerLogs = naming.arn('logs', 'log-group:/aws/sagemaker/*');
  return [
    {
      sid: 'Table',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:TransactWriteItems',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
      ],
      resources: [tableArn, `${tableArn}/index/*`],
    },
    {
      sid: 'DataObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      resources: [`${dataBucketArn}/*`],
    },
    { sid: 'DataListing', actions: ['s3:ListBucket'], resources: [dataBucketArn] },
    {
      sid: 'AppKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: [kmsKeyArn],
    },
    {
      sid: 'KeyGrantsForSageMaker',
      actions: ['kms:CreateGrant'],
      resources: [kmsKeyArn],
      conditions: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
    {
      sid: 'SessionSecret',
      actions: ['secretsmanager:GetSecretValue'],
      // Secrets Manager appends `-` and six random characters to the name in the ARN.
      resources: [naming.arn('secretsmanager', `secret:${naming.base}/session-secret-*`)],
    },
    {
      sid: 'SageMakerCreateTagged',
      actions: appSageMakerCalls.creates,
      resources: [sagemakerAny],
      conditions: requestTagged(systemTag),
    },
    {
      sid: 'SageMakerDescribe',
      actions: appSageMakerCalls.describes,
      resources: [sagemakerAny],
    },
    {
      sid: 'SageMakerActOnTagged',
      actions: appSageMakerCalls.onTagged,
      resources: [sagemakerAny],
      conditions: resourceTagged(systemTag),
    },
    {
      sid: 'NotebookLifecycleConfigs',
      actions: appSageMakerCalls.lifecycleConfigs,
      resources: [naming.arn('sagemaker', 'notebook-instance-lifecycle-config/*')],
    },
    {
      sid: 'SageMakerLogs',
      actions: ['logs:FilterLogEvents'],
      resources: [sagemakerLogs, `${sagemakerLogs}:*`],
    },
    {
      sid: 'PassWorkloadRoles',
      actions: ['iam:PassRole'],
      resources: [
        inputs.notebookRoleArn,
        ...(naming.config.iam.manageIamRoles ? [naming.projectUserRolePattern] : []),
      ],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          // Translate batch jobs read and write as the same role (their data-access role).
          values: ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
        },
      ],
    },
  ];
}

/**
 * Amazon Translate, exactly the calls packages/aws/src/translation makes: real time and jobs
 * (which Translate scopes to no resource), terminologies imported only with MLSpace's system tag
 * and deleted only when they carry it; those imported outside MLSpace are read, never deleted.
 */
function translateStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming } = inputs;
  const systemTag = naming.config.systemTag;
  const terminologies = naming.arn('translate', 'terminology/*');
  return [
    {
      sid: 'TranslateCalls',
      actions: [
        'translate:TranslateText',
        'translate:ListLanguages',
        'translate:ListTerminologies',
        'translate:StartTextTranslationJob',
        'translate:ListTextTranslationJobs',
        'translate:DescribeTextTranslationJob',
        'translate:StopTextTranslationJob',
      ],
      resources: ['*'],
    },
    {
      sid: 'TranslateTerminologyRead',
      actions: ['translate:GetTerminology', 'translate:ListTagsForResource'],
      resources: [terminologies],
    },
    {
      sid: 'TranslateTerminologyImportTagged',
      actions: ['translate:ImportTerminology', 'translate:TagResource'],
      resources: [terminologies],
      conditions: [
        { test: 'StringEquals', variable: 'aws:RequestTag/system', values: [systemTag] },
        { test: 'Null', variable: 'aws:RequestTag/user', values: ['false'] },
      ],
    },
    {
      sid: 'TranslateTerminologyDeleteTagged',
      actions: ['translate:DeleteTerminology'],
      resources: [terminologies],
      conditions: resourceTagged(systemTag),
    },
  ];
}

/**
 * Bedrock, exactly the calls packages/aws/src/bedrock makes for the admin's model choice and the
 * playground: the region's model list (which names no resource), and Converse and ConverseStream,
 * which Bedrock authorizes as InvokeModel and InvokeModelWithResponseStream, on the region's
 * foundation models. Which of them a project may use is the dynamic configuration's choice, which
 * the API checks before every call (ADR 017).
 */
function bedrockStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming } = inputs;
  return [
    { sid: 'BedrockModelList', actions: ['bedrock:ListFoundationModels'], resources: ['*'] },
    {
      sid: 'BedrockInvokeFoundationModels',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: [naming.arn('bedrock', 'foundation-model/*', { account: false })],
    },
  ];
}

/** Project-user roles and policies: created with the boundary, shaped only with MLSpace policies. */
function projectUserRoleStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming } = inputs;
  const roles = naming.projectUserRolePattern;
  const policies = naming.projectUserPolicyPattern;
  const withBoundary = {
    test: 'StringEquals',
    variable: 'iam:PermissionsBoundary',
    values: [inputs.permissionsBoundaryArn],
  };
  return [
    {
      sid: 'ProjectUserRoleCreate',
      actions: ['iam:CreateRole'],
      resources: [roles],
      conditions: [
        withBoundary,
        {
          test: 'StringEquals',
          variable: 'aws:RequestTag/system',
          values: [naming.config.systemTag],
        },
      ],
    },
    {
      sid: 'ProjectUserRoleTags',
      actions: ['iam:TagRole'],
      resources: [roles],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'aws:RequestTag/system',
          values: [naming.config.systemTag],
        },
        {
          test: 'ForAllValues:StringEquals',
          variable: 'aws:TagKeys',
          values: [...resourceTagKeys, 'dynamic-user-role'],
        },
      ],
    },
    {
      sid: 'ProjectUserPolicyAttach',
      actions: ['iam:AttachRolePolicy'],
      resources: [roles],
      conditions: [
        withBoundary,
        {
          test: 'ArnLike',
          variable: 'iam:PolicyARN',
          values: [policies, ...inputs.projectUserBasePolicyArns],
        },
      ],
    },
    // Project deletion removes what ensureProjectUserRole made.
    {
      sid: 'ProjectUserPolicyDetach',
      actions: ['iam:DetachRolePolicy', 'iam:DeleteRolePolicy'],
      resources: [roles],
      conditions: [withBoundary],
    },
    {
      sid: 'ProjectUserRoleLifecycle',
      actions: [
        'iam:GetRole',
        'iam:ListRoleTags',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:DeleteRole',
      ],
      resources: [roles],
    },
    // Project deletion finds a project's roles and policy by name; IAM lists only account-wide.
    {
      sid: 'FindProjectUserEntities',
      actions: ['iam:ListRoles', 'iam:ListPolicies'],
      resources: ['*'],
    },
    // Safe to rewrite: the statements above attach these to boundary-carrying roles only.
    {
      sid: 'ProjectUserPolicies',
      actions: [
        'iam:CreatePolicy',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:ListPolicyVersions',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:DeletePolicy',
      ],
      resources: [policies],
    },
  ];
}

/**
 * Explicit denies, so no later Allow (or an operator's extra policy on the app role) can reach
 * the deployment's own roles and policies or strip a boundary.
 */
function guardStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming } = inputs;
  return [
    {
      sid: 'KeepDeploymentIdentity',
      effect: 'Deny',
      actions: iamWriteActions,
      notResources: [naming.projectUserRolePattern, naming.projectUserPolicyPattern],
    },
    {
      sid: 'KeepBoundaries',
      effect: 'Deny',
      actions: ['iam:DeleteRolePermissionsBoundary'],
      resources: ['*'],
    },
    {
      sid: 'OnlyTheProjectUserBoundary',
      effect: 'Deny',
      actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      resources: ['*'],
      conditions: [
        {
          test: 'StringNotEquals',
          variable: 'iam:PermissionsBoundary',
          values: [inputs.permissionsBoundaryArn],
        },
      ],
    },
  ];
}

/**
 * EMR clusters (packages/aws/src/clusters): created only with MLSpace's tags, described and
 * terminated only when they carry its system tag, run only with the deployment's EMR roles.
 */
function emrStatements(inputs: AppPolicyInputs): Statement[] {
  const { naming, emr } = inputs;
  const systemTag = naming.config.systemTag;
  const clusters = naming.arn('elasticmapreduce', 'cluster/*');
  return [
    {
      sid: 'EmrRunTagged',
      actions: ['elasticmapreduce:RunJobFlow'],
      resources: ['*'],
      conditions: requestTagged(systemTag),
    },
    {
      sid: 'EmrActOnTagged',
      actions: [
        'elasticmapreduce:DescribeCluster',
        'elasticmapreduce:ListInstanceGroups',
        'elasticmapreduce:ListInstances',
        'elasticmapreduce:SetTerminationProtection',
        'elasticmapreduce:TerminateJobFlows',
      ],
      resources: [clusters],
      conditions: resourceTagged(systemTag),
    },
    {
      sid: 'PassEmrServiceRole',
      actions: ['iam:PassRole'],
      resources: [emr.serviceRoleArn],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: ['elasticmapreduce.amazonaws.com'],
        },
      ],
    },
    {
      sid: 'PassEmrInstanceRole',
      actions: ['iam:PassRole'],
      resources: [emr.instanceRoleArn],
      conditions: [
        { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] },
      ],
    },
  ];
}

export function appPolicyStatements(inputs: AppPolicyInputs): Statement[] {
  return [
    ...callStatements(inputs),
    ...emrStatements(inputs),
    ...translateStatements(inputs),
    ...bedrockStatements(inputs),
    tagOnCreate(inputs.naming),
    ...(inputs.naming.config.iam.manageIamRoles ? projectUserRoleStatements(inputs) : []),
    ...guardStatements(inputs),
  ];
}
