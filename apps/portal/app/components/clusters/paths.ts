import { projectPath } from '../project-sections';

/** `/projects/<p>/clusters[/<page>…]`, each part encoded. */
export function clusterPath(project: string, ...parts: string[]): string {
  return projectPath(project, ['clusters', ...parts.map(encodeURIComponent)].join('/'));
}
