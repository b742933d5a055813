import type { Service } from '../utils/active-services';

/** The sections of a project: each one a child route of /projects/:project, under its tab bar. */
export interface ProjectSection {
  key: string;
  label: string;
  /** The section's path under /projects/:project ('' for the overview). */
  path: string;
  /** Shown only to callers who may manage the project. */
  ownersOnly?: boolean;
  /** Hidden while an administrator has deactivated this service (every one of these services). */
  service?: Service | readonly Service[];
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
  // Either source answers there: an allowed Bedrock model, or one of the project's endpoints.
  {
    key: 'playground',
    label: 'Playground',
    path: 'playground',
    service: ['bedrock', 'endpoints'],
  },
  { key: 'usage', label: 'Usage', path: 'usage' },
  { key: 'settings', label: 'Settings', path: 'settings', ownersOnly: true },
];

/** Whether a section's service (any of its services) is active. */
export function sectionServiceActive(
  section: ProjectSection,
  active: Record<Service, boolean>,
): boolean {
  if (!section.service) return true;
  const services: readonly Service[] =
    typeof section.service === 'string' ? [section.service] : section.service;
  return services.some((service) => active[service]);
}

export function projectPath(project: string, sectionPath = ''): string {
  const base = `/projects/${encodeURIComponent(project)}`;
  return sectionPath ? `${base}/${sectionPath}` : base;
}

export function projectSectionHref(project: string, section: ProjectSection): string {
  return projectPath(project, section.path);
}
