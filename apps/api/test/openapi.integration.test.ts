import { compileErrors, validate } from '@readme/openapi-parser';
import { expect, test } from 'vitest';

import { createApiHandler } from '../src/http/api-handler';
import { buildOpenApiDocument } from '../src/http/openapi';
import { withEveryRouterLoaded } from '../src/root';
import { createTestServices } from './harness';

const publicUrl = 'http://localhost:3999';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; content: Record<string, { schema: unknown }> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}
type Document = Awaited<ReturnType<typeof buildOpenApiDocument>> & {
  paths: Record<string, { get?: Operation; post?: Operation }>;
};

const document = (await buildOpenApiDocument(publicUrl)) as Document;
const appRouter = await withEveryRouterLoaded();

test('every procedure of the router is in the document, queries as GET and mutations as POST', () => {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
  );
  expect(procedures.length).toBeGreaterThan(100);
  for (const [path, procedure] of procedures) {
    const item = document.paths[`/api/trpc/${path}`];
    const expected = procedure._def.type === 'query' ? 'get' : 'post';
    expect(item, path).toBeDefined();
    expect(Object.keys(item ?? {}), path).toEqual([expected]);
  }
  expect(Object.keys(document.paths)).toHaveLength(procedures.length);
});

test('the document is valid OpenAPI 3.1', async () => {
  const result = await validate(
    structuredClone(document) as unknown as Parameters<typeof validate>[0],
  );
  expect(result.valid ? '' : compileErrors(result)).toBe('');
  expect(document.openapi).toBe('3.1.0');
});

test('inputs are the zod schemas as JSON Schema: a query’s in the input parameter, a mutation’s as the body', () => {
  const files = document.paths['/api/trpc/datasets.files']?.get;
  expect(files?.parameters?.[0]).toMatchObject({ name: 'input', in: 'query', required: true });
  expect(files?.parameters?.[0]?.content['application/json']?.schema).toMatchObject({
    type: 'object',
    required: expect.arrayContaining(['ref']) as unknown,
    properties: { limit: { type: 'integer', maximum: 1000, default: 100 } },
  });
  const start = document.paths['/api/trpc/notebooks.start']?.post;
  expect(start?.requestBody?.content['application/json']?.schema).toMatchObject({
    type: 'object',
    required: ['name'],
  });
});

test('GET /api/openapi.json serves the document for the deployment’s URL, and a call made as it says gets the envelopes it describes', async () => {
  const services = await createTestServices();
  const handle = createApiHandler(services);

  const response = await handle(new Request(`${publicUrl}/api/openapi.json`));
  const served = (await response.json()) as Document;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(served.servers).toEqual([{ url: services.settings.publicUrl }]);
  expect(Object.keys(served.paths)).toEqual(Object.keys(document.paths));

  const query = await handle(new Request(`${publicUrl}/api/trpc/system.publicSettings`));
  expect(query.status).toBe(200);
  expect(await query.json()).toEqual({ result: { data: expect.any(Object) as unknown } });

  const refused = await handle(
    new Request(`${publicUrl}/api/trpc/notebooks.start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'nb' }),
    }),
  );
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({
    error: {
      message: expect.any(String) as unknown,
      code: expect.any(Number) as unknown,
      data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'notebooks.start' },
    },
  });
});
