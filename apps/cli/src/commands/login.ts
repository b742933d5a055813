import type { Command } from 'commander';

import {
  createMlspaceClient,
  originOf,
  readConfigFile,
  removeConfigFile,
  writeConfigFile,
  type Environment,
} from '@mlspace/client';
import { parseApiToken } from '@mlspace/core';

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
    .description('Forget the saved token; with --revoke, revoke it in MLSpace first')
    .option('--revoke', 'also revoke the token, so no copy of it works any more')
    .action(
      action(environment, async (context, options: { revoke?: boolean }) => {
        const saved = readConfigFile(context.environment);
        const parsed = saved ? parseApiToken(saved.config.token) : null;
        if (options.revoke && saved) {
          if (!parsed)
            throw new UsageError(
              'The saved token is not a personal API token (mls_…); revoke it where it was issued',
            );
          const client = createMlspaceClient({
            ...saved.config,
            userAgent: `mlspace-cli/${cliVersion}`,
          });
          await client.api.apiTokens.revoke.mutate({ id: parsed.id });
        }
        const removed = removeConfigFile(context.environment);
        context.output.result({ removed, revoked: Boolean(options.revoke && parsed) }, () =>
          context.output.line(
            !removed
              ? 'No saved token'
              : options.revoke
                ? 'Signed out: the token was revoked and removed'
                : 'Signed out: the saved token was removed (it stays valid until revoked)',
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
