import { projectPath } from '../project-sections';

/** The Translation section's pages: real time (the section's index), batch jobs, terminologies. */
export function translatePath(
  project: string,
  page: '' | 'jobs' | 'jobs/new' | 'terminologies' = '',
): string {
  return projectPath(project, page ? `translate/${page}` : 'translate');
}

export function translationJobPath(project: string, name: string): string {
  return `${translatePath(project, 'jobs')}/${encodeURIComponent(name)}`;
}
