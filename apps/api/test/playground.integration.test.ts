/**
 * The playground and the administrator's model choice through the real router on DynamoDB Local:
 * Bedrock answered by msw in its own protocols (ListFoundationModels, ConverseStream's event
 * stream, Converse), an endpoint by an in-memory backend speaking the playground's JSON contract.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Writable } from 'node:stream';
import { beforeEach, expect, test } from 'vitest';

import { createBedrockFoundationModels } from '@mlspace/aws';
import {
  usageMonthOf,
  type ComputeBackend,
  type EndpointBackend,
  type UserView,
} from '@mlspace/core';
import { fakeBedrock, fakeBedrockRuntime, mockHttp } from '@mlspace/testing';

import {
  apiOnPublicUrl,
  createStreamingLambdaHandler,
  type ResponsePrelude,
} from '../src/http/stream-handler';
import type { PlaygroundEvent } from '../src/services/playground/conversation';
import { startSession } from '../src/services/sessions';
import { unavailableComputeBackend } from '../src/services/compute';
import { createConfigService } from '../src/services/config-service';
import { registerModelUsageCascade } from '../src/services/playground/usage-cascade';
import type { ApiServices } from '../src/services';
import { createFakeReportStorage } from './fake-report-storage';
import { callerFor, createTestServices, signedUpUser } from './harness';
import { httpApiEvent } from './lambda-events';

const server = mockHttp();
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
const titan = 'amazon.titan-text-lite-v1';
const thisMonth = usageMonthOf(new Date());

const bedrockModels = [
  { modelId: haiku, modelName: 'Claude 3 Haiku', providerName: 'Anthropic' },
  { modelId: titan, modelName: 'Titan Text Lite', providerName: 'Amazon', streaming: false },
];

interface World {
  services: ApiServices;
  reportStorage: ReturnType<typeof createFakeReportStorage>;
  project: string;
  owner: UserView;
  member: UserView;
  outsider: UserView;
  admin: UserView;
  /** What the endpoint `chat` was sent. */
  endpointBodies: string[];
}

/** An endpoint that answers the playground's contract: the last message, reversed, with counts. */
function chatEndpoint(bodies: string[]): EndpointBackend {
  const refuse = () => Promise.reject(new Error('not used in this test'));
  return {
    create: refuse,
    describe: refuse,
    update: refuse,
    delete: refuse,
    logs: refuse,
    async invoke(request) {
      const body = new TextDecoder().decode(request.body);
      bodies.push(body);
      const { messages } = JSON.parse(body) as { messages: { content: string }[] };
      const last = messages[messages.length - 1]!.content;
      return {
        contentType: 'application/json',
        body: new TextEncoder().encode(
          JSON.stringify({
            generated_text: [...last].reverse().join(''),
            usage: { inputTokens: messages.length, outputTokens: 1 },
          }),
        ),
      };
    },
  } as EndpointBackend;
}

async function world(mode: 'aws' | 'local'): Promise<World> {
  const base = await createTestServices();
  const reportStorage = createFakeReportStorage();
  const endpointBodies: string[] = [];
  const compute: ComputeBackend = {
    ...unavailableComputeBackend(),
    endpoints: chatEndpoint(endpointBodies),
    ...(mode === 'aws'
      ? {
          foundationModels: createBedrockFoundationModels({
            bedrock: new BedrockClient({ region: 'us-east-1', credentials }),
            // Bedrock Runtime's client speaks HTTP/2 by default, which msw does not intercept.
            runtime: new BedrockRuntimeClient({
              region: 'us-east-1',
              credentials,
              requestHandler: new NodeHttpHandler(),
            }),
          }),
        }
      : {}),
  };
  const services: ApiServices = {
    ...base,
    settings: { ...base.settings, mode },
    configService: createConfigService({ db: base.db, mode, cacheMs: 0 }),
    compute,
    reportStorage,
  };
  const [owner, member, outsider, admin] = await Promise.all([
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db, { admin: true }),
  ]);
  const project = `fm${Math.random().toString(36).slice(2, 8)}`;
  await services.db.projects.create({ name: project, description: '', createdBy: owner.username });
  await services.db.membership.addUsers(project, [member.username], 'member', owner.username);
  await services.db.resources.register(
    {
      kind: 'endpoint',
      name: `chat${project}`,
      project,
      owner: member.username,
      status: 'InService',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
    },
    member.username,
  );
  return { services, reportStorage, project, owner, member, outsider, admin, endpointBodies };
}

async function allowModels(w: World, allowedModels: string[], bedrock = true) {
  const api = callerFor(w.services, w.admin);
  const { config, version } = await api.config.get();
  return api.config.update({
    expectedVersion: version,
    reason: 'Foundation models',
    config: {
      ...config,
      services: { ...config.services, bedrock },
      bedrock: { allowedModels },
    },
  });
}

