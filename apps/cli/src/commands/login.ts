import type { Command } from 'commander';

import {
  createMlspaceClient,
  originOf,
  removeConfigFile,
  writeConfigFile,
  type Environment,
} from '@mlspace/client';

import { action, cliVersion } from '../context';
import { UsageError } from '../exit-codes';

export function registerLogin(program: Command, environment: Environment): void {
  program
    .command('login')
    .description(
      'Check a personal API token against MLSpace and save it (0600) for later commands: mlspace login --url <url> [--token <token>] (without --token, the token is read from stdin)',
    )
    .action(
      // --url and --token are the program's own options, which every command accepts.
      action(environment, async (context) => {
        if (!context.globals.url)
          throw new UsageError(
            'Give the MLSpace address: mlspace login --url https://mlspace.example.com',
          );
        const token = (context.globals.token ?? context.readStdin()).trim();
        if (!token) throw new UsageError('Give the token with --token or on stdin');
        const url = originOf(context.globals.url);
        const client = createMlspaceClient({ url, token, userAgent: `mlspace-cli/${cliVersion}` });
        const me = await client.api.me.get.query();
        const file = writeConfigFile(context.environment, { url, token });
        context.output.result({ url, username: me.username, configFile: file }, () =>
          context.output.line(`Signed in to ${url} as ${me.username} (saved in ${file})`),
        );
      }),
    );

  program
    .command('logout')
    .description('Forget the saved token (it stays valid until it is revoked in Settings)')
    .action(
      action(environment, async (context) => {
        const removed = removeConfigFile(context.environment);
        context.output.result({ removed }, () =>
          context.output.line(
            removed ? 'Signed out: the saved token was removed' : 'No saved token',
          ),
        );
      }),
    );

  program
    .command('whoami')
    .description('Who the token acts as')
    .action(
      action(environment, async (context) => {
        const me = await context.client().api.me.get.query();
        context.output.result(me, () =>
          context.output.line(
            `${me.username}${me.isAdmin ? ' (administrator)' : ''} at ${context.client().url}`,
          ),
        );
      }),
    );
}
