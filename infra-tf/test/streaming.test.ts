/**
 * The playground's streamed reply on AWS (ADR 017): CloudFront sends the streamed path to the
 * api-stream function's URL (RESPONSE_STREAM, AWS_IAM behind an origin access control) instead of
 * the HTTP API, which buffers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { streamedPathPattern } from '../src/constructs/web';
import { repoRoot } from './code-calls';
import { ref, resources, synthesize, type TfJson } from './helpers';

const { tf } = synthesize();

const only = <T>(entries: [string, T][], what: string): [string, T] => {
  expect(entries, what).toHaveLength(1);
  return entries[0]!;
};
const functionNamed = (name: string) =>
  only(
    resources(tf, 'aws_lambda_function').filter(([, f]) => f.function_name === name),
    name,
  );
const [streamKey, streamFn] = functionNamed('mlspace-prod-api-stream');
const [, apiFn] = functionNamed('mlspace-prod-api');
const [distributionKey, distribution] = only(
  resources(tf, 'aws_cloudfront_distribution'),
  'distribution',
);
const distributionArn = ref('aws_cloudfront_distribution', distributionKey, 'arn');
const variables = (fn: Record<string, unknown>) =>
  (fn.environment as { variables: Record<string, string> }).variables;

interface Behaviour {
  path_pattern: string;
  target_origin_id: string;
  allowed_methods: string[];
  cache_policy_id: string;
  origin_request_policy_id: string;
  compress: boolean;
  function_association?: { event_type: string; function_arn: string }[];
}

test('the streamed path is the first ordered behaviour, to the api-stream origin, uncached, with every viewer header but Host, uncompressed, and named by the viewer-host function', () => {
  const [first, ...rest] = distribution.ordered_cache_behavior as Behaviour[];
  const [functionKey] = only(resources(tf, 'aws_cloudfront_function'), 'CloudFront function');

  expect(first).toEqual({
    path_pattern: '/api/trpc/playground.converse*',
    target_origin_id: 'api-stream',
    viewer_protocol_policy: 'redirect-to-https',
    allowed_methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
    cached_methods: ['GET', 'HEAD'],
    // AWS managed policies: CachingDisabled and AllViewerExceptHostHeader.
    cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    origin_request_policy_id: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    compress: false,
    function_association: [
      {
        event_type: 'viewer-request',
        function_arn: ref('aws_cloudfront_function', functionKey, 'arn'),
      },
    ],
  });
  expect(rest.map((behaviour) => behaviour.path_pattern)).toContain('/api/*');
});

test("the api-stream origin is the function URL's host, signed by a Lambda origin access control", () => {
  const [urlKey] = only(resources(tf, 'aws_lambda_function_url'), 'function URL');
  const origin = (distribution.origin as Record<string, unknown>[]).find(
    (o) => o.origin_id === 'api-stream',
  );
  const [oacKey, oac] = only(
    resources(tf, 'aws_cloudfront_origin_access_control').filter(
      ([, o]) => o.origin_access_control_origin_type === 'lambda',
    ),
    'Lambda origin access control',
  );

  expect(origin).toMatchObject({
    domain_name: `\${replace(replace(aws_lambda_function_url.${urlKey}.function_url, "https://", ""), "/", "")}`,
    origin_access_control_id: ref('aws_cloudfront_origin_access_control', oacKey, 'id'),
    custom_origin_config: { origin_protocol_policy: 'https-only', origin_read_timeout: 60 },
  });
  expect(oac).toMatchObject({ signing_behavior: 'always', signing_protocol: 'sigv4' });
});

test("the api-stream function's URL streams its response and takes only IAM-signed requests", () => {
  const [, url] = only(resources(tf, 'aws_lambda_function_url'), 'function URL');

  expect(url).toEqual({
    function_name: ref('aws_lambda_function', streamKey, 'function_name'),
    authorization_type: 'AWS_IAM',
    invoke_mode: 'RESPONSE_STREAM',
  });
});

test('CloudFront may invoke the api-stream function, through its URL, for this distribution only', () => {
  const permissions = resources(tf, 'aws_lambda_permission')
    .map(([, p]) => p)
    .filter((p) => p.function_name === ref('aws_lambda_function', streamKey, 'function_name'));

  expect(permissions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        action: 'lambda:InvokeFunctionUrl',
        function_url_auth_type: 'AWS_IAM',
        principal: 'cloudfront.amazonaws.com',
        source_arn: distributionArn,
      }),
      expect.objectContaining({
        action: 'lambda:InvokeFunction',
        principal: 'cloudfront.amazonaws.com',
        source_arn: distributionArn,
      }),
    ]),
  );
  expect(permissions).toHaveLength(2);
});

test("the api-stream function runs the API's bundle and role with its streaming export, the API's environment but the portal URL, and longer than the HTTP API allows", () => {
  expect(streamFn.handler).toBe('index.streamHandler');
  expect(streamFn.filename).toBe(apiFn.filename);
  expect(streamFn.role).toBe(apiFn.role);
  expect(streamFn.vpc_config).toEqual(apiFn.vpc_config);
  const { MLSPACE_PUBLIC_URL, ...apiVariables } = variables(apiFn);
  expect(MLSPACE_PUBLIC_URL).toBeDefined();
  expect(variables(streamFn)).toEqual(apiVariables);
  expect(Number(streamFn.timeout)).toBeGreaterThan(Number(apiFn.timeout));
});

/** Every resource's references to others (`${type.name.…}` and depends_on), as Terraform sees them. */
function dependencies(json: TfJson): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(json.resource))
    for (const [name, body] of Object.entries(byName)) {
      const refs = [...JSON.stringify(body).matchAll(/\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\b/g)]
        .map(([, refType, refName]) => `${refType}.${refName}`)
        .filter((target) => target !== `${type}.${name}`);
      graph.set(`${type}.${name}`, new Set(refs));
    }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'done' || !graph.has(node)) return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    for (const next of graph.get(node)!) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}