async function collect(events: AsyncIterable<PlaygroundEvent>): Promise<PlaygroundEvent[]> {
  const all: PlaygroundEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as { code: string; message: string },
  );
  expect(error, 'the call was expected to be refused').not.toBeNull();
  return { code: error!.code, message: error!.message };
}

let runtime: ReturnType<typeof fakeBedrockRuntime>;
beforeEach(() => {
  server.use(fakeBedrock(bedrockModels).handler());
  runtime = fakeBedrockRuntime(({ body }) => {
    const messages = body.messages as { content: { text: string }[] }[];
    return {
      chunks: ['You said: ', messages[messages.length - 1]!.content[0]!.text],
      inputTokens: 21,
      outputTokens: 4,
    };
  });
  server.use(...runtime.handlers());
});

test("an administrator chooses among the region's text models, and an id Bedrock does not offer there is named", async () => {
  const w = await world('aws');
  const offered = await callerFor(w.services, w.admin).config.foundationModels();
  expect(offered.models.map((model) => model.modelId)).toEqual([titan, haiku]);

  const refused = await refusal(allowModels(w, [haiku, 'meta.llama9-900b-v1:0']));
  expect(refused).toEqual({
    code: 'BAD_REQUEST',
    message:
      'config.bedrock.allowedModels.1: meta.llama9-900b-v1:0 is not a text model Bedrock offers on demand in us-east-1',
  });
  await allowModels(w, [haiku]);
  expect((await callerFor(w.services, w.admin).config.get()).config.bedrock.allowedModels).toEqual([
    haiku,
  ]);
});

test('a member converses with an allowed model through ConverseStream, sees the reply stream and the tokens, and the tokens are recorded for the project, the member and the month', async () => {
  const w = await world('aws');
  await allowModels(w, [haiku]);
  const api = callerFor(w.services, w.member);

  const options = await api.playground.options({ project: w.project });
  expect(options.bedrock).toEqual({
    unavailableReason: null,
    models: [{ modelId: haiku, name: 'Claude 3 Haiku', provider: 'Anthropic', streaming: true }],
  });

  const events = await collect(
    await api.playground.converse({
      project: w.project,
      source: { kind: 'bedrock', modelId: haiku },
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hello' }],
    }),
  );
  expect(events).toEqual([
    { type: 'text', text: 'You said: ' },
    { type: 'text', text: 'hello' },
    { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 21, outputTokens: 4 } },
  ]);
  expect(runtime.requests.map((request) => request.operation)).toEqual(['ConverseStream']);
  expect(runtime.requests[0]!.body.system).toEqual([{ text: 'Be brief.' }]);

  await collect(
    await api.playground.converse({
      project: w.project,
      source: { kind: 'bedrock', modelId: haiku },
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'You said: hello' },
        { role: 'user', content: 'again' },
      ],
    }),
  );
  const usage = await callerFor(w.services, w.owner).playground.usage({ project: w.project });
  expect(usage).toEqual({
    month: thisMonth,
    rows: [
      {
        month: thisMonth,
        project: w.project,
        username: w.member.username,
        source: 'bedrock',
        model: haiku,
        requests: 2,
        inputTokens: 42,
        outputTokens: 8,
      },
    ],
  });
});

