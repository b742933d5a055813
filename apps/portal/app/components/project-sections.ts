import type { Service } from '../utils/active-services';

/** The sections of a project: each one a child route of /projects/:project, under its tab bar. */
export interface ProjectSection {
  key: string;
  label: string;
  /** The section's path under /projects/:project ('' for the overview). */
  path: string;
  /** Shown only to callers who may manage the project. */
  ownersOnly?: boolean;
  /** Hidden while an administrator has deactivated this service. */
  service?: Service;
}

export const projectSections: ProjectSection[] = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'members', label: 'Members', path: 'members' },
  { key: 'groups', label: 'Groups', path: 'groups' },
  { key: 'notebooks', label: 'Notebooks', path: 'notebooks', service: 'notebooks' },
  { key: 'training', label: 'Training', path: 'training', service: 'training' },
  { key: 'tuning', label: 'Tuning', path: 'tuning', service: 'tuning' },
  { key: 'transform', label: 'Transform', path: 'transform', service: 'transform' },
  { key: 'models', label: 'Models', path: 'models', service: 'models' },
  {
    key: 'endpoint-configs',
    label: 'Endpoint configs',
    path: 'endpoint-configs',
    service: 'endpoints',
  },
  { key: 'endpoints', label: 'Endpoints', path: 'endpoints', service: 'endpoints' },
  { key: 'labeling', label: 'Labeling', path: 'labeling', service: 'labeling' },
  { key: 'clusters', label: 'Clusters', path: 'clusters', service: 'emr' },
  { key: 'translate', label: 'Translation', path: 'translate', service: 'translate' },
  { key: 'settings', label: 'Settings', path: 'settings', ownersOnly: true },
];

export function projectPath(project: string, sectionPath = ''): string {
  const base = `/projects/${encodeURIComponent(project)}`;
  return sectionPath ? `${base}/${sectionPath}` : base;
}

export function projectSectionHref(project: string, section: ProjectSection): string {
  return projectPath(project, section.path);
}
