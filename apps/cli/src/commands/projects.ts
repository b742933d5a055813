import type { Command } from 'commander';

import type { Environment } from '@mlspace/client';

import { action, allPages } from '../context';
import { table } from '../output';

export function registerProjects(program: Command, environment: Environment): void {
  const projects = program.command('projects').description('Projects you belong to');
  projects
    .command('list')
    .description('Your projects')
    .action(
      action(environment, async (context) => {
        const items = await allPages((cursor) =>
          context.client().api.projects.mine.query({ cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['NAME', 'ROLE', 'STATUS', 'DESCRIPTION'],
            items.map((item) => [
              item.name,
              item.role,
              item.suspended ? 'suspended' : 'active',
              item.description,
            ]),
            'You belong to no project.',
          ),
        );
      }),
    );
  projects
    .command('show')
    .description('A project, your role and what you may do in it')
    .argument('<project>')
    .action(
      action(environment, async (context, name: string) => {
        const detail = await context.client().api.projects.get.query({ name });
        context.output.result(detail, () => {
          const { project } = detail;
          context.output.line(`${project.name}${project.suspended ? ' (suspended)' : ''}`);
          if (project.description) context.output.line(project.description);
          context.output.line(`Your role: ${detail.role ?? 'none (administrator view)'}`);
          const allowed = Object.entries(detail.permissions)
            .filter(([, may]) => may)
            .map(([what]) => what);
          context.output.line(`You may: ${allowed.join(', ') || 'nothing'}`);
        });
      }),
    );

  const members = program.command('members').description("A project's members");
  members
    .command('list')
    .argument('<project>')
    .description('Members and their roles')
    .action(
      action(environment, async (context, project: string) => {
        const items = await allPages((cursor) =>
          context.client().api.projects.members.list.query({ project, cursor, limit: 100 }),
        );
        context.output.result(items, () =>
          table(
            context.output,
            ['USERNAME', 'ROLE'],
            items.map((item) => [item.username, item.role]),
          ),
        );
      }),
    );
  members
    .command('add')
    .argument('<project>')
    .argument('<usernames...>')
    .option('--role <role>', 'owner or member', 'member')
    .description('Add users to a project (owners and admins)')
    .action(
      action(
        environment,
        async (context, project: string, usernames: string[], options: { role: string }) => {
          const added = await context.client().api.projects.members.add.mutate({
            project,
            usernames,
            role: options.role as 'owner' | 'member',
          });
          context.output.result(added, () =>
            table(
              context.output,
              ['USERNAME', 'ROLE'],
              added.map((item) => [item.username, item.role]),
            ),
          );
        },
      ),
    );
  members
    .command('remove')
    .argument('<project>')
    .argument('<username>')
    .description('Remove a user from a project; their resources in it are stopped')
    .action(
      action(environment, async (context, project: string, username: string) => {
        const removed = await context
          .client()
          .api.projects.members.remove.mutate({ project, username });
        context.output.result(removed, () =>
          context.output.line(`Removed ${username} from ${project}`),
        );
      }),
    );
}
