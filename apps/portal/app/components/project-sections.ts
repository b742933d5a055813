import type { Service } from '../utils/active-services';

/**
 * The sections of a project: each one a child route of /projects/:project, under its tab bar, in
 * the order the tab bar shows them (the last ones move into its "More" menu when space runs out).
 */
export interface ProjectSection {
  key: string;
  label: string;
  /** The section's path under /projects/:project ('' for the overview). */
  path: string;
  /** Shown only to callers who may manage the project. */
  ownersOnly?: boolean;
  /** Hidden while an administrator has deactivated this service (every one of these services). */
  service?: Service | readonly Service[];
  /** The group the tab bar separates it into and the "More" menu heads it with. */
  group?: 'Work' | 'Serve' | 'Project';
}

export const projectSections: ProjectSection[] = [
  { key: 'overview', label: 'Overview', path: '' },
  // Work: building and training.
  { key: 'notebooks', label: 'Notebooks', path: 'notebooks', service: 'notebooks', group: 'Work' },
  { key: 'training', label: 'Training', path: 'training', service: 'training', group: 'Work' },
  { key: 'tuning', label: 'Tuning', path: 'tuning', service: 'tuning', group: 'Work' },
  { key: 'transform', label: 'Transform', path: 'transform', service: 'transform', group: 'Work' },
  { key: 'clusters', label: 'Clusters', path: 'clusters', service: 'emr', group: 'Work' },
  { key: 'labeling', label: 'Labeling', path: 'labeling', service: 'labeling', group: 'Work' },
  // Serve: models and what answers with them.
  { key: 'models', label: 'Models', path: 'models', service: 'models', group: 'Serve' },
  {
    key: 'endpoint-configs',
    label: 'Endpoint configs',
    path: 'endpoint-configs',
    service: 'endpoints',
    group: 'Serve',
  },
  { key: 'endpoints', label: 'Endpoints', path: 'endpoints', service: 'endpoints', group: 'Serve' },
  // Either source answers there: an allowed Bedrock model, or one of the project's endpoints.
  {
    key: 'playground',
    label: 'Playground',
    path: 'playground',
    service: ['bedrock', 'endpoints'],
    group: 'Serve',
  },
  {
    key: 'translate',
    label: 'Translation',
    path: 'translate',
    service: 'translate',
    group: 'Serve',
  },
  // Project: its people, its spending and its settings, visited less often than the work.
  { key: 'members', label: 'Members', path: 'members', group: 'Project' },
  { key: 'groups', label: 'Groups', path: 'groups', group: 'Project' },
  { key: 'usage', label: 'Usage', path: 'usage', group: 'Project' },
  { key: 'settings', label: 'Settings', path: 'settings', ownersOnly: true, group: 'Project' },
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
