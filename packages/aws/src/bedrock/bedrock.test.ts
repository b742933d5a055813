import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect, test } from 'vitest';

import { fakeBedrock, fakeBedrockRuntime, mockHttp } from '@mlspace/testing';

import { allowedModelsPolicy } from './allowed-models-policy';
import { converseStream, type ConverseEvent } from './converse';
import { listTextFoundationModels } from './foundation-models';

const server = mockHttp();
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

test('the models offered are the region’s on-demand text models, legacy ones left out', async () => {
  const bedrock = fakeBedrock([
    {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      modelName: 'Claude 3 Haiku',
      providerName: 'Anthropic',
    },
    {
      modelId: 'amazon.titan-text-express-v1',
      modelName: 'Titan Text Express',
      providerName: 'Amazon',
      legacy: true,
    },
  ]);
  server.use(bedrock.handler());
  const models = await listTextFoundationModels(
    new BedrockClient({ region: 'us-east-1', credentials }),
  );
  expect(models).toEqual([
    {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      name: 'Claude 3 Haiku',
      provider: 'Anthropic',
      streaming: true,
    },
  ]);
  expect(Object.fromEntries(bedrock.queries[0]!.entries())).toEqual({
    byOutputModality: 'TEXT',
    byInferenceType: 'ON_DEMAND',
  });
});

test('a conversation streams back as text deltas, then the stop reason and the tokens used', async () => {
  const runtime = fakeBedrockRuntime(() => ({
    chunks: ['Hola', ', ', 'mundo'],
    inputTokens: 12,
    outputTokens: 3,
  }));
  server.use(runtime.handler());
  const events: ConverseEvent[] = [];
  for await (const event of converseStream(
    // Bedrock Runtime's client speaks HTTP/2 by default, which msw does not intercept.
    new BedrockRuntimeClient({
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
    }),
    {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      system: 'Answer in Spanish.',
      turns: [{ role: 'user', text: 'Say hello to the world' }],
      maxTokens: 100,
    },
  ))
    events.push(event);
  expect(events).toEqual([
    { type: 'text', text: 'Hola' },
    { type: 'text', text: ', ' },
    { type: 'text', text: 'mundo' },
    { type: 'stop', reason: 'end_turn' },
    { type: 'usage', inputTokens: 12, outputTokens: 3 },
  ]);
  expect(runtime.requests[0]).toEqual({
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: {
      messages: [{ role: 'user', content: [{ text: 'Say hello to the world' }] }],
      system: [{ text: 'Answer in Spanish.' }],
      inferenceConfig: { maxTokens: 100 },
    },
  });
});

test('the generated policy denies every model but the allowed ones, and all of them when none is allowed', () => {
  const arn = (id: string) => `arn:aws:bedrock:eu-west-1::foundation-model/${id}`;
  expect(
    allowedModelsPolicy({
      partition: 'aws',
      region: 'eu-west-1',
      allowedModelIds: ['b.model', 'a.model', 'b.model'],
    }).Statement,
  ).toEqual([
    {
      Sid: 'OnlyAllowedFoundationModels',
      Effect: 'Deny',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      NotResource: [arn('a.model'), arn('b.model')],
    },
  ]);
  expect(
    allowedModelsPolicy({ partition: 'aws', region: 'eu-west-1', allowedModelIds: [] }).Statement,
  ).toEqual([
    {
      Sid: 'NoFoundationModels',
      Effect: 'Deny',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: '*',
    },
  ]);
});
