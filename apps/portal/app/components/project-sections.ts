import type { Service } from '../utils/active-services';

/**
 * The sections of a project page. Built-in tabs live on /projects/:project?tab=…; resource kinds
 * (notebooks, datasets, jobs…) add an entry with `path` and their own route under the project.
 */
export interface ProjectSection {
  key: string;
  label: string;
  /** A route of its own under /projects/:project (e.g. 'notebooks'); absent for built-in tabs. */
  path?: string;
  /** Shown only to callers who may manage the project. */
  ownersOnly?: boolean;
  /** Hidden while an administrator has deactivated this service. */
  service?: Service;
}

export const projectSections: ProjectSection[] = [
  { key: 'overview', label: 'Overview' },
  { key: 'members', label: 'Members' },
  { key: 'groups', label: 'Groups' },
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
  { key: 'settings', label: 'Settings', ownersOnly: true },
];

export function projectSectionHref(project: string, section: ProjectSection): string {
  const base = `/projects/${encodeURIComponent(project)}`;
  if (section.path) return `${base}/${section.path}`;
  return section.key === 'overview' ? base : `${base}?tab=${section.key}`;
}
