import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';

/** The ML kinds a project lists, each with a list, a create form and a detail page. */
const mlSections = [
  { segment: 'training', create: 'routes/training.new.tsx', detail: 'routes/training.detail.tsx' },
  { segment: 'tuning', create: 'routes/tuning.new.tsx', detail: 'routes/tuning.detail.tsx' },
  { segment: 'transform', create: 'routes/transform.new.tsx', detail: 'routes/ml.detail.tsx' },
  { segment: 'models', create: 'routes/models.new.tsx', detail: 'routes/ml.detail.tsx' },
  {
    segment: 'endpoint-configs',
    create: 'routes/endpoint-configs.new.tsx',
    detail: 'routes/ml.detail.tsx',
  },
  {
    segment: 'endpoints',
    create: 'routes/endpoints.new.tsx',
    detail: 'routes/endpoints.detail.tsx',
  },
];

export default [
  layout('routes/public.tsx', [
    route('signin', 'routes/signin.tsx'),
    route('suspended', 'routes/suspended.tsx'),
  ]),
  layout('routes/shell.tsx', [
    index('routes/dashboard.tsx'),
    route('settings', 'routes/settings.tsx'),
    route('notebooks', 'routes/notebooks.tsx'),
    route('jobs', 'routes/jobs.tsx'),
    route('projects/new', 'routes/projects.new.tsx'),
    route('projects/:project', 'routes/project/layout.tsx', { id: 'project' }, [
      index('routes/project/overview.tsx'),
      route('members', 'routes/project/members.tsx'),
      route('groups', 'routes/project/groups.tsx'),
      route('settings', 'routes/project/settings.tsx'),
      route('usage', 'routes/project/usage.tsx'),
      route('notebooks', 'routes/projects.notebooks.tsx'),
      route('notebooks/new', 'routes/projects.notebooks.new.tsx'),
      route('notebooks/:name', 'routes/projects.notebooks.detail.tsx'),
      ...prefix('clusters', [
        index('routes/clusters.list.tsx'),
        route('new', 'routes/clusters.new.tsx'),
        route(':name', 'routes/clusters.detail.tsx'),
      ]),
      ...prefix('labeling', [
        index('routes/labeling.list.tsx'),
        route('new', 'routes/labeling.new.tsx'),
        route(':name', 'routes/labeling.detail.tsx'),
        route(':name/work', 'routes/labeling.work.tsx'),
      ]),
      ...prefix('translate', [
        index('routes/translate.realtime.tsx'),
        route('jobs', 'routes/translate.jobs.tsx'),
        route('jobs/new', 'routes/translate.jobs.new.tsx'),
        route('jobs/:name', 'routes/translate.jobs.detail.tsx'),
        route('terminologies', 'routes/translate.terminologies.tsx'),
      ]),
      route('playground', 'routes/playground.tsx'),
      ...mlSections.flatMap(({ segment, create, detail }) =>
        prefix(segment, [
          index('routes/ml.list.tsx', { id: `ml-list-${segment}` }),
          route('new', create),
          route(':name', detail, { id: `ml-detail-${segment}` }),
        ]),
      ),
    ]),
    route('groups/:group', 'routes/groups.group.tsx'),
    route('docs', 'routes/docs/layout.tsx', [
      index('routes/docs/index.tsx'),
      route(':page', 'routes/docs/page.tsx'),
    ]),
    route('datasets', 'routes/datasets.tsx'),
    route('datasets/new', 'routes/datasets.new.tsx'),
    route('datasets/:scope/:name', 'routes/datasets.detail.tsx', { id: 'dataset-shared' }),
    route('datasets/:scope/:scopeId/:name', 'routes/datasets.detail.tsx', { id: 'dataset-owned' }),
    route('admin', 'routes/admin/layout.tsx', [
      index('routes/admin/index.tsx'),
      route('users', 'routes/admin.users.tsx'),
      route('users/:username', 'routes/admin.users.detail.tsx'),
      route('projects', 'routes/admin.projects.tsx'),
      route('groups', 'routes/admin.groups.tsx'),
      route('groups/new', 'routes/admin.groups.new.tsx'),
      route('audit', 'routes/admin.audit.tsx'),
      route('tokens', 'routes/admin.tokens.tsx'),
      route('reports', 'routes/admin.reports.tsx'),
      route('usage', 'routes/admin.usage.tsx'),
      route('config', 'routes/admin.config.tsx'),
      route('config/history', 'routes/admin.config.history.tsx'),
      route('deployment', 'routes/admin.deployment.tsx'),
    ]),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig;
