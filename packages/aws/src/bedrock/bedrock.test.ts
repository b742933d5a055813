import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect, test } from 'vitest';

import type { ConverseEvent, ConverseRequest } from '@mlspace/core';
import { fakeBedrock, fakeBedrockRuntime, mockHttp } from '@mlspace/testing';

import { foundationModelsDocument } from './allowed-models-policy';
import { createBedrockFoundationModels } from './backend';
import { listTextFoundationModels } from './foundation-models';

const server = mockHttp();
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
const titan = 'amazon.titan-text-lite-v1';

const clients = () => ({
  bedrock: new BedrockClient({ region: 'us-east-1', credentials }),
  // Bedrock Runtime's client speaks HTTP/2 by default, which msw does not intercept.
  runtime: new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials,
    requestHandler: new NodeHttpHandler(),
  }),
});

async function collect(events: AsyncIterable<ConverseEvent>): Promise<ConverseEvent[]> {
  const all: ConverseEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const request: ConverseRequest = {
  modelId: haiku,
  system: 'Answer in Spanish.',
  turns: [{ role: 'user', text: 'Say hello to the world' }],
  maxTokens: 100,
};

test('the models offered are the region’s on-demand text models, legacy ones left out', async () => {
  const bedrock = fakeBedrock([
    { modelId: haiku, modelName: 'Claude 3 Haiku', providerName: 'Anthropic' },
    {
      modelId: 'amazon.titan-text-express-v1',
      modelName: 'Titan Text Express',
      providerName: 'Amazon',
      legacy: true,
    },
  ]);
  server.use(bedrock.handler());
  const models = await listTextFoundationModels(clients().bedrock);
  expect(models).toEqual([
    { modelId: haiku, name: 'Claude 3 Haiku', provider: 'Anthropic', streaming: true },
  ]);
  expect(Object.fromEntries(bedrock.queries[0]!.entries())).toEqual({
    byOutputModality: 'TEXT',
    byInferenceType: 'ON_DEMAND',
  });
});

test('a conversation with a streaming model goes through ConverseStream and arrives as text deltas, then the stop reason and the tokens used', async () => {
  server.use(
    fakeBedrock([
      { modelId: haiku, modelName: 'Claude 3 Haiku', providerName: 'Anthropic' },
    ]).handler(),
  );
  const runtime = fakeBedrockRuntime(() => ({
    chunks: ['Hola', ', ', 'mundo'],
    inputTokens: 12,
    outputTokens: 3,
  }));
  server.use(...runtime.handlers());
  const models = createBedrockFoundationModels(clients());

  expect(await collect(await models.converse(request))).toEqual([
    { type: 'text', text: 'Hola' },
    { type: 'text', text: ', ' },
    { type: 'text', text: 'mundo' },
    { type: 'stop', reason: 'end_turn' },
    { type: 'usage', inputTokens: 12, outputTokens: 3 },
  ]);
  expect(runtime.requests).toEqual([
    {
      operation: 'ConverseStream',
      modelId: haiku,
      body: {
        messages: [{ role: 'user', content: [{ text: 'Say hello to the world' }] }],
        system: [{ text: 'Answer in Spanish.' }],
        inferenceConfig: { maxTokens: 100 },
      },
    },
  ]);
});

test('a model that does not stream is asked through Converse, and its reply is one text with the tokens used (ConverseStream would refuse it)', async () => {
  server.use(
    fakeBedrock([
      { modelId: titan, modelName: 'Titan Text Lite', providerName: 'Amazon', streaming: false },
    ]).handler(),
  );
  const runtime = fakeBedrockRuntime(() => ({
    chunks: ['Hello', ' there'],
    inputTokens: 7,
    outputTokens: 2,
  }));
  server.use(...runtime.handlers());
  const models = createBedrockFoundationModels(clients());

  expect(await collect(await models.converse({ ...request, modelId: titan }))).toEqual([
    { type: 'text', text: 'Hello there' },
    { type: 'stop', reason: 'end_turn' },
    { type: 'usage', inputTokens: 7, outputTokens: 2 },
  ]);
  expect(runtime.requests.map((sent) => [sent.operation, sent.modelId])).toEqual([
    ['Converse', titan],
  ]);
});

test('the region’s list is asked once for several turns, not once per turn', async () => {
  const bedrock = fakeBedrock([
    { modelId: haiku, modelName: 'Claude 3 Haiku', providerName: 'Anthropic' },
  ]);
  server.use(bedrock.handler());
  server.use(
    ...fakeBedrockRuntime(() => ({ chunks: ['ok'], inputTokens: 1, outputTokens: 1 })).handlers(),
  );
  const models = createBedrockFoundationModels(clients());
  await collect(await models.converse(request));
  await collect(await models.converse(request));
  await models.list();
  expect(bedrock.queries).toHaveLength(1);
});

test('the generated policy allows invoking exactly the allowed models, and denies every model when none is allowed', () => {
  const arn = (id: string) => `arn:aws:bedrock:eu-west-1::foundation-model/${id}`;
  expect(
    foundationModelsDocument({ region: 'eu-west-1', modelIds: ['b.model', 'a.model', 'b.model'] })
      .Statement,
  ).toEqual([
    {
      Sid: 'InvokeAllowedFoundationModels',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: [arn('a.model'), arn('b.model')],
    },
  ]);
  expect(foundationModelsDocument({ region: 'eu-west-1', modelIds: [] }).Statement).toEqual([
    {
      Sid: 'NoFoundationModels',
      Effect: 'Deny',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: '*',
    },
  ]);
  expect(
    foundationModelsDocument({ region: 'us-gov-west-1', modelIds: ['a.model'] }).Statement[0],
  ).toMatchObject({
    Resource: ['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/a.model'],
  });
});
