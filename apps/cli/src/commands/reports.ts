import { writeFileSync } from 'node:fs';

import type { Command } from 'commander';

import { MlspaceError, type Environment, type RouterInputs } from '@mlspace/client';

import { action, allPages } from '../context';
import { UsageError } from '../exit-codes';
import { table } from '../output';

export function registerReports(program: Command, environment: Environment): void {
  const reports = program
    .command('reports')
    .description('Resource and personnel reports (administrators)');
  reports
    .command('generate')
    .description(
      'Generate a CSV report: every resource (default), of named projects or users, or personnel',
    )
    .option('--project <projects...>', 'resources of these projects')
    .option('--user <users...>', 'resources of these users')
    .option('--personnel', 'every user instead of resources')
    .action(
      action(
        environment,
        async (context, options: { project?: string[]; user?: string[]; personnel?: boolean }) => {
          if ([options.project, options.user, options.personnel].filter(Boolean).length > 1)
            throw new UsageError('Give one of --project, --user or --personnel');
          const input: RouterInputs['reports']['generate'] = options.personnel
            ? { report: 'personnel' }
            : options.project
              ? { report: 'resources', scope: 'project', targets: options.project }
              : options.user
                ? { report: 'resources', scope: 'user', targets: options.user }
                : { report: 'resources', scope: 'system' };
          const report = await context.client().api.reports.generate.mutate(input);
          context.output.result(report, () =>
            context.output.line(
              `Generated ${report.name}: ${report.description}, ${report.rowCount} rows`,
            ),
          );
        },
      ),
    );
  reports
    .command('list')
    .description('Reports, newest first')
    .action(
      action(environment, async (context) => {
        const items = await allPages((cursor) =>
          context.client().api.reports.list.query({ cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'ROWS', 'CREATED', 'BY', 'DESCRIPTION'],
            items.map((item) => [
              item.name,
              item.rowCount,
              item.createdAt,
              item.createdBy,
              item.description,
            ]),
          ),
        );
      }),
    );
  reports
    .command('download')
    .argument('<name>')
    .description('Save a report as CSV')
    .option('-o, --output <file>', 'where to write it (default: the report’s name; - for stdout)')
    .action(
      action(environment, async (context, name: string, options: { output?: string }) => {
        const client = context.client();
        const { url } = await client.api.reports.download.mutate({ name });
        const response = await client.fetch(url);
        if (!response.ok)
          throw new MlspaceError(
            `Storage refused the report download (${response.status})`,
            'STORAGE_ERROR',
            response.status,
          );
        const csv = await response.text();
        const target = options.output ?? name;
        if (target === '-') return void process.stdout.write(csv);
        writeFileSync(target, csv);
        context.output.result({ name, file: target, bytes: csv.length }, () =>
          context.output.line(`Saved ${name} to ${target}`),
        );
      }),
    );
}
