import { projectPath } from '../project-sections';

/** `/projects/<p>/labeling[/<page>…]`, each part encoded. */
export function labelingPath(project: string, ...parts: string[]): string {
  return projectPath(project, ['labeling', ...parts.map(encodeURIComponent)].join('/'));
}