test("on AWS the reply streams through the Function URL entry: a member's session and CSRF token are checked on the host CloudFront names, and each JSON line is written as tRPC produces it", async () => {
  const w = await world('aws');
  await allowModels(w, [haiku]);
  const viewerHost = 'd111111abcdef8.cloudfront.net';
  const cookies = (await startSession(w.services, w.member, 'id-token')).map(
    (cookie) => cookie.split(';')[0]!,
  );
  const csrf = cookies.find((cookie) => cookie.startsWith('mlspace_csrf='))!.split('=')[1]!;
  const prelude: ResponsePrelude[] = [];
  // The Lambda runtime's streaming API: the prelude, then the body on the stream it was given.
  const handler = createStreamingLambdaHandler(apiOnPublicUrl(w.services), {
    streamifyResponse: (streaming) => streaming,
    HttpResponseStream: {
      from: (stream, metadata) => {
        prelude.push(metadata);
        return stream;
      },
    },
  });
  async function turn(headers: Record<string, string>): Promise<string[]> {
    const chunks: string[] = [];
    const responseStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    const event = httpApiEvent('POST', '/api/trpc/playground.converse?batch=1', {
      cookies,
      headers: {
        'content-type': 'application/json',
        'trpc-accept': 'application/jsonl',
        'x-mlspace-viewer-host': viewerHost,
        ...headers,
      },
      body: JSON.stringify({
        0: {
          project: w.project,
          source: { kind: 'bedrock', modelId: haiku },
          messages: [{ role: 'user', content: 'hello' }],
        },
      }),
    });
    await handler(event, responseStream);
    return chunks;
  }

  const chunks = await turn({ origin: `https://${viewerHost}`, 'x-mlspace-csrf': csrf });

  expect(prelude.map((sent) => sent.statusCode)).toEqual([200]);
  expect(prelude[0]!.headers['content-type']).toBe('application/json');
  expect(prelude[0]!.headers).not.toHaveProperty('transfer-encoding');
  // tRPC's head, then each event of the reply in a line (and a write) of its own.
  const events = chunks.filter((chunk) => chunk.includes('"type"'));
  expect(events).toEqual([
    expect.stringContaining('{"type":"text","text":"You said: "}'),
    expect.stringContaining('{"type":"text","text":"hello"}'),
    expect.stringContaining('{"type":"done","stopReason":"end_turn"'),
  ]);
  const usage = await w.services.db.modelUsage.forProject(w.project, thisMonth);
  expect(usage).toMatchObject([{ username: w.member.username, requests: 1, outputTokens: 4 }]);

  const fromAnotherSite = await turn({
    origin: 'https://evil.example.com',
    'x-mlspace-csrf': csrf,
  });
  const withoutToken = await turn({ origin: `https://${viewerHost}` });

  expect(fromAnotherSite.join('')).toContain(
    'Requests from https://evil.example.com are not accepted.',
  );
  expect(withoutToken.join('')).toContain('Missing or invalid CSRF token');
  expect(runtime.requests.map((request) => request.operation)).toEqual(['ConverseStream']);
});

test('a model that does not stream is answered through Converse, and counted the same way', async () => {
  const w = await world('aws');
  await allowModels(w, [titan]);
  const events = await collect(
    await callerFor(w.services, w.member).playground.converse({
      project: w.project,
      source: { kind: 'bedrock', modelId: titan },
      messages: [{ role: 'user', content: 'hi' }],
    }),
  );
  expect(events).toEqual([
    { type: 'text', text: 'You said: hi' },
    { type: 'done', stopReason: 'end_turn', usage: { inputTokens: 21, outputTokens: 4 } },
  ]);
  expect(runtime.requests.map((request) => request.operation)).toEqual(['Converse']);
});

test('a model the administrator did not allow, and Bedrock deactivated, are refused naming the field before Bedrock is called', async () => {
  const w = await world('aws');
  await allowModels(w, [haiku]);
  const api = callerFor(w.services, w.member);
  const turn = (modelId: string) =>
    api.playground.converse({
      project: w.project,
      source: { kind: 'bedrock', modelId },
      messages: [{ role: 'user', content: 'hi' }],
    });
  expect(await refusal(turn(titan))).toEqual({
    code: 'BAD_REQUEST',
    message: `source.modelId: ${titan} is not a model your administrator allows; allowed: ${haiku}`,
  });
  await allowModels(w, [haiku], false);
  expect(await refusal(turn(haiku))).toEqual({
    code: 'PRECONDITION_FAILED',
    message: 'source.modelId: Bedrock is deactivated by your administrator',
  });
  expect(runtime.requests).toEqual([]);
  expect(await w.services.db.modelUsage.forProject(w.project, thisMonth)).toEqual([]);
});

test('only members converse (admins too only as members); only owners and admins see the usage', async () => {
  const w = await world('aws');
  await allowModels(w, [haiku]);
  const turn = (user: UserView) =>
    callerFor(w.services, user).playground.converse({
      project: w.project,
      source: { kind: 'bedrock', modelId: haiku },
      messages: [{ role: 'user', content: 'hi' }],
    });
  expect((await refusal(turn(w.outsider))).code).toBe('FORBIDDEN');
  expect((await refusal(turn(w.admin))).message).toMatch(/Admins too must be members/);
  const usage = (user: UserView) =>
    callerFor(w.services, user).playground.usage({ project: w.project });
  expect((await refusal(usage(w.member))).message).toMatch(/Only owners .* see its model usage/);
  await expect(usage(w.admin)).resolves.toMatchObject({ rows: [] });
});

