/** A JSON or YAML file of input (a training job's spec), by its extension, else tried as YAML (a superset of JSON). */
import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';

import { UsageError } from './exit-codes';

export function readSpecFile(file: string, stdin: () => string): Record<string, unknown> {
  let text: string;
  try {
    text = file === '-' ? stdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`The spec file ${file} cannot be read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `The spec file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(
      `The spec file ${file} must hold one object (the job's fields), not ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  return value as Record<string, unknown>;
}
