export * from './backend';
export { assertJupyterInstalled, debianJupyter, type JupyterCommands } from './requirements';
export { readLogPage } from './log-file';
