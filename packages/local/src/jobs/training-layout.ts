import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/**
 * The SageMaker training container layout (`/opt/ml/...`) rooted at a job folder, and the
 * environment variables SageMaker's training toolkit gives the script.
 */
export interface TrainingLayout {
  root: string;
  configDir: string;
  dataDir: string;
  modelDir: string;
  outputDir: string;
  outputDataDir: string;
  codeDir: string;
  failureFile: string;
  logFile: string;
  metricsFile: string;
}

export function trainingLayout(root: string): TrainingLayout {
  return {
    root,
    configDir: path.join(root, 'input', 'config'),
    dataDir: path.join(root, 'input', 'data'),
    modelDir: path.join(root, 'model'),
    outputDir: path.join(root, 'output'),
    outputDataDir: path.join(root, 'output', 'data'),
    codeDir: path.join(root, 'code'),
    failureFile: path.join(root, 'output', 'failure'),
    logFile: path.join(root, 'logs.jsonl'),
    metricsFile: path.join(root, 'metrics.jsonl'),
  };
}

export const localHost = 'algo-1';

export function writeTrainingConfig(
  layout: TrainingLayout,
  hyperParameters: Record<string, string>,
  channels: { name: string; contentType?: string }[],
): void {
  for (const dir of [
    layout.configDir,
    layout.dataDir,
    layout.modelDir,
    layout.outputDataDir,
    layout.codeDir,
  ]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    path.join(layout.configDir, 'hyperparameters.json'),
    JSON.stringify(hyperParameters, null, 2),
  );
  const inputData = Object.fromEntries(
    channels.map((channel) => [
      channel.name,
      {
        ContentType: channel.contentType,
        TrainingInputMode: 'File',
        S3DistributionType: 'FullyReplicated',
      },
    ]),
  );
  writeFileSync(
    path.join(layout.configDir, 'inputdataconfig.json'),
    JSON.stringify(inputData, null, 2),
  );
  writeFileSync(
    path.join(layout.configDir, 'resourceconfig.json'),
    JSON.stringify(
      { current_host: localHost, hosts: [localHost], network_interface_name: 'lo' },
      null,
      2,
    ),
  );
}

export function channelDir(layout: TrainingLayout, channel: string): string {
  return path.join(layout.dataDir, channel);
}

export function trainingEnvironment(
  layout: TrainingLayout,
  hyperParameters: Record<string, string>,
  channels: string[],
): Record<string, string> {
  const env: Record<string, string> = {
    SM_MODEL_DIR: layout.modelDir,
    SM_INPUT_DIR: path.join(layout.root, 'input'),
    SM_INPUT_CONFIG_DIR: layout.configDir,
    SM_INPUT_DATA_CONFIG: JSON.stringify(
      Object.fromEntries(channels.map((name) => [name, { TrainingInputMode: 'File' }])),
    ),
    SM_OUTPUT_DIR: layout.outputDir,
    SM_OUTPUT_DATA_DIR: layout.outputDataDir,
    SM_CHANNELS: JSON.stringify(channels),
    SM_HPS: JSON.stringify(hyperParameters),
    SM_NUM_GPUS: '0',
    SM_NUM_CPUS: String(availableParallelism()),
    SM_CURRENT_HOST: localHost,
    SM_HOSTS: JSON.stringify([localHost]),
    SM_MODULE_DIR: layout.codeDir,
  };
  for (const name of channels) env[`SM_CHANNEL_${envName(name)}`] = channelDir(layout, name);
  for (const [name, value] of Object.entries(hyperParameters))
    env[`SM_HP_${envName(name)}`] = value;
  return env;
}

function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
