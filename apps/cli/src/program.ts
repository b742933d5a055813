import { Command } from 'commander';

import type { Environment } from '@mlspace/client';

import { registerCompletion } from './commands/completion';
import { registerDatasets } from './commands/datasets';
import { registerEndpoints } from './commands/endpoints';
import { registerLogin } from './commands/login';
import { registerNotebooks } from './commands/notebooks';
import { registerProjects } from './commands/projects';
import { registerReports } from './commands/reports';
import { registerTraining } from './commands/training';
import { cliVersion } from './context';
import { exitCodeHelp } from './exit-codes';

export function createProgram(environment: Environment): Command {
  const program = new Command('mlspace')
    .description(
      'MLSpace from a shell. Sign in with `mlspace login --url <url> --token <token>`; inside a notebook MLSPACE_API_URL and MLSPACE_TOKEN_FILE are used without login.',
    )
    .version(cliVersion)
    .option('--url <url>', 'the MLSpace address (default: MLSPACE_API_URL, then the saved login)')
    .option(
      '--token <token>',
      'a token for this command only (prefer MLSPACE_TOKEN: arguments show in ps)',
    )
    .option('--json', 'print results as JSON for scripts')
    .addHelpText('after', `\n${exitCodeHelp}`)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerLogin(program, environment);
  registerProjects(program, environment);
  registerDatasets(program, environment);
  registerNotebooks(program, environment);
  registerTraining(program, environment);
  registerEndpoints(program, environment);
  registerReports(program, environment);
  registerCompletion(program);
  // Subcommands throw instead of exiting too, so every error leaves through main's exit codes.
  const override = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}
