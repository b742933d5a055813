import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import type { Environment } from '@mlspace/client';

import { action, allPages } from '../context';
import { UsageError } from '../exit-codes';
import { table } from '../output';

const contentTypes = ['text/csv', 'application/json'] as const;
type ContentType = (typeof contentTypes)[number];

function contentTypeOf(given: string | undefined, file: string | undefined): ContentType {
  const type = given ?? (file?.endsWith('.json') ? 'application/json' : 'text/csv');
  if (!contentTypes.includes(type as ContentType))
    throw new UsageError(`--content-type must be ${contentTypes.join(' or ')}`);
  return type as ContentType;
}

export function registerEndpoints(program: Command, environment: Environment): void {
  const endpoints = program.command('endpoints').description('Model endpoints');
  endpoints
    .command('list')
    .description("A project's endpoints, or yours everywhere")
    .option('--project <project>')
    .action(
      action(environment, async (context, options: { project?: string }) => {
        const { api } = context.client();
        const items = await allPages((cursor) =>
          options.project
            ? api.endpoints.list.query({ project: options.project, cursor, limit: 100 })
            : api.endpoints.mine.query({ cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'PROJECT', 'OWNER', 'STATUS'],
            items.map((item) => [item.name, item.project, item.owner, item.status]),
          ),
        );
      }),
    );
  endpoints
    .command('invoke')
    .argument('<name>')
    .description(
      'Send a payload to an endpoint and print its answer; the payload is --file or stdin',
    )
    .option(
      '--file <file>',
      'the payload (.json is sent as application/json, anything else as text/csv)',
    )
    .option('--content-type <type>', contentTypes.join(' or '))
    .option('--accept <type>', 'the answer’s type, if not the payload’s')
    .action(
      action(
        environment,
        async (
          context,
          name: string,
          options: { file?: string; contentType?: string; accept?: string },
        ) => {
          let body: string;
          try {
            body = options.file ? readFileSync(options.file, 'utf8') : context.readStdin();
          } catch (error) {
            throw new UsageError(
              `The payload ${options.file ?? 'on stdin'} cannot be read: ${(error as Error).message}`,
            );
          }
          const result = await context.client().api.endpoints.invoke.mutate({
            name,
            contentType: contentTypeOf(options.contentType, options.file),
            accept: options.accept ? contentTypeOf(options.accept, undefined) : undefined,
            body,
          });
          context.output.result(result, () =>
            process.stdout.write(result.body.endsWith('\n') ? result.body : `${result.body}\n`),
          );
        },
      ),
    );
}
