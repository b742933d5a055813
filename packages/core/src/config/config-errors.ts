import type { AppConfig } from './app-config';
import { appConfigSchema } from './app-config';

export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * Validates an imported document, collecting every problem with its path. Accepts a bare
 * configuration or the export envelope `{ config: ... }`.
 */
export function parseConfigDocument(
  document: unknown,
): { config: AppConfig; problems: [] } | { config: null; problems: ConfigProblem[] } {
  const candidate =
    typeof document === 'object' &&
    document !== null &&
    'config' in document &&
    !('banner' in document)
      ? document.config
      : document;
  const result = appConfigSchema.safeParse(candidate);
  if (result.success) return { config: result.data, problems: [] };
  return {
    config: null,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(document)',
      message: issue.message,
    })),
  };
}
