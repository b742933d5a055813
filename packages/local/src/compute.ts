import path from 'node:path';

import { createComputeEventBus, type ComputeBackend } from '@mlspace/core';

import { createLocalNotebookBackend, type LocalNotebookBackend } from './notebooks/backend';
import type { JupyterCommands } from './notebooks/requirements';

export interface LocalComputeBackend extends ComputeBackend {
  readonly notebooks: LocalNotebookBackend;
}

/** The local implementation of the compute-backend port: processes on this machine under `dataDir`. */
export function createLocalComputeBackend(options: { dataDir: string; jupyter?: JupyterCommands }): LocalComputeBackend {
  const events = createComputeEventBus((error) => console.error('A compute status listener failed:', error));
  const notebooks = createLocalNotebookBackend({
    notebooksDir: path.join(options.dataDir, 'notebooks'),
    events,
    commands: options.jupyter,
  });
  return {
    name: 'local',
    events,
    notebooks,
    shutdown: () => notebooks.shutdown(),
  };
}
