import { createRequire } from 'node:module';
import path from 'node:path';

/** Debian's interpreter, which has python3-sklearn and python3-xgboost (a pyenv `python3` may not). */
export const defaultPython = '/usr/bin/python3';

// Resolved through the package name, as the API's build bundles this module into another folder.
export function pythonDir(): string {
  return path.dirname(
    createRequire(import.meta.url).resolve('@mlspace/local/python/inference_server.py'),
  );
}

export function algorithmScript(script: string): string {
  return path.join(pythonDir(), 'algorithms', script);
}
