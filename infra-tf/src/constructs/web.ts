import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api/index.js';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrderedCacheBehavior,
  type CloudfrontDistributionOrigin,
} from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object/index.js';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Naming } from '../naming';
import type { SecureBucket } from './storage';

// AWS managed CloudFront policies; the ids are fixed across accounts.
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const allViewerExceptHost = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const allMethods = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];

/**
 * The procedures whose answer streams, as the portal calls them (`/api/trpc/<procedure>`, or a
 * batch of them joined by commas): apps/portal/app/utils/trpc.ts's `streamedProcedures` and
 * apps/api/src/http/stream-handler.ts's `STREAMED_PROCEDURES`.
 */
export const streamedPathPattern = '/api/trpc/playground.converse*';

/**
 * CloudFront Functions code (cloudfront-js-2.0) for the streamed path: the host the browser
 * addressed, for the API's same-origin check (the origin request carries the Function URL's own
 * Host). Any value the viewer sent is replaced.
 */
export const viewerHostFunctionCode = `function handler(event) {
  var request = event.request;
  request.headers['x-mlspace-viewer-host'] = { value: request.headers.host.value };
  return request;
}
`;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain',
};

export interface WebProps {
  naming: Naming;
  kmsKeyArn: string;
  assetsBucket: SecureBucket;
  portalAssetsDir: string | undefined;
}

/**
 * HTTP API plus CloudFront: `/assets/*` from S3, `/api/*` to the API Lambda, the rest to the portal;
 * the playground's streamed reply to the api-stream function's URL.
 */
export class Web extends Construct {
  readonly httpApi: Apigatewayv2Api;
  readonly distribution: CloudfrontDistribution;

