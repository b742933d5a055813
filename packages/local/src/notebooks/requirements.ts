import { access, constants } from 'node:fs/promises';

import { UnavailableError } from '@mlspace/core';

export interface JupyterCommands {
  /** Debian's `jupyter-notebook` (notebook 6). */
  jupyter: string;
  /** The interpreter the kernels and lifecycle scripts use; Debian's, which sees apt's modules. */
  python: string;
}

export const debianJupyter: JupyterCommands = {
  jupyter: '/usr/bin/jupyter-notebook',
  python: '/usr/bin/python3',
};

const installHint = 'install it with: apt-get install jupyter-notebook python3-sklearn';

/** Fails with a message naming the package, before anything is written. */
export async function assertJupyterInstalled(commands: JupyterCommands): Promise<void> {
  const missing = async (file: string) =>
    access(file, constants.X_OK).then(
      () => false,
      () => true,
    );
  if (await missing(commands.jupyter)) {
    throw new UnavailableError(
      `Jupyter Notebook is not installed (${commands.jupyter} is missing): ${installHint}`,
    );
  }
  if (await missing(commands.python)) {
    throw new UnavailableError(
      `Python 3 is not installed (${commands.python} is missing): ${installHint}`,
    );
  }
}
