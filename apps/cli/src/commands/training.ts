import type { Command } from 'commander';

import type { Environment, MlspaceClient, RouterInputs } from '@mlspace/client';

import { action, allPages, type CommandContext } from '../context';
import { JobFailedError, UsageError } from '../exit-codes';
import { table } from '../output';
import { readSpecFile } from '../spec-file';

const endedStatuses = new Set(['Completed', 'Failed', 'Stopped']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seconds(value: string, option: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new UsageError(`${option} must be a positive number of seconds`);
  return parsed;
}

/** Prints the job's log lines from `cursor` on; returns the cursor after them. */
async function printLogs(
  client: MlspaceClient,
  context: CommandContext,
  name: string,
  cursor: string | undefined,
): Promise<string> {
  for (;;) {
    const page = await client.api.training.logs.query({ name, cursor, limit: 1000 });
    for (const line of page.lines) {
      if (context.output.json) context.output.line(JSON.stringify(line));
      else context.output.line(line.message);
    }
    if (page.lines.length === 0 || page.cursor === cursor) return page.cursor;
    cursor = page.cursor;
  }
}

export function registerTraining(program: Command, environment: Environment): void {
  const training = program.command('training').description('Training jobs');
  training
    .command('list')
    .description("A project's training jobs, or yours everywhere")
    .option('--project <project>')
    .action(
      action(environment, async (context, options: { project?: string }) => {
        const { api } = context.client();
        const items = await allPages((cursor) =>
          options.project
            ? api.training.list.query({ project: options.project, cursor, limit: 100 })
            : api.training.mine.query({ cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'PROJECT', 'OWNER', 'STATUS', 'CREATED'],
            items.map((item) => [item.name, item.project, item.owner, item.status, item.createdAt]),
          ),
        );
      }),
    );
  training
    .command('create')
    .description(
      'Create a training job from a JSON or YAML spec (the fields of the training form; `-` reads stdin)',
    )
    .requiredOption('-f, --file <spec>', 'spec.json, spec.yaml or -')
    .option('--project <project>', 'overrides the spec’s project')
    .option('--name <name>', 'overrides the spec’s name')
    .action(
      action(
        environment,
        async (context, options: { file: string; project?: string; name?: string }) => {
          const spec = readSpecFile(options.file, context.readStdin);
          const input = {
            ...spec,
            ...(options.project ? { project: options.project } : {}),
            ...(options.name ? { name: options.name } : {}),
          } as RouterInputs['training']['create'];
          const job = await context.client().api.training.create.mutate(input);
          context.output.result(job, () =>
            context.output.line(
              `Created training job ${job.name} in ${job.project} (${job.status})`,
            ),
          );
        },
      ),
    );
  training
    .command('show')
    .argument('<name>')
    .description('A training job: status, metrics, model artefact')
    .action(
      action(environment, async (context, name: string) => {
        const detail = await context.client().api.training.get.query({ name });
        context.output.result(detail, () => {
          context.output.line(
            `${detail.job.name}: ${detail.job.status}${detail.secondaryStatus ? ` (${detail.secondaryStatus})` : ''}`,
          );
          if (detail.job.failureReason) context.output.line(`Failure: ${detail.job.failureReason}`);
          if (detail.modelArtifactsS3Uri)
            context.output.line(`Model artefact: ${detail.modelArtifactsS3Uri}`);
          for (const metric of detail.metrics)
            context.output.line(`${metric.name} = ${metric.value}`);
        });
      }),
    );
  training
    .command('logs')
    .argument('<name>')
    .description("A training job's log; --follow prints new lines until the job ends")
    .option('--follow', 'keep printing until the job ends')
    .option('--interval <seconds>', 'how often to look for new lines', '2')
    .action(
      action(
        environment,
        async (context, name: string, options: { follow?: boolean; interval: string }) => {
          const client = context.client();
          const interval = seconds(options.interval, '--interval') * 1000;
          let cursor = await printLogs(client, context, name, undefined);
          while (options.follow) {
            const { job } = await client.api.training.get.query({ name });
            // Lines written just before the end are read once more after it.
            cursor = await printLogs(client, context, name, cursor);
            if (endedStatuses.has(job.status)) break;
            await sleep(interval);
          }
        },
      ),
    );
  training
    .command('wait')
    .argument('<name>')
    .description('Wait until the job ends; exits 10 when it ends Failed or Stopped')
    .option('--timeout <seconds>', 'give up after this long (exit 1)')
    .option('--interval <seconds>', 'how often to look', '5')
    .action(
      action(
        environment,
        async (context, name: string, options: { timeout?: string; interval: string }) => {
          const client = context.client();
          const interval = seconds(options.interval, '--interval') * 1000;
          const deadline = options.timeout
            ? Date.now() + seconds(options.timeout, '--timeout') * 1000
            : Infinity;
          for (;;) {
            const detail = await client.api.training.get.query({ name });
            if (endedStatuses.has(detail.job.status)) {
              context.output.result(detail, () =>
                context.output.line(
                  `${name}: ${detail.job.status}${detail.job.failureReason ? ` — ${detail.job.failureReason}` : ''}`,
                ),
              );
              if (detail.job.status !== 'Completed')
                throw new JobFailedError(
                  `${name} ended ${detail.job.status}${detail.job.failureReason ? `: ${detail.job.failureReason}` : ''}`,
                );
              return;
            }
            if (Date.now() + interval > deadline)
              throw new Error(`${name} is still ${detail.job.status} after ${options.timeout} s`);
            await sleep(interval);
          }
        },
      ),
    );
  training
    .command('stop')
    .argument('<name>')
    .description('Stop a running training job')
    .action(
      action(environment, async (context, name: string) => {
        await context.client().api.training.stop.mutate({ name });
        context.output.result({ name, action: 'stop' }, () =>
          context.output.line(`Stopping ${name}`),
        );
      }),
    );
}
