/** The `mlspace` command: parses, runs one command, and exits with a code that says what happened. */
import { CommanderError } from 'commander';

import { MlspaceError } from '@mlspace/client';

import { readEnvironment } from './env';
import { exitCodeOf } from './exit-codes';
import { describeError } from './output';
import { createProgram } from './program';

async function main(argv: string[]): Promise<number> {
  const program = createProgram(readEnvironment());
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander has already printed its usage message.
    if (!(error instanceof CommanderError)) {
      const json = argv.includes('--json');
      if (json && error instanceof MlspaceError)
        process.stderr.write(
          `${JSON.stringify({ error: { message: error.message, code: error.code, status: error.status ?? null, fieldErrors: error.fieldErrors } })}\n`,
        );
      else if (error instanceof MlspaceError) process.stderr.write(`${describeError(error)}\n`);
      else
        process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return exitCodeOf(error);
  }
}

process.exitCode = await main(process.argv);
