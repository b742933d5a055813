import { EventStreamCodec } from '@smithy/eventstream-codec';
import { http, HttpResponse, type HttpHandler } from 'msw';

import { contractChecked } from '../contract/checked-handlers';
import { validate } from '../contract/validate';
import { recordContractViolations } from '../contract/violations';

export const bedrockUrl = 'https://bedrock.:region.amazonaws.com/foundation-models';
export const bedrockRuntimeUrl =
  'https://bedrock-runtime.:region.amazonaws.com/model/:modelId/converse-stream';
export const bedrockConverseUrl =
  'https://bedrock-runtime.:region.amazonaws.com/model/:modelId/converse';

export interface FakeFoundationModel {
  modelId: string;
  modelName: string;
  providerName: string;
  streaming?: boolean;
  legacy?: boolean;
}

/** Bedrock's ListFoundationModels (restJson1, filters in the query), checked against its model. */
export function fakeBedrock(models: readonly FakeFoundationModel[]) {
  const queries: URLSearchParams[] = [];
  const handler = (): HttpHandler =>
    contractChecked(
      http.get(bedrockUrl, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        const input = Object.fromEntries(query.entries());
        recordContractViolations(
          'bedrock',
          'ListFoundationModels',
          'request',
          validate('bedrock', 'ListFoundationModels', 'input', input),
        );
        const body = {
          modelSummaries: models.map((model) => ({
            modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${model.modelId}`,
            modelId: model.modelId,
            modelName: model.modelName,
            providerName: model.providerName,
            inputModalities: ['TEXT'],
            outputModalities: ['TEXT'],
            responseStreamingSupported: model.streaming ?? true,
            inferenceTypesSupported: ['ON_DEMAND'],
            modelLifecycle: { status: model.legacy ? 'LEGACY' : 'ACTIVE' },
          })),
        };
        recordContractViolations(
          'bedrock',
          'ListFoundationModels',
          'response',
          validate('bedrock', 'ListFoundationModels', 'output', body),
        );
        return HttpResponse.json(body);
      }),
    );
  return { handler, queries, operations: ['ListFoundationModels'] };
}

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => new TextDecoder().decode(bytes),
  (text: string) => new TextEncoder().encode(text),
);

/** One event-stream frame as Bedrock sends it: the event's type in headers, its members as JSON. */
export function converseStreamFrame(
  eventType: string,
  payload: Record<string, unknown>,
): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new TextEncoder().encode(JSON.stringify(payload)),
  });
}

export interface ConverseStreamReply {
  chunks: string[];
  inputTokens: number;
  outputTokens: number;
}

/**
 * Bedrock Runtime's ConverseStream and Converse: the request is checked against the model (the
 * model id from the path, the rest from the JSON body). ConverseStream answers with the event
 * stream Bedrock sends, built with Smithy's codec (messageStart, one contentBlockDelta per chunk,
 * contentBlockStop, messageStop, metadata with the tokens used), each event checked against its
 * shape; Converse answers the chunks as one message, checked likewise. `reply` decides per
 * request; `requests` records them with the operation.
 */
export function fakeBedrockRuntime(
  reply: (request: { modelId: string; body: Record<string, unknown> }) => ConverseStreamReply,
) {
  const requests: {
    operation: 'Converse' | 'ConverseStream';
    modelId: string;
    body: Record<string, unknown>;
  }[] = [];
  const checker =
    (operation: 'Converse' | 'ConverseStream') =>
    (direction: 'request' | 'response', value: unknown) =>
      recordContractViolations(
        'bedrock-runtime',
        operation,
        direction,
        validate('bedrock-runtime', operation, direction === 'request' ? 'input' : 'output', value),
      );
  const converseHandler = (): HttpHandler =>
    contractChecked(
      http.post(bedrockConverseUrl, async ({ request, params }) => {
        const check = checker('Converse');
        const modelId = decodeURIComponent(String(params.modelId));
        const body = (await request.json()) as Record<string, unknown>;
        requests.push({ operation: 'Converse', modelId, body });
        check('request', { ...body, modelId });
        const answer = reply({ modelId, body });
        const output = {
          output: {
            message: { role: 'assistant', content: [{ text: answer.chunks.join('') }] },
          },
          stopReason: 'end_turn',
          usage: {
            inputTokens: answer.inputTokens,
            outputTokens: answer.outputTokens,
            totalTokens: answer.inputTokens + answer.outputTokens,
          },
          metrics: { latencyMs: 42 },
        };
        check('response', output);
        return HttpResponse.json(output);
      }),
    );
  const handler = (): HttpHandler =>
    contractChecked(
      http.post(bedrockRuntimeUrl, async ({ request, params }) => {
        const check = checker('ConverseStream');
        const modelId = decodeURIComponent(String(params.modelId));
        const body = (await request.json()) as Record<string, unknown>;
        requests.push({ operation: 'ConverseStream', modelId, body });
        check('request', { ...body, modelId });
        const answer = reply({ modelId, body });
        const events: [string, Record<string, unknown>][] = [
          ['messageStart', { role: 'assistant' }],
          ...answer.chunks.map((text): [string, Record<string, unknown>] => [
            'contentBlockDelta',
            { contentBlockIndex: 0, delta: { text } },
          ]),
          ['contentBlockStop', { contentBlockIndex: 0 }],
          ['messageStop', { stopReason: 'end_turn' }],
          [
            'metadata',
            {
              usage: {
                inputTokens: answer.inputTokens,
                outputTokens: answer.outputTokens,
                totalTokens: answer.inputTokens + answer.outputTokens,
              },
              metrics: { latencyMs: 42 },
            },
          ],
        ];
        for (const [type, payload] of events) check('response', { stream: { [type]: payload } });
        const frames = events.map(([type, payload]) => converseStreamFrame(type, payload));
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const frame of frames) controller.enqueue(frame);
            controller.close();
          },
        });
        return new HttpResponse(stream, {
          headers: { 'content-type': 'application/vnd.amazon.eventstream' },
        });
      }),
    );
  return {
    /** Both operations' handlers, for `server.use(...runtime.handlers())`. */
    handlers: () => [handler(), converseHandler()],
    requests,
    operations: ['Converse', 'ConverseStream'],
  };
}
