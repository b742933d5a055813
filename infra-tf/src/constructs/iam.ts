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
  logsBucketArn: string;
  /** Read by the API role only: the jobs and the portal never talk to the IdP as the client. */
  oidcClientSecretArn: string;
}

/** The SageMaker create calls whose instance type and volume key MLSpace constrains. */
const sagemakerCreates = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:CreateTransformJob',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateNotebookInstance',
];

/** Actions by which the app shapes project-user roles; each must carry the permission boundary. */
export const boundaryGuardedActions = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
];

/**
 * Roles for the app, notebooks, system jobs and the portal; the permission boundary and base
 * policy for the project-user roles the app creates at run time; the instance constraints.
 */
export class Identity extends Construct {
  readonly appRoleArn: string;
  readonly systemRoleArn: string;
  readonly notebookRoleArn: string;
  readonly portalRoleArn: string;
  readonly permissionsBoundaryArn: string;
  readonly projectUserPolicyArn: string;
  readonly endpointInstanceConstraintArn: string;
  readonly jobInstanceConstraintArn: string;
  readonly kmsInstanceConditionsArn: string;

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

    // Policies the app rewrites at run time (allowed instance types): Terraform must not undo that.
    const selfManaged = (name: string, statements: Statement[], existing: string) => {
      if (existing !== '') return existing;
      const doc = policyDocument(this, `${name}-document`, statements);
      const policy = new IamPolicy(this, name, {
        name: naming.iamName(name),
        policy: doc.json,
        lifecycle: { ignoreChanges: ['policy'] },
      });
      return policy.arn;
    };
    this.kmsInstanceConditionsArn = selfManaged(
      'kms-instance-conditions',
      [
        {
          sid: 'DenyCreateWithoutVolumeKey',
          effect: 'Deny',
          actions: sagemakerCreates,
          resources: ['*'],
          conditions: [{ test: 'Null', variable: 'sagemaker:VolumeKmsKey', values: ['true'] }],
        },
      ],
      '',
    );
    // Starts permissive (every type matches '*'); the app narrows it to the allowed list.
    const instanceConstraint = (actions: string[]): Statement[] => [
      {
        sid: 'DenyDisallowedInstanceTypes',
        effect: 'Deny',
        actions,
        resources: ['*'],
        conditions: [
          { test: 'ForAnyValue:StringNotLike', variable: 'sagemaker:InstanceTypes', values: ['*'] },
        ],
      },
    ];
    this.endpointInstanceConstraintArn = selfManaged(
      'endpoint-instance-constraint',
      instanceConstraint(['sagemaker:CreateEndpointConfig']),
      iam.existingEndpointInstanceConstraintPolicyArn,
    );
    this.jobInstanceConstraintArn = selfManaged(
      'job-instance-constraint',
      instanceConstraint([
        'sagemaker:CreateTrainingJob',
        'sagemaker:CreateHyperParameterTuningJob',
        'sagemaker:CreateTransformJob',
      ]),
      iam.existingJobInstanceConstraintPolicyArn,
    );

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
          ...sagemakerCreates,
          'sagemaker:CreateModel',
          'sagemaker:CreateEndpoint',
          'sagemaker:CreateLabelingJob',
        ],
        resources: [sagemakerAny],
        conditions: [
          { test: 'StringEquals', variable: 'aws:RequestTag/system', values: [systemTag] },
          { test: 'Null', variable: 'aws:RequestTag/project', values: ['false'] },
          { test: 'Null', variable: 'aws:RequestTag/user', values: ['false'] },
        ],
      },
      {
        sid: 'SageMakerActOnTagged',
        actions: [
          'sagemaker:AddTags',
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
        conditions: [
          { test: 'StringEquals', variable: 'aws:ResourceTag/system', values: [systemTag] },
        ],
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
            values: ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
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
      const role = this.role(
        'notebook',
        ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
        notebookStatements,
        [
          this.kmsInstanceConditionsArn,
          this.endpointInstanceConstraintArn,
          this.jobInstanceConstraintArn,
        ],
      );
      this.notebookRoleArn = role.arn;
    } else {
      this.notebookRoleArn = iam.existingNotebookRoleArn;
    }

    // The ceiling for every role the app creates for a user in a project.
    if (iam.existingPermissionsBoundaryArn !== '') {
      this.permissionsBoundaryArn = iam.existingPermissionsBoundaryArn;
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
    this.projectUserPolicyArn = new IamPolicy(this, 'project-user', {
      name: naming.iamName('project-user'),
      description: 'Base policy of every MLSpace project-user role',
      policy: projectUserDoc.json,
    }).arn;

    const sessionSecret: Statement = {
      sid: 'SessionSecret',
      actions: ['secretsmanager:GetSecretValue'],
      // Secrets Manager appends `-` and six random characters to the name in the ARN.
      resources: [naming.arn('secretsmanager', `secret:${naming.base}/session-secret-*`)],
    };
    const tableArn = props.tableArn;
    const buckets = [props.dataBucketArn, props.configBucketArn, props.logsBucketArn];
    const appStatements: Statement[] = [
      {
        sid: 'Table',
        actions: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:TransactGetItems',
          'dynamodb:TransactWriteItems',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ],
        resources: [tableArn, `${tableArn}/index/*`],
      },
      {
        sid: 'BucketObjects',
        actions: [
          's3:GetObject',
          's3:PutObject',
          's3:DeleteObject',
          's3:GetObjectTagging',
          's3:PutObjectTagging',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        resources: buckets.map((b) => `${b}/*`),
      },
      { sid: 'Buckets', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: buckets },
      { sid: 'AppKey', actions: [...kmsUse, 'kms:RetireGrant'], resources: [props.kmsKeyArn] },
      sessionSecret,
      {
        sid: 'Notebooks',
        actions: [
          'sagemaker:CreatePresignedNotebookInstanceUrl',
          'sagemaker:StartNotebookInstance',
          'sagemaker:StopNotebookInstance',
          'sagemaker:UpdateNotebookInstance',
          'sagemaker:DeleteNotebookInstance',
          'sagemaker:CreateNotebookInstanceLifecycleConfig',
          'sagemaker:DeleteNotebookInstanceLifecycleConfig',
        ],
        resources: [sagemakerAny],
      },
      {
        sid: 'PassNotebookRole',
        actions: ['iam:PassRole'],
        resources: [this.notebookRoleArn],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
          },
        ],
      },
      {
        sid: 'Emr',
        actions: [
          'elasticmapreduce:RunJobFlow',
          'elasticmapreduce:DescribeCluster',
          'elasticmapreduce:ListClusters',
          'elasticmapreduce:ListInstances',
          'elasticmapreduce:TerminateJobFlows',
          'elasticmapreduce:AddTags',
          'elasticmapreduce:ListReleaseLabels',
          'elasticmapreduce:SetTerminationProtection',
        ],
        resources: ['*'],
      },
      {
        sid: 'TranslateJobs',
        actions: [
          'translate:StartTextTranslationJob',
          'translate:StopTextTranslationJob',
          'translate:DescribeTextTranslationJob',
          'translate:ListTextTranslationJobs',
          'translate:ImportTerminology',
          'translate:GetTerminology',
          'translate:ListTerminologies',
          'translate:DeleteTerminology',
          'translate:ListLanguages',
        ],
        resources: ['*'],
      },
      {
        sid: 'Ec2Describe',
        actions: ['ec2:DescribeInstanceTypes', 'ec2:DescribeInstanceTypeOfferings'],
        resources: ['*'],
      },
      ...(manage ? this.projectUserRoleStatements() : []),
    ];

    const lambdaRoleTrust = ['lambda.amazonaws.com'];
    const vpcAccess = naming.managedPolicy('service-role/AWSLambdaVPCAccessExecutionRole');
    const appPolicyDoc = policyDocument(this, 'app-document', [
      ...appStatements,
      ...workloadStatements,
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
    // The portal renders pages and seals sessions; it reaches data only through the API.
    this.portalRoleArn = this.role(
      'portal',
      lambdaRoleTrust,
      [sessionSecret],
      [naming.managedPolicy('service-role/AWSLambdaBasicExecutionRole')],
    ).arn;
  }

  private projectUserRoleStatements(): Statement[] {
    const naming = this.naming;
    const roles = naming.projectUserRolePattern;
    return [
      {
        sid: 'ProjectUserRolesWithBoundary',
        actions: boundaryGuardedActions,
        resources: [roles],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PermissionsBoundary',
            values: [this.permissionsBoundaryArn],
          },
        ],
      },
      {
        sid: 'ProjectUserRolesLifecycle',
        actions: [
          'iam:GetRole',
          'iam:DeleteRole',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:ListRoleTags',
          'iam:ListAttachedRolePolicies',
          'iam:ListRolePolicies',
          'iam:GetRolePolicy',
        ],
        resources: [roles],
      },
      {
        sid: 'ProjectPolicies',
        actions: [
          'iam:CreatePolicy',
          'iam:DeletePolicy',
          'iam:GetPolicy',
          'iam:GetPolicyVersion',
          'iam:CreatePolicyVersion',
          'iam:DeletePolicyVersion',
          'iam:ListPolicyVersions',
          'iam:ListEntitiesForPolicy',
          'iam:TagPolicy',
        ],
        resources: [naming.iamArn(`policy/${naming.projectUserPrefix}*`)],
      },
      {
        sid: 'RewriteInstanceConstraints',
        actions: [
          'iam:GetPolicy',
          'iam:GetPolicyVersion',
          'iam:CreatePolicyVersion',
          'iam:DeletePolicyVersion',
          'iam:ListPolicyVersions',
        ],
        resources: [
          this.endpointInstanceConstraintArn,
          this.jobInstanceConstraintArn,
          this.kmsInstanceConditionsArn,
        ],
      },
      {
        sid: 'KeepBoundaries',
        effect: 'Deny',
        actions: ['iam:DeleteRolePermissionsBoundary'],
        resources: [naming.iamArn('role/*')],
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
    });
    policyArns.forEach(
      (policyArn, i) =>
        new IamRolePolicyAttachment(this, `${name}-attach-${i}`, { role: role.name, policyArn }),
    );
    return role;
  }
}
