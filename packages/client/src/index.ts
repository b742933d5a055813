export {
  createMlspaceClient,
  type MlspaceApi,
  type MlspaceClient,
  type MlspaceClientOptions,
} from './client';
export {
  originOf,
  resolveConnection,
  tokenFromFile,
  type Connection,
  type ConnectionOptions,
  type Environment,
  type TokenProvider,
} from './connection';
export {
  configFilePath,
  readConfigFile,
  removeConfigFile,
  writeConfigFile,
  type SavedConfig,
} from './config-file';
export {
  downloadDataset,
  listDatasetFiles,
  uploadFolder,
  type DatasetFile,
  type DatasetRef,
  type TransferOptions,
  type TransferProgress,
  type TransferResult,
} from './datasets';
export { MlspaceError, toMlspaceError, type FieldError } from './errors';
export { defaultRetryPolicy, type RetryPolicy } from './retry';
export type { RouterInputs, RouterOutputs } from '@mlspace/api';