  private readonly naming: Naming;
  private readonly origins: CloudfrontDistributionOrigin[];
  private readonly orderedBehaviours: CloudfrontDistributionOrderedCacheBehavior[];

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { naming } = props;
    this.naming = naming;
    this.httpApi = new Apigatewayv2Api(this, 'http-api', {
      name: naming.name('http'),
      protocolType: 'HTTP',
    });
    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${naming.name('http')}`,
      retentionInDays: naming.config.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    new Apigatewayv2Stage(this, 'stage', {
      apiId: this.httpApi.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: accessLogs.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          method: '$context.httpMethod',
          path: '$context.path',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage',
        }),
      },
    });

    const oac = new CloudfrontOriginAccessControl(this, 'assets-oac', {
      name: naming.name('assets'),
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const apiOrigin = 'http-api';
    const assetsOrigin = 'portal-assets';
    const dynamic = {
      targetOriginId: apiOrigin,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: allMethods,
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: cachingDisabled,
      originRequestPolicyId: allViewerExceptHost,
      compress: true,
    };
    this.origins = [
      {
        originId: apiOrigin,
        domainName: Fn.replace(this.httpApi.apiEndpoint, 'https://', ''),
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: 'https-only',
          originSslProtocols: ['TLSv1.2'],
        },
      },
      {
        originId: assetsOrigin,
        domainName: props.assetsBucket.bucket.bucketRegionalDomainName,
        originAccessControlId: oac.id,
      },
    ];
    this.orderedBehaviours = [
      { ...dynamic, pathPattern: '/api/*' },
      {
        pathPattern: '/assets/*',
        targetOriginId: assetsOrigin,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: cachingOptimized,
        compress: true,
      },
    ];
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `MLSpace ${naming.base}`,
      httpVersion: 'http2and3',
      priceClass: 'PriceClass_100',
      origin: this.origins,
      orderedCacheBehavior: this.orderedBehaviours,
      defaultCacheBehavior: dynamic,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });

    if (props.portalAssetsDir)
      this.uploadAssets(props.portalAssetsDir, props.assetsBucket.bucket.id, props.kmsKeyArn);
  }

  get portalUrl(): string {
    return `https://${this.distribution.domainName}`;
  }

  /** `ANY /api/{proxy+}` goes to the API function; `$default` (every other path) to the portal. */
  connect(api: LambdaFunction, portal: LambdaFunction): void {
    const route = (id: string, fn: LambdaFunction, routeKey: string) => {
      const integration = new Apigatewayv2Integration(this, `${id}-integration`, {
        apiId: this.httpApi.id,
        integrationType: 'AWS_PROXY',
        integrationUri: fn.invokeArn,
        payloadFormatVersion: '2.0',
      });
      new Apigatewayv2Route(this, `${id}-route`, {
        apiId: this.httpApi.id,
        routeKey,
        target: `integrations/${integration.id}`,
      });
      new LambdaPermission(this, `${id}-invoke`, {
        statementId: 'AllowHttpApi',
        action: 'lambda:InvokeFunction',
        functionName: fn.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.httpApi.executionArn}/*/*`,
      });
    };
    route('api', api, 'ANY /api/{proxy+}');
    route('portal', portal, '$default');
  }

  /**
   * The playground's streamed reply (ADR 017). API Gateway's HTTP API buffers a Lambda's whole
   * response, so the streamed path goes to the api-stream function's URL in RESPONSE_STREAM mode
   * instead, on the same distribution (one origin, the same cookies). The URL takes only requests
   * CloudFront signs for this distribution (AWS_IAM behind an origin access control); caching is
   * off, every viewer header but Host is forwarded, and nothing is compressed at the edge, so each
   * chunk is passed on as it comes.
   */
  streamFrom(fn: LambdaFunction): void {
    const url = new LambdaFunctionUrl(this, 'api-stream-url', {
      functionName: fn.functionName,
      authorizationType: 'AWS_IAM',
      invokeMode: 'RESPONSE_STREAM',
    });
    const oac = new CloudfrontOriginAccessControl(this, 'api-stream-oac', {
      name: this.naming.name('api-stream'),
      description: "Signs CloudFront's requests to the api-stream function URL",
      originAccessControlOriginType: 'lambda',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const viewerHost = new CloudfrontFunction(this, 'viewer-host', {
      name: this.naming.name('viewer-host'),
      comment: 'Names the host the browser addressed to the api-stream function',
      runtime: 'cloudfront-js-2.0',
      publish: true,
      code: viewerHostFunctionCode,
    });
    const streamOrigin = 'api-stream';
    this.origins.push({
      originId: streamOrigin,
      // https://<id>.lambda-url.<region>.on.aws/ -> its host
      domainName: Fn.replace(Fn.replace(url.functionUrl, 'https://', ''), '/', ''),
      originAccessControlId: oac.id,
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: 'https-only',
        originSslProtocols: ['TLSv1.2'],
        // The longest CloudFront waits between two chunks without a quota increase: a model's
        // first token can take a while.
        originReadTimeout: 60,
      },
    });
    // First, so it wins over `/api/*`.
    this.orderedBehaviours.unshift({
      pathPattern: streamedPathPattern,
      targetOriginId: streamOrigin,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: allMethods,
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: cachingDisabled,
      originRequestPolicyId: allViewerExceptHost,
      compress: false,
      functionAssociation: [{ eventType: 'viewer-request', functionArn: viewerHost.arn }],
    });
    this.distribution.putOrigin(this.origins);
    this.distribution.putOrderedCacheBehavior(this.orderedBehaviours);

    // Since October 2025 a function URL needs both actions granted; both only for this distribution.
    new LambdaPermission(this, 'api-stream-url-invoke', {
      statementId: 'AllowCloudFrontFunctionUrl',
      action: 'lambda:InvokeFunctionUrl',
      functionName: fn.functionName,
      functionUrlAuthType: 'AWS_IAM',
      principal: 'cloudfront.amazonaws.com',
      sourceArn: this.distribution.arn,
    });
    new LambdaPermission(this, 'api-stream-invoke', {
      statementId: 'AllowCloudFrontInvokeFunction',
      action: 'lambda:InvokeFunction',
      functionName: fn.functionName,
      principal: 'cloudfront.amazonaws.com',
      sourceArn: this.distribution.arn,
    });
  }

  // One aws_s3_object per built file, copied into the stack folder so plain Terraform can upload them.
  private uploadAssets(dir: string, bucket: string, kmsKeyArn: string): void {
    const asset = new TerraformAsset(this, 'portal-assets', {
      path: dir,
      type: AssetType.DIRECTORY,
    });
    const files = listFiles(dir);
    for (const file of files) {
      const key = relative(dir, file).split(sep).join('/');
      new S3Object(this, `asset-${createHash('sha1').update(key).digest('hex').slice(0, 12)}`, {
        bucket,
        key,
        source: `${asset.path}/${key}`,
        sourceHash: createHash('md5').update(readFileSync(file)).digest('hex'),
        contentType: contentTypes[extname(file)] ?? 'application/octet-stream',
        cacheControl: key.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
        kmsKeyId: kmsKeyArn,
        serverSideEncryption: 'aws:kms',
      });
    }
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
    );
}
