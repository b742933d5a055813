import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Construct } from 'constructs';

import { idleStopReasonTag } from '@mlspace/core/idle-stop-script';
import { instanceStorageTypes } from '@mlspace/core/instance-storage-types';

import type { Naming } from '../naming';
import { appPolicyStatements, iamWriteActions } from './app-policy';
import { assumeRolePolicy, policyDocument, type Statement } from './policy';
import { requestTagged, resourceTagged, tagOnCreate } from './sagemaker-tags';

export interface IdentityProps {
  naming: Naming;
  kmsKeyArn: string;
  tableArn: string;
  dataBucketArn: string;
  configBucketArn: string;
  /** Read by the API role only: the jobs and the portal never talk to the IdP as the client. */
  oidcClientSecretArn: string;
  /** The roles EMR clusters run with, which the app passes to EMR. */
  emr: { serviceRoleArn: string; instanceRoleArn: string };
}

/** The SageMaker create calls whose volume must be encrypted with a key. */
const volumeKeyCreates = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:CreateTransformJob',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateNotebookInstance',
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

    // Owned by Terraform: nothing at run time may change a policy attached to a role. The key is
    // a deployment setting, so nothing here follows the dynamic configuration.
    const volumeKeyDoc = policyDocument(this, 'kms-instance-conditions-document', [
      {
        sid: 'DenyCreateWithAnotherVolumeKey',
        effect: 'Deny',
        actions: volumeKeyCreates,
        resources: ['*'],
        conditions: [
          { test: 'Null', variable: 'sagemaker:VolumeKmsKey', values: ['false'] },
          { test: 'ArnNotEquals', variable: 'sagemaker:VolumeKmsKey', values: [props.kmsKeyArn] },
        ],
      },
      {
        // SageMaker refuses a volume key on instance types with NVMe instance storage (encrypted
        // by the hardware), so only those may be created without one.
        sid: 'DenyCreateWithoutVolumeKey',
        effect: 'Deny',
        actions: volumeKeyCreates,
        resources: ['*'],
        conditions: [
          { test: 'Null', variable: 'sagemaker:VolumeKmsKey', values: ['true'] },
          {
            test: 'ForAnyValue:StringNotEquals',
            variable: 'sagemaker:InstanceTypes',
            values: [...instanceStorageTypes],
          },
        ],
      },
    ]);
    const volumeKeyPolicyArn = new IamPolicy(this, 'kms-instance-conditions', {
      name: naming.iamName('kms-instance-conditions'),
      description: "Denies SageMaker creates without the deployment's volume key",
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
        conditions: requestTagged(systemTag),
      },
      tagOnCreate(naming),
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
        conditions: resourceTagged(systemTag),
      },
      {
        // A notebook's idle-stop script (core's idleStopLifecycleScript) tags why and stops its own
        // instance; the tag is the only one it may add or remove (the deny guards keep it to the
        // user's own notebooks for stop and removal).
        sid: 'NotebookIdleStop',
        actions: ['sagemaker:StopNotebookInstance', 'sagemaker:AddTags', 'sagemaker:DeleteTags'],
        resources: [naming.arn('sagemaker', 'notebook-instance/*')],
        conditions: [
          ...resourceTagged(systemTag),
          {
            test: 'ForAllValues:StringEquals',
            variable: 'aws:TagKeys',
            values: [idleStopReasonTag],
          },
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
        // Only a role of the caller's own project and user (both roles' tags), so SDK work from a
        // notebook cannot run as another member's role and reach that member's data.
        sid: 'PassOwnProjectUserRole',
        actions: ['iam:PassRole'],
        resources: [naming.projectUserRolePattern],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['sagemaker.amazonaws.com'],
          },
          {
            test: 'StringEquals',
            variable: 'aws:ResourceTag/project',
            values: ['&{aws:PrincipalTag/project}'],
          },
          {
            test: 'StringEquals',
            variable: 'aws:ResourceTag/user',
            values: ['&{aws:PrincipalTag/user}'],
          },
        ],
      },
      {
        // Defence in depth under an organisation boundary, which may allow IAM writes: nothing a
        // notebook or job runs may change any role or policy, its own included.
        sid: 'NoIamChanges',
        effect: 'Deny',
        actions: iamWriteActions,
        resources: ['*'],
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
        // Translate too: a batch translation job reads and writes as this role.
        ['sagemaker.amazonaws.com', 'translate.amazonaws.com'],
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
          // The app's image-pull policy narrows this to the allowed repositories (ADR 013).
          sid: 'ImagePull',
          actions: [
            'ecr:GetAuthorizationToken',
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
          resources: ['*'],
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

    const appPolicyDoc = policyDocument(
      this,
      'app-document',
      appPolicyStatements({
        naming,
        tableArn: props.tableArn,
        dataBucketArn: props.dataBucketArn,
        kmsKeyArn: props.kmsKeyArn,
        notebookRoleArn: this.notebookRoleArn,
        permissionsBoundaryArn: this.permissionsBoundaryArn,
        projectUserBasePolicyArns: this.projectUserBasePolicyArns,
        emr: props.emr,
      }),
    );
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