test('locally the playground says foundation models need AWS, refuses a Bedrock model, and talks to a project endpoint through the JSON contract, counting what it reports', async () => {
  const w = await world('local');
  const api = callerFor(w.services, w.member);
  const options = await api.playground.options({ project: w.project });
  expect(options.bedrock).toEqual({
    unavailableReason: 'Foundation models need AWS: Bedrock is not available in local mode',
    models: [],
  });
  expect(options.endpoints).toEqual({ unavailableReason: null, names: [`chat${w.project}`] });
  expect(
    await refusal(
      api.playground.converse({
        project: w.project,
        source: { kind: 'bedrock', modelId: haiku },
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ),
  ).toEqual({
    code: 'PRECONDITION_FAILED',
    message: 'source.modelId: Foundation models need AWS: Bedrock is not available in local mode',
  });

  const events = await collect(
    await api.playground.converse({
      project: w.project,
      source: { kind: 'endpoint', endpoint: `chat${w.project}` },
      system: 'Answer backwards.',
      messages: [{ role: 'user', content: 'stressed' }],
    }),
  );
  expect(events).toEqual([
    { type: 'text', text: 'desserts' },
    { type: 'done', stopReason: null, usage: { inputTokens: 2, outputTokens: 1 } },
  ]);
  expect(JSON.parse(w.endpointBodies[0]!)).toEqual({
    messages: [
      { role: 'system', content: 'Answer backwards.' },
      { role: 'user', content: 'stressed' },
    ],
  });
  expect(await w.services.db.modelUsage.forProject(w.project, thisMonth)).toMatchObject([
    { source: 'endpoint', model: `chat${w.project}`, requests: 1, inputTokens: 2 },
  ]);
});

test("another project's endpoint is refused naming the field", async () => {
  const w = await world('local');
  const other = await world('local');
  await w.services.db.resources.register(
    {
      kind: 'endpoint',
      name: `chat${other.project}`,
      project: other.project,
      owner: w.member.username,
      status: 'InService',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
    },
    w.member.username,
  );
  await w.services.db.projects.create({
    name: other.project,
    description: '',
    createdBy: w.member.username,
  });
  expect(
    await refusal(
      callerFor(w.services, w.member).playground.converse({
        project: w.project,
        source: { kind: 'endpoint', endpoint: `chat${other.project}` },
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ),
  ).toEqual({
    code: 'BAD_REQUEST',
    message: `source.endpoint: chat${other.project} is not an endpoint of project ${w.project}`,
  });
});

test('locally an administrator cannot add a model (foundation models need AWS), and a list kept as it was still saves', async () => {
  const w = await world('local');
  const api = callerFor(w.services, w.admin);
  expect((await api.config.foundationModels()).unavailableReason).toBe(
    'Foundation models need AWS: Bedrock is not available in local mode',
  );
  expect((await refusal(allowModels(w, [haiku]))).message).toBe(
    'config.bedrock.allowedModels.0: Foundation models need AWS: Bedrock is not available in local mode, so no model can be added here',
  );
  await expect(allowModels(w, [])).resolves.toMatchObject({ version: 1 });
});

test("an admin's report of a month holds every project's usage by user and model, and is listed with the other reports", async () => {
  const w = await world('local');
  const month = '2031-07';
  for (const [project, username, model, tokens] of [
    [w.project, w.member.username, 'chat', 5],
    [w.project, w.member.username, 'chat', 7],
    [`${w.project}b`, w.owner.username, haiku, 11],
  ] as const)
    await w.services.db.modelUsage.record({
      project,
      month,
      username,
      source: model === 'chat' ? 'endpoint' : 'bedrock',
      model,
      inputTokens: tokens,
      outputTokens: 1,
    });
  await w.services.db.modelUsage.record({
    project: w.project,
    month: '2031-08',
    username: w.member.username,
    source: 'endpoint',
    model: 'chat',
    inputTokens: 99,
    outputTokens: 99,
  });

  const admin = callerFor(w.services, w.admin);
  const report = await admin.playground.usageReport({ month });
  expect(report).toMatchObject({ rowCount: 2, description: `Foundation model usage in ${month}` });
  expect(w.reportStorage.objects.get(report.objectKey)!.split('\r\n')).toEqual([
    'Month,Project,User,Source,Model,Requests,Input tokens,Output tokens',
    `${month},${w.project},${w.member.username},Endpoint,chat,2,12,2`,
    `${month},${w.project}b,${w.owner.username},Bedrock,${haiku},1,11,1`,
    '',
  ]);
  const listed = await admin.reports.list({ limit: 10 });
  expect(listed.items.map((item) => item.name)).toContain(report.name);
});

test("a deleted project's usage goes with it: a later project of the same name shows none", async () => {
  const w = await world('local');
  registerModelUsageCascade(w.services.cascade, w.services.db);
  await collect(
    await callerFor(w.services, w.member).playground.converse({
      project: w.project,
      source: { kind: 'endpoint', endpoint: `chat${w.project}` },
      messages: [{ role: 'user', content: 'hello' }],
    }),
  );
  expect(await w.services.db.modelUsage.forProject(w.project, thisMonth)).toHaveLength(1);

  const report = await w.services.cascade.projectDeleted(w.project, w.admin.username);
  expect(report.kinds.find((kind) => kind.kind === 'modelUsage')).toMatchObject({
    done: ['1 rows of model usage'],
    failed: [],
  });
  expect(await w.services.db.modelUsage.forProject(w.project, thisMonth)).toEqual([]);
});
