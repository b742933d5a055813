import type { MlspaceConfig } from './config';

/** Names and ARNs derived from the configuration, computed at synth time so the JSON stays readable. */
export class Naming {
  readonly partition: string;
  readonly base: string;
  readonly iamBase: string;

  constructor(readonly config: MlspaceConfig) {
    this.partition = partitionOf(config.awsRegion);
    const suffix = config.nameSuffix === '' ? '' : `-${config.nameSuffix}`;
    this.base = `${config.resourcePrefix}-${config.environment}${suffix}`;
    this.iamBase = `${config.iamResourcePrefix}-${config.environment}${suffix}`;
  }

  /** `mlspace-prod-data`; buckets also carry the account id because their names are global. */
  name(part: string): string {
    return `${this.base}-${part}`;
  }

  bucket(part: string): string {
    return `${this.base}-${part}-${this.config.awsAccount}`;
  }

  iamName(part: string): string {
    return `${this.iamBase}-${part}`;
  }

  arn(
    service: string,
    resource: string,
    opts: { region?: boolean; account?: boolean } = {},
  ): string {
    const region = opts.region === false ? '' : this.config.awsRegion;
    const account = opts.account === false ? '' : this.config.awsAccount;
    return `arn:${this.partition}:${service}:${region}:${account}:${resource}`;
  }

  iamArn(resource: string): string {
    return this.arn('iam', resource, { region: false });
  }

  /**
   * Roles and policies the app creates for project users start with this prefix. It is narrower
   * than the IAM prefix so the app can never reshape its own role or the deployment's policies.
   */
  get projectUserPrefix(): string {
    return `${this.iamBase}-pu-`;
  }

  get projectUserRolePattern(): string {
    return this.iamArn(`role/${this.projectUserPrefix}*`);
  }

  get projectUserPolicyPattern(): string {
    return this.iamArn(`policy/${this.projectUserPrefix}*`);
  }

  /** The organisation-mandated permission boundary, when the configuration names one. */
  get organisationBoundaryArn(): string | undefined {
    const policy = this.config.iam.permissionsBoundaryPolicyName;
    return policy === '' ? undefined : this.iamArn(`policy/${policy}`);
  }

  managedPolicy(name: string): string {
    return `arn:${this.partition}:iam::aws:policy/${name}`;
  }

  get dnsSuffix(): string {
    return this.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  }
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}
