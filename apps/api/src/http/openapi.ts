/**
 * The OpenAPI 3.1 document of every tRPC procedure, for callers in other languages. It is made
 * from the router itself (ADR 019): each procedure's kind and its zod inputs, converted with zod's
 * own JSON Schema export, laid on tRPC's HTTP shape exactly as the API speaks it (no transformer,
 * so bodies are plain JSON). Outputs are TypeScript return types, not schemas, so they are
 * described as the envelope around any JSON value.
 */
import * as z from 'zod';

import { withEveryRouterLoaded } from '../root';

type JsonSchema = Record<string, unknown>;

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: unknown[];
  meta?: { readOnly?: boolean };
}

/** The router's flat map of procedures by their dotted path (`projects.members.add`). */
export async function procedureDefinitions(): Promise<Array<[string, ProcedureDef]>> {
  const procedures = (await withEveryRouterLoaded())._def.procedures as unknown as Record<
    string,
    { _def: ProcedureDef }
  >;
  return Object.entries(procedures)
    .map(([path, procedure]): [string, ProcedureDef] => [path, procedure._def])
    .sort(([a], [b]) => a.localeCompare(b));
}

function schemaOf(zodSchema: unknown): JsonSchema {
  if (!(zodSchema instanceof z.ZodType))
    throw new Error('Every procedure input is a zod schema; another validator cannot be described');
  const { $schema: _dialect, ...schema } = z.toJSONSchema(zodSchema, {
    io: 'input',
    // Dates, maps and custom checks have no JSON form; they accept any JSON here and the API says no.
    unrepresentable: 'any',
  });
  return schema;
}

/** Chained `.input()` calls are merged by tRPC; in JSON Schema an object must satisfy all of them. */
function inputSchemaOf(inputs: unknown[]): JsonSchema | null {
  if (inputs.length === 0) return null;
  const schemas = inputs.map(schemaOf);
  return schemas.length === 1 ? (schemas[0] ?? {}) : { allOf: schemas };
}

/** Whether `undefined` passes the input, so the `input` parameter may be left out. */
function inputOptional(inputs: unknown[]): boolean {
  return inputs.every((input) => input instanceof z.ZodType && input.safeParse(undefined).success);
}

const successResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Success' } },
  },
});

const errorResponses = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '403': { $ref: '#/components/responses/Error' },
  '404': { $ref: '#/components/responses/Error' },
  '409': { $ref: '#/components/responses/Error' },
  '412': { $ref: '#/components/responses/Error' },
  '413': { $ref: '#/components/responses/Error' },
  '429': { $ref: '#/components/responses/Error' },
  '500': { $ref: '#/components/responses/Error' },
  '503': { $ref: '#/components/responses/Error' },
};

function operationOf(path: string, definition: ProcedureDef) {
  const input = inputSchemaOf(definition.inputs);
  const common = {
    operationId: path,
    tags: [path.split('.')[0] ?? path],
    summary: `${definition.type === 'query' ? 'Query' : 'Mutation'} ${path}`,
  };
  if (definition.type === 'query') {
    return {
      get: {
        ...common,
        description:
          'A tRPC query: the input is JSON, URL-encoded in the `input` query parameter. Allowed while an administrator has deactivated its service.',
        parameters: input
          ? [
              {
                name: 'input',
                in: 'query',
                required: !inputOptional(definition.inputs),
                description: 'The input as JSON, URL-encoded.',
                content: { 'application/json': { schema: input } },
              },
            ]
          : [],
        responses: { '200': successResponse('The procedure’s result'), ...errorResponses },
      },
    };
  }
  return {
    post: {
      ...common,
      description: `A tRPC mutation: the input is the JSON body.${
        definition.meta?.readOnly
          ? ' It changes nothing (allowed while its service is deactivated).'
          : ''
      }`,
      ...(input
        ? {
            requestBody: {
              required: !inputOptional(definition.inputs),
              content: { 'application/json': { schema: input } },
            },
          }
        : {}),
      responses: { '200': successResponse('The procedure’s result'), ...errorResponses },
    },
  };
}

const components = {
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A personal API token (`mls_<id>_<secret>`, created under Settings), a notebook’s short-lived token (the file named by MLSPACE_TOKEN_FILE), or an ID token of the identity provider.',
    },
  },
  schemas: {
    Success: {
      type: 'object',
      required: ['result'],
      properties: {
        result: {
          type: 'object',
          required: ['data'],
          properties: {
            data: {
              description: 'The procedure’s output: any JSON value (absent output is null).',
            },
          },
        },
      },
    },
    FieldError: {
      type: 'object',
      required: ['path', 'message'],
      properties: {
        path: { type: 'string', description: 'The input field, dot-separated (`inputs.0.s3Uri`).' },
        message: { type: 'string', description: 'The rule it broke, in plain words.' },
      },
    },
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['message', 'code', 'data'],
          properties: {
            message: {
              type: 'string',
              description: 'What went wrong, naming the field and the rule.',
            },
            code: {
              type: 'integer',
              description: 'The JSON-RPC error number tRPC uses (-32600 …).',
            },
            data: {
              type: 'object',
              required: ['code', 'httpStatus'],
              properties: {
                code: {
                  type: 'string',
                  description:
                    'UNAUTHORIZED, FORBIDDEN, NOT_FOUND, BAD_REQUEST, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR …',
                },
                httpStatus: { type: 'integer' },
                path: { type: 'string', description: 'The procedure.' },
                fieldErrors: {
                  oneOf: [
                    { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
                    { type: 'null' },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
  responses: {
    Error: {
      description: 'A refusal or failure, in tRPC’s error envelope.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  },
};

export async function buildOpenApiDocument(publicUrl: string) {
  const paths: Record<string, unknown> = {};
  for (const [path, definition] of await procedureDefinitions()) {
    // Subscriptions need a streaming transport the API does not serve.
    if (definition.type === 'subscription') continue;
    paths[`/api/trpc/${path}`] = operationOf(path, definition);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MLSpace API',
      version: '1',
      description:
        'Every MLSpace procedure over HTTP (tRPC). Queries are GET `/api/trpc/<procedure>?input=<URL-encoded JSON>`; mutations are POST `/api/trpc/<procedure>` with a JSON body. A success is `{"result":{"data":<output>}}`; a failure is `{"error":{"message","code","data":{"code","httpStatus","path","fieldErrors"}}}` with the HTTP status in `data.httpStatus`. Send `Authorization: Bearer <token>`.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    paths,
    components,
  };
}

let cached: { publicUrl: string; body: string } | null = null;

/** GET /api/openapi.json: built once per process (the router does not change while it runs). */
export async function openApiDocument(publicUrl: string): Promise<Response> {
  if (cached?.publicUrl !== publicUrl)
    cached = { publicUrl, body: JSON.stringify(await buildOpenApiDocument(publicUrl)) };
  return new Response(cached.body, {
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
  });
}
