import type { Command } from 'commander';

import {
  downloadDataset,
  MlspaceError,
  uploadFolder,
  type DatasetRef,
  type Environment,
  type MlspaceClient,
} from '@mlspace/client';

import { action, allPages, type CommandContext } from '../context';
import { UsageError } from '../exit-codes';
import { table } from '../output';
import { createProgressReporter, formatBytes } from '../progress';

const scopes = ['private', 'project', 'group', 'global'] as const;
type Scope = (typeof scopes)[number];

interface RefOptions {
  dataset: string;
  scope: string;
  project?: string;
}

function datasetRef(options: RefOptions): DatasetRef {
  if (!scopes.includes(options.scope as Scope))
    throw new UsageError(`--scope must be one of ${scopes.join(', ')}, not ${options.scope}`);
  if (options.scope === 'project' && !options.project)
    throw new UsageError('A project dataset needs --project <project>');
  return {
    scope: options.scope as Scope,
    scopeId: options.scope === 'project' ? options.project : undefined,
    name: options.dataset,
  };
}

function withRefOptions(command: Command): Command {
  return command
    .requiredOption('-d, --dataset <name>', 'the dataset')
    .option('--scope <scope>', `where the dataset lives: ${scopes.join(', ')}`, 'private')
    .option('--project <project>', 'the project of a project dataset')
    .option('--concurrency <files>', 'files moved at once', '3');
}

/** Creates the dataset the upload names when --create is given and it does not exist yet. */
async function ensureDataset(
  client: MlspaceClient,
  ref: DatasetRef,
  options: RefOptions & { create?: boolean; type: string; description?: string },
) {
  try {
    await client.api.datasets.get.query(ref);
  } catch (error) {
    if (!(error instanceof MlspaceError && error.code === 'NOT_FOUND') || !options.create)
      throw error;
    await client.api.datasets.create.mutate({
      scope: ref.scope,
      project: ref.scope === 'project' ? options.project : undefined,
      name: ref.name,
      description: options.description ?? '',
      type: options.type as 'tabular',
    });
  }
}

function concurrencyOf(value: string): number {
  const concurrency = Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new UsageError('--concurrency must be a whole number from 1 to 16');
  return concurrency;
}

function reportTransfer(
  context: CommandContext,
  verb: string,
  result: { transferred: string[]; skipped: string[] },
) {
  context.output.result(result, () =>
    context.output.line(
      `${verb} ${result.transferred.length} file(s); ${result.skipped.length} already there with the same content`,
    ),
  );
}

export function registerDatasets(program: Command, environment: Environment): void {
  const datasets = program
    .command('datasets')
    .description('Datasets: list, upload and download folders');
  datasets
    .command('list')
    .description('Datasets you can see')
    .option('--scope <scope>', 'all, global, private, project or group', 'all')
    .option('--project <project>', 'only this project’s datasets (with --scope project)')
    .action(
      action(environment, async (context, options: { scope: string; project?: string }) => {
        const items = await allPages((cursor) =>
          context.client().api.datasets.list.query({
            scope: options.scope as 'all',
            project: options.project,
            cursor,
            limit: 100,
          }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'SCOPE', 'OWNER', 'TYPE', 'LOCATION'],
            items.map((item) => [item.name, item.scope, item.scopeId, item.type, item.location]),
          ),
        );
      }),
    );

  withRefOptions(datasets.command('upload'))
    .description(
      'Upload a folder (sub-folders kept); run it again to resume: files already there with the same content are skipped',
    )
    .argument('<folder>')
    .option('--create', 'create the dataset first if it does not exist')
    .option('--type <type>', 'the type of a dataset --create makes', 'tabular')
    .option('--description <text>', 'the description of a dataset --create makes')
    .action(
      action(
        environment,
        async (
          context,
          folder: string,
          options: RefOptions & {
            create?: boolean;
            type: string;
            description?: string;
            concurrency: string;
          },
        ) => {
          const ref = datasetRef(options);
          const client = context.client();
          await ensureDataset(client, ref, options);
          const progress = createProgressReporter('Uploaded');
          const result = await uploadFolder(client, ref, folder, {
            concurrency: concurrencyOf(options.concurrency),
            onProgress: (state) => progress.update(state),
          });
          progress.finish();
          reportTransfer(context, 'Uploaded', result);
        },
      ),
    );

  withRefOptions(datasets.command('download'))
    .description('Download every file of a dataset into a folder; run it again to resume')
    .argument('<folder>')
    .action(
      action(
        environment,
        async (context, folder: string, options: RefOptions & { concurrency: string }) => {
          const progress = createProgressReporter('Downloaded');
          const result = await downloadDataset(context.client(), datasetRef(options), folder, {
            concurrency: concurrencyOf(options.concurrency),
            onProgress: (state) => progress.update(state),
          });
          progress.finish();
          reportTransfer(context, 'Downloaded', result);
        },
      ),
    );

  withRefOptions(datasets.command('files'))
    .description('The files of a dataset')
    .action(
      action(environment, async (context, options: RefOptions) => {
        const ref = datasetRef(options);
        const items = await allPages(
          (cursor) => context.client().api.datasets.files.query({ ref, cursor, limit: 1000 }),
          100_000,
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'SIZE', 'MODIFIED'],
            items.map((item) => [item.name, formatBytes(item.size), item.lastModified]),
          ),
        );
      }),
    );
}
