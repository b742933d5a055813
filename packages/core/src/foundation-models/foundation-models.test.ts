import { expect, test } from 'vitest';

import { defaultAppConfig } from '../config/app-config';
import { appConfigSchema } from '../config/app-config';
import { effectiveAllowedModels } from './allowed-models';
import { endpointChatRequest, parseEndpointChatReply } from './endpoint-chat';
import { playgroundConverseInputSchema } from './schemas';

test('an endpoint is sent the system prompt first, as role system, then the conversation', () => {
  expect(
    JSON.parse(
      endpointChatRequest('Be brief.', [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'Bye' },
      ]),
    ),
  ).toEqual({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi' },
      { role: 'user', content: 'Bye' },
    ],
  });
  expect(
    (
      JSON.parse(endpointChatRequest('  ', [{ role: 'user', content: 'Hello' }])) as {
        messages: unknown[];
      }
    ).messages,
  ).toHaveLength(1);
});

test("an endpoint's reply is read as text, generated_text or Hugging Face's list, with the tokens it counted", () => {
  expect(parseEndpointChatReply('{"text":"hi"}', 'source.endpoint')).toEqual({
    text: 'hi',
    usage: null,
  });
  expect(parseEndpointChatReply('{"generated_text":"hi"}', 'source.endpoint').text).toBe('hi');
  expect(parseEndpointChatReply('[{"generated_text":"hi"}]', 'source.endpoint').text).toBe('hi');
  expect(
    parseEndpointChatReply(
      '{"text":"hi","usage":{"inputTokens":4,"outputTokens":1}}',
      'source.endpoint',
    ).usage,
  ).toEqual({ inputTokens: 4, outputTokens: 1 });
});

test('an endpoint that does not speak the contract is refused naming the field and what it sent', () => {
  expect(() => parseEndpointChatReply('0.93', 'source.endpoint')).toThrow(
    /^source\.endpoint: the endpoint's answer has no "text" or "generated_text".*0\.93/,
  );
  expect(() => parseEndpointChatReply('1,0\n', 'source.endpoint')).toThrow(
    /^source\.endpoint: the endpoint did not answer JSON/,
  );
});

test('a conversation must end with the user’s message, and names the field when it does not', () => {
  const parsed = playgroundConverseInputSchema.safeParse({
    project: 'vision',
    source: { kind: 'endpoint', endpoint: 'chat' },
    messages: [{ role: 'assistant', content: 'Hi' }],
  });
  expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
    ['messages', 'must end with your message'],
  ]);
});

test('allowed models are only a Bedrock model id, each once, and none while Bedrock is deactivated', () => {
  const config = defaultAppConfig('aws');
  const withModels = (allowedModels: string[]) =>
    appConfigSchema.safeParse({ ...config, bedrock: { allowedModels } });
  expect(withModels(['anthropic.claude-3-haiku-20240307-v1:0']).success).toBe(true);
  expect(withModels(['Claude 3']).error?.issues[0]?.path).toEqual(['bedrock', 'allowedModels', 0]);
  expect(
    withModels(['amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0']).error?.issues[0]?.message,
  ).toBe('lists a model twice');
  const chosen = { ...config, bedrock: { allowedModels: ['amazon.nova-lite-v1:0'] } };
  expect(effectiveAllowedModels(chosen, 'aws')).toEqual(['amazon.nova-lite-v1:0']);
  expect(
    effectiveAllowedModels({ ...chosen, services: { ...config.services, bedrock: false } }, 'aws'),
  ).toEqual([]);
  expect(effectiveAllowedModels(chosen, 'local')).toEqual([]);
});
