/** What every command gets: its output, the connection (resolved only when a command calls MLSpace), stdin. */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import {
  createMlspaceClient,
  resolveConnection,
  type Environment,
  type MlspaceClient,
} from '@mlspace/client';

import { createOutput, type Output } from './output';

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

export interface CommandContext {
  output: Output;
  environment: Environment;
  globals: GlobalOptions;
  client(): MlspaceClient;
  readStdin(): string;
}

export const cliVersion = '0.0.0';

export function contextFor(command: Command, environment: Environment): CommandContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  let client: MlspaceClient | null = null;
  return {
    output: createOutput(Boolean(globals.json)),
    environment,
    globals,
    client() {
      client ??= createMlspaceClient({
        ...resolveConnection({ url: globals.url, token: globals.token }, environment),
        userAgent: `mlspace-cli/${cliVersion}`,
      });
      return client;
    },
    readStdin: () => readFileSync(0, 'utf8'),
  };
}

/** A commander action with the context first; commander passes the Command last. */
export function action<Args extends unknown[]>(
  environment: Environment,
  run: (context: CommandContext, ...args: Args) => Promise<void>,
) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    await run(contextFor(command, environment), ...(args.slice(0, -1) as Args));
  };
}

/** Every item of a paged list, following cursors up to `max` items. */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; cursor: string | null }>,
  max = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}
