import type { Command } from 'commander';

import type { Environment } from '@mlspace/client';

import { action, allPages } from '../context';
import { table } from '../output';

export function registerNotebooks(program: Command, environment: Environment): void {
  const notebooks = program.command('notebooks').description('Notebook instances');
  notebooks
    .command('list')
    .description("A project's notebooks (yours, or all of them for owners), or yours everywhere")
    .option('--project <project>', 'only this project')
    .action(
      action(environment, async (context, options: { project?: string }) => {
        const { api } = context.client();
        const items = await allPages((cursor) =>
          options.project
            ? api.notebooks.list.query({ project: options.project, cursor, limit: 100 })
            : api.notebooks.mine.query({ cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'PROJECT', 'OWNER', 'STATUS', 'INSTANCE'],
            items.map((item) => [
              item.name,
              item.project,
              item.owner,
              item.status,
              item.instanceType,
            ]),
          ),
        );
      }),
    );
  notebooks
    .command('create')
    .description('Create a notebook instance (it starts)')
    .argument('<name>')
    .requiredOption('--project <project>')
    .requiredOption('--instance-type <type>', 'one the administrator allows, e.g. ml.t3.medium')
    .option('--volume-size <gb>', 'storage in GB', '5')
    .action(
      action(
        environment,
        async (
          context,
          name: string,
          options: { project: string; instanceType: string; volumeSize: string },
        ) => {
          const created = await context.client().api.notebooks.create.mutate({
            project: options.project,
            name,
            instanceType: options.instanceType,
            volumeSizeGb: Number(options.volumeSize),
          });
          context.output.result(created, () =>
            context.output.line(`Created notebook ${created.name} (${created.status})`),
          );
        },
      ),
    );
  for (const [verb, done] of [
    ['start', 'Starting'],
    ['stop', 'Stopping'],
  ] as const) {
    notebooks
      .command(verb)
      .description(`${verb === 'start' ? 'Start' : 'Stop'} a notebook instance`)
      .argument('<name>')
      .action(
        action(environment, async (context, name: string) => {
          await context.client().api.notebooks[verb].mutate({ name });
          context.output.result({ name, action: verb }, () =>
            context.output.line(`${done} ${name}`),
          );
        }),
      );
  }
  notebooks
    .command('open')
    .description('Print the address that opens Jupyter (the notebook must be InService)')
    .argument('<name>')
    .action(
      action(environment, async (context, name: string) => {
        const client = context.client();
        const { url } = await client.api.notebooks.open.mutate({ name });
        // Locally the API answers with the proxied path on its own origin.
        const absolute = new URL(url, client.url).href;
        context.output.result({ url: absolute }, () => context.output.line(absolute));
      }),
    );
}
