import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Construct } from 'constructs';
import type { Naming } from '../naming';
import { assumeRolePolicy, policyDocument, type Statement } from './policy';

export interface IdentityProps {
  naming: Naming;
  kmsKeyArn: string;
  tableArn: string;
  dataBucketArn: string;
  configBucketArn: string;
  /** Read by the API role only: the jobs and the portal never talk to the IdP as the client. */
  oidcClientSecretArn: string;
}

/** The SageMaker create calls whose volume must be encrypted with a key. */
const volumeKeyCreates = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:CreateTransformJob',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateNotebookInstance',
];

/** The tags every resource MLSpace creates carries (packages/aws/src/tags.ts). */
const resourceTagKeys = ['project', 'user', 'system'];

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
const iamWrites = [
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

/**
 * Roles for the app, notebooks, system jobs and the portal; the permission boundary and base
 * policies of the project-user roles the app creates at run time; the volume-key constraint.
 * The deployment's own roles and policies are never writable by the app: only project-user
 * roles (always created with the boundary) and their policies are.
 */
export class Identity extends Construct {
  readonly appRoleArn: string;
  readonly systemRoleArn: string;
  readonly notebookRoleArn: string;
  readonly portalRoleArn: string;
  /** The boundary every project-user role is created with. */
  readonly permissionsBoundaryArn: string;
  /** Managed policies the app attaches to every project-user role. */
  readonly projectUserBasePolicyArns: string[];

  private readonly naming: Naming;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { naming } = props;
    this.naming = naming;
    const config = naming.config;
    const iam = config.iam;
    const systemTag = config.systemTag;
    const sagemakerAny = naming.arn('sagemaker', '*');
    const sagemakerLogs = naming.arn('logs', 'log-group:/aws/sagemaker/*');
    const kmsUse = [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
      'kms:DescribeKey',
    ];
    const manage = iam.manageIamRoles;
    const requestTagged = [
      { test: 'StringEquals', variable: 'aws:RequestTag/system', values: [systemTag] },
      { test: 'Null', variable: 'aws:RequestTag/project', values: ['false'] },
      { test: 'Null', variable: 'aws:RequestTag/user', values: ['false'] },
    ];
    const resourceTagged = [
      { test: 'StringEquals', variable: 'aws:ResourceTag/system', values: [systemTag] },
    ];
    // SageMaker checks sagemaker:AddTags for the tags given at create; IAM cannot tell that call
    // from a later AddTags, so the request must carry exactly MLSpace's tags.
    const tagOnCreate: Statement = {
      sid: 'SageMakerTagOnCreate',
      actions: ['sagemaker:AddTags'],
      resources: [sagemakerAny],
      conditions: [
        ...requestTagged,
        { test: 'ForAllValues:StringEquals', variable: 'aws:TagKeys', values: resourceTagKeys },
      ],
    };

    // Owned by Terraform: nothing at run time may change a policy attached to a role.
    const volumeKeyDoc = policyDocument(this, 'kms-instance-conditions-document', [
      {
        sid: 'DenyCreateWithoutVolumeKey',
        effect: 'Deny',
        actions: volumeKeyCreates,
        resources: ['*'],
        conditions: [{ test: 'Null', variable: 'sagemaker:VolumeKmsKey', values: ['true'] }],
      },
    ]);
    const volumeKeyPolicyArn = new IamPolicy(this, 'kms-instance-conditions', {
      name: naming.iamName('kms-instance-conditions'),
      description: 'Denies SageMaker creates without a volume key',
      policy: volumeKeyDoc.json,
    }).arn;

    const workloadStatements: Statement[] = [
      { sid: 'KeyUse', actions: kmsUse, resources: [props.kmsKeyArn] },
      {
        sid: 'KeyGrantsForAwsResources',
        actions: ['kms:CreateGrant'],
        resources: [props.kmsKeyArn],
        conditions: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
      },
      {
        sid: 'NetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeDhcpOptions',
        ],
        resources: ['*'],
      },
      {
        sid: 'SageMakerRead',
        actions: ['sagemaker:Describe*', 'sagemaker:List*', 'sagemaker:Search'],
        resources: ['*'],
      },
      {
        sid: 'SageMakerCreateTagged',
        actions: [
          ...volumeKeyCreates,
          'sagemaker:CreateModel',
          'sagemaker:CreateEndpoint',
          'sagemaker:CreateLabelingJob',
        ],
        resources: [sagemakerAny],
        conditions: requestTagged,
      },
      tagOnCreate,
      {
        sid: 'SageMakerActOnTagged',
        actions: [
          'sagemaker:StopTrainingJob',
          'sagemaker:StopHyperParameterTuningJob',
          'sagemaker:StopTransformJob',
          'sagemaker:StopLabelingJob',
          'sagemaker:DeleteModel',
          'sagemaker:DeleteEndpoint',
          'sagemaker:DeleteEndpointConfig',
          'sagemaker:UpdateEndpoint',
          'sagemaker:UpdateEndpointWeightsAndCapacities',
          'sagemaker:InvokeEndpoint',
        ],
        resources: [sagemakerAny],
        conditions: resourceTagged,
      },
      {
        sid: 'Logs',
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
          'logs:GetLogEvents',
          'logs:FilterLogEvents',
        ],
        resources: [sagemakerLogs, `${sagemakerLogs}:*`],
      },
      {
        sid: 'Metrics',
        actions: ['cloudwatch:PutMetricData', 'cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
        resources: ['*'],
      },
      {
        sid: 'ReadShared',
        actions: ['s3:GetObject'],
        resources: [`${props.configBucketArn}/*`, `${props.dataBucketArn}/global-read-only/*`],
      },
      {
        sid: 'Language',
        actions: ['translate:TranslateText', 'comprehend:Detect*'],
        resources: ['*'],
      },
      {
        sid: 'PassProjectRoles',
        actions: ['iam:PassRole'],
        resources: [naming.projectUserRolePattern],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['sagemaker.amazonaws.com'],
          },
        ],
      },
    ];

    // Notebook role: what a notebook may do when user-scoped roles are off.
    if (iam.existingNotebookRoleArn === '') {
      const notebookStatements: Statement[] = manage
        ? workloadStatements
        : [
            ...workloadStatements,
            {
              sid: 'DataBucket',
              actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
              resources: [props.dataBucketArn, `${props.dataBucketArn}/*`],
            },
          ];
      this.notebookRoleArn = this.role(
        'notebook',
        ['sagemaker.amazonaws.com'],
        notebookStatements,
        [volumeKeyPolicyArn],
      ).arn;
    } else {
      this.notebookRoleArn = iam.existingNotebookRoleArn;
    }

    // The ceiling of every role the app creates for a user in a project. An organisation
    // boundary takes its place, since a role carries one boundary and the organisation's is required.
    if (iam.existingPermissionsBoundaryArn !== '') {
      this.permissionsBoundaryArn = iam.existingPermissionsBoundaryArn;
    } else if (naming.organisationBoundaryArn) {
      this.permissionsBoundaryArn = naming.organisationBoundaryArn;
    } else {
      const data = props.dataBucketArn;
      const boundaryDoc = policyDocument(this, 'project-user-boundary-document', [
        ...workloadStatements,
        {
          sid: 'DatasetObjects',
          actions: [
            's3:GetObject',
            's3:PutObject',
            's3:DeleteObject',
            's3:GetObjectTagging',
            's3:PutObjectTagging',
          ],
          resources: ['project', 'group', 'global', 'private', 'index'].map(
            (p) => `${data}/${p}/*`,
          ),
        },
        {
          sid: 'DatasetListing',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [data],
        },
        {
          sid: 'Bedrock',
          actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          resources: [`arn:${naming.partition}:bedrock:${config.awsRegion}::foundation-model/*`],
        },
      ]);
      this.permissionsBoundaryArn = new IamPolicy(this, 'project-user-boundary', {
        name: naming.iamName('project-user-boundary'),
        description: 'Permission boundary of every MLSpace project-user role',
        policy: boundaryDoc.json,
      }).arn;
    }

    // Attached by the app to every project-user role; per-project S3 access is added at run time.
    const projectUserDoc = policyDocument(this, 'project-user-document', workloadStatements);
    const projectUserPolicyArn = new IamPolicy(this, 'project-user', {
      name: naming.iamName('project-user'),
      description: 'Base policy of every MLSpace project-user role',
      policy: projectUserDoc.json,
    }).arn;
    this.projectUserBasePolicyArns = [projectUserPolicyArn, volumeKeyPolicyArn];

    const appPolicyDoc = policyDocument(this, 'app-document', [
      ...this.appStatements(props, { sagemakerAny, sagemakerLogs, requestTagged, resourceTagged }),
      tagOnCreate,
      ...(manage ? this.projectUserRoleStatements() : []),
      ...this.guardStatements(),
    ]);
    const appPolicy = new IamPolicy(this, 'app', {
      name: naming.iamName('app'),
      policy: appPolicyDoc.json,
    });

    // Apart from the shared app policy, since the system role carries that one too.
    const oidcClientSecretDoc = policyDocument(this, 'api-oidc-client-secret-document', [
      {
        sid: 'OidcClientSecret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.oidcClientSecretArn],
      },
    ]);
    const oidcClientSecretPolicy = new IamPolicy(this, 'api-oidc-client-secret', {
      name: naming.iamName('api-oidc-client-secret'),
      policy: oidcClientSecretDoc.json,
    });
    const lambdaRoleTrust = ['lambda.amazonaws.com'];
    const vpcAccess = naming.managedPolicy('service-role/AWSLambdaVPCAccessExecutionRole');
    this.appRoleArn =
      iam.existingAppRoleArn !== ''
        ? iam.existingAppRoleArn
        : this.roleWithPolicies('app', lambdaRoleTrust, [
            appPolicy.arn,
            vpcAccess,
            oidcClientSecretPolicy.arn,
          ]).arn;
    // System jobs (sweep, status events) keep their own role so cleanup works whatever the app role allows.
    this.systemRoleArn =
      iam.existingSystemRoleArn !== ''
        ? iam.existingSystemRoleArn
        : this.roleWithPolicies('system', lambdaRoleTrust, [appPolicy.arn, vpcAccess]).arn;
    // The portal renders pages only; it reaches data and secrets through the API.
    this.portalRoleArn = this.roleWithPolicies('portal', lambdaRoleTrust, [
      naming.managedPolicy('service-role/AWSLambdaBasicExecutionRole'),
    ]).arn;
  }

  /** What the API and the jobs call (see test/aws-calls.test.ts), and nothing else. */
  private appStatements(
    props: IdentityProps,
    scope: {
      sagemakerAny: string;
      sagemakerLogs: string;
      requestTagged: Statement['conditions'];
      resourceTagged: Statement['conditions'];
    },
  ): Statement[] {
    const { tableArn, dataBucketArn, kmsKeyArn } = props;
    const manage = this.naming.config.iam.manageIamRoles;
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
        resources: [
          this.naming.arn('secretsmanager', `secret:${this.naming.base}/session-secret-*`),
        ],
      },
      {
        sid: 'SageMakerCreateTagged',
        actions: appSageMakerCalls.creates,
        resources: [scope.sagemakerAny],
        conditions: scope.requestTagged,
      },
      {
        sid: 'SageMakerDescribe',
        actions: appSageMakerCalls.describes,
        resources: [scope.sagemakerAny],
      },
      {
        sid: 'SageMakerActOnTagged',
        actions: appSageMakerCalls.onTagged,
        resources: [scope.sagemakerAny],
        conditions: scope.resourceTagged,
      },
      {
        sid: 'NotebookLifecycleConfigs',
        actions: appSageMakerCalls.lifecycleConfigs,
        resources: [this.naming.arn('sagemaker', 'notebook-instance-lifecycle-config/*')],
      },
      {
        sid: 'SageMakerLogs',
        actions: ['logs:FilterLogEvents'],
        resources: [scope.sagemakerLogs, `${scope.sagemakerLogs}:*`],
      },
      {
        sid: 'PassWorkloadRoles',
        actions: ['iam:PassRole'],
        resources: [this.notebookRoleArn, ...(manage ? [this.naming.projectUserRolePattern] : [])],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['sagemaker.amazonaws.com'],
          },
        ],
      },
    ];
  }

  /** Project-user roles and policies: created with the boundary, shaped only with MLSpace policies. */
  private projectUserRoleStatements(): Statement[] {
    const naming = this.naming;
    const roles = naming.projectUserRolePattern;
    const policies = naming.projectUserPolicyPattern;
    const withBoundary = {
      test: 'StringEquals',
      variable: 'iam:PermissionsBoundary',
      values: [this.permissionsBoundaryArn],
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
            values: [policies, ...this.projectUserBasePolicyArns],
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
  private guardStatements(): Statement[] {
    const naming = this.naming;
    return [
      {
        sid: 'KeepDeploymentIdentity',
        effect: 'Deny',
        actions: iamWrites,
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
            values: [this.permissionsBoundaryArn],
          },
        ],
      },
    ];
  }

  private role(
    name: string,
    services: string[],
    statements: Statement[],
    managed: string[],
  ): IamRole {
    const doc = policyDocument(this, `${name}-document`, statements);
    const policy = new IamPolicy(this, `${name}-policy`, {
      name: this.naming.iamName(name),
      policy: doc.json,
    });
    return this.roleWithPolicies(name, services, [policy.arn, ...managed]);
  }

  private roleWithPolicies(name: string, services: string[], policyArns: string[]): IamRole {
    const trust = assumeRolePolicy(this, `${name}-trust`, services);
    const role = new IamRole(this, `${name}-role`, {
      name: this.naming.iamName(`${name}-role`),
      assumeRolePolicy: trust.json,
      permissionsBoundary: this.naming.organisationBoundaryArn,
    });
    policyArns.forEach(
      (policyArn, i) =>
        new IamRolePolicyAttachment(this, `${name}-attach-${i}`, { role: role.name, policyArn }),
    );
    return role;
  }
}
