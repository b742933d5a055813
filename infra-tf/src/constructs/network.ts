import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { Naming } from '../naming';

/** Interface endpoints for every AWS API the Lambdas and notebooks call from private subnets. */
export const interfaceEndpointServices = [
  'sagemaker.api',
  'sagemaker.runtime',
  'notebook',
  'sts',
  'logs',
  'monitoring',
  'kms',
  'secretsmanager',
  // Notebooks' real-time translation (translate:TranslateText); MLSpace runs no EMR clusters.
  'translate',
  // The admin's model choice lists the region's models (bedrock:ListFoundationModels); the
  // playground and notebooks converse through the runtime.
  'bedrock',
  'bedrock-runtime',
] as const;
export const gatewayEndpointServices = ['s3', 'dynamodb'] as const;

export interface NetworkProps {
  naming: Naming;
}

/** The VPC the Lambdas and notebooks run in: created with endpoints, or an existing one by id. */
export class Network extends Construct {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, { naming }: NetworkProps) {
    super(scope, id);
    const net = naming.config.network;
    if (net.existingVpcId !== '') {
      this.vpcId = net.existingVpcId;
      this.privateSubnetIds = net.existingPrivateSubnetIds;
      this.securityGroupId = net.existingSecurityGroupId;
      return;
    }

    const region = naming.config.awsRegion;
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: net.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: naming.name('vpc') },
    });
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    // /20 subnets: public ones first, private ones from the middle of the /16.
    const publicSubnets: Subnet[] = [];
    const privateSubnets: Subnet[] = [];
    for (let i = 0; i < net.availabilityZones; i++) {
      const az = Token.asString(Fn.element(zones.names, i));
      publicSubnets.push(
        new Subnet(this, `public-${i}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 4, i),
          tags: { Name: naming.name(`public-${i}`) },
        }),
      );
      privateSubnets.push(
        new Subnet(this, `private-${i}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 4, 8 + i),
          tags: { Name: naming.name(`private-${i}`) },
        }),
      );
    }

    const igw = new InternetGateway(this, 'igw', {
      vpcId: vpc.id,
      tags: { Name: naming.name('igw') },
    });
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId: vpc.id,
      tags: { Name: naming.name('public') },
    });
    // Separate aws_route resources: inline route blocks in Terraform JSON need every attribute spelled out.
    new Route(this, 'public-default', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });
    publicSubnets.forEach(
      (s, i) =>
        new RouteTableAssociation(this, `public-assoc-${i}`, {
          subnetId: s.id,
          routeTableId: publicRoutes.id,
        }),
    );

    // Egress through NAT is still needed: the IdP's JWKS and notebook package installs are on the internet.
    const privateRoutes = new RouteTable(this, 'private-routes', {
      vpcId: vpc.id,
      tags: { Name: naming.name('private') },
    });
    if (net.natGateway) {
      const eip = new Eip(this, 'nat-eip', { domain: 'vpc', tags: { Name: naming.name('nat') } });
      const firstPublic = publicSubnets[0];
      if (!firstPublic) throw new Error('network: at least one public subnet is required for NAT');
      const nat = new NatGateway(this, 'nat', {
        allocationId: eip.id,
        subnetId: firstPublic.id,
        tags: { Name: naming.name('nat') },
        dependsOn: [igw],
      });
      new Route(this, 'private-default', {
        routeTableId: privateRoutes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nat.id,
      });
    }
    privateSubnets.forEach(
      (s, i) =>
        new RouteTableAssociation(this, `private-assoc-${i}`, {
          subnetId: s.id,
          routeTableId: privateRoutes.id,
        }),
    );

    const workloads = new SecurityGroup(this, 'workloads', {
      name: naming.name('workloads'),
      description: 'MLSpace Lambdas, notebooks and jobs',
      vpcId: vpc.id,
    });
    new VpcSecurityGroupEgressRule(this, 'workloads-egress', {
      securityGroupId: workloads.id,
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
      description: 'all egress',
    });
    new VpcSecurityGroupIngressRule(this, 'workloads-self', {
      securityGroupId: workloads.id,
      ipProtocol: '-1',
      referencedSecurityGroupId: workloads.id,
      description: 'within MLSpace (notebooks to EMR and training peers)',
    });
    const endpoints = new SecurityGroup(this, 'endpoints', {
      name: naming.name('endpoints'),
      description: 'MLSpace VPC interface endpoints',
      vpcId: vpc.id,
    });
    new VpcSecurityGroupIngressRule(this, 'endpoints-https', {
      securityGroupId: endpoints.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: vpc.cidrBlock,
      description: 'HTTPS from the VPC',
    });

    for (const service of gatewayEndpointServices) {
      new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [privateRoutes.id],
        tags: { Name: naming.name(service) },
      });
    }
    for (const service of interfaceEndpointServices) {
      // The notebook endpoint lives under the aws.sagemaker namespace, unlike the others.
      const serviceName =
        service === 'notebook'
          ? `aws.sagemaker.${region}.notebook`
          : `com.amazonaws.${region}.${service}`;
      new VpcEndpoint(this, `endpoint-${service.replace('.', '-')}`, {
        vpcId: vpc.id,
        serviceName,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: privateSubnets.map((s) => s.id),
        securityGroupIds: [endpoints.id],
        tags: { Name: naming.name(service.replace('.', '-')) },
      });
    }

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.securityGroupId = workloads.id;
  }
}