test('the stack has no dependency cycle (the portal URL in the api-stream function would make one through its URL and the distribution)', () => {
  expect(findCycle(dependencies(tf))).toBeNull();

  const withPortalUrl = structuredClone(tf);
  variables(withPortalUrl.resource.aws_lambda_function![streamKey]!).MLSPACE_PUBLIC_URL =
    variables(apiFn).MLSPACE_PUBLIC_URL!;
  expect(findCycle(dependencies(withPortalUrl))).toEqual(
    expect.arrayContaining([
      `aws_lambda_function.${streamKey}`,
      `aws_cloudfront_distribution.${distributionKey}`,
    ]),
  );
});

test('the viewer-host function replaces any value the viewer sent with the host it addressed', () => {
  const [, fn] = only(resources(tf, 'aws_cloudfront_function'), 'CloudFront function');
  expect(fn.runtime).toBe('cloudfront-js-2.0');
  const handler = runInNewContext(`${String(fn.code)}\nhandler`) as (event: unknown) => {
    headers: Record<string, { value: string }>;
  };

  const request = handler({
    request: {
      headers: {
        host: { value: 'd111111abcdef8.cloudfront.net' },
        'x-mlspace-viewer-host': { value: 'evil.example.com' },
      },
    },
  });

  expect(request.headers['x-mlspace-viewer-host']).toEqual({
    value: 'd111111abcdef8.cloudfront.net',
  });
});

test('the streamed path covers exactly the procedures the portal streams and the API streaming entry serves', () => {
  const listed = (file: string, pattern: RegExp) => {
    const match = pattern.exec(readFileSync(join(repoRoot, file), 'utf8'));
    expect(match, file).not.toBeNull();
    return [...match![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  };
  const portal = listed(
    'apps/portal/app/utils/trpc.ts',
    /streamedProcedures = new Set\(\[([^\]]*)\]/,
  );
  const api = listed(
    'apps/api/src/http/stream-handler.ts',
    /STREAMED_PROCEDURES[^=]*= new Set\(\[([^\]]*)\]/,
  );

  expect(portal).toEqual(['playground.converse']);
  expect(api).toEqual(portal);
  expect(streamedPathPattern).toBe(`/api/trpc/${portal[0]}*`);
});
