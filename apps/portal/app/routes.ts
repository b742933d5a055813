import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/dashboard.tsx'),
  route('signin', 'routes/signin.tsx'),
  route('suspended', 'routes/suspended.tsx'),
  route('settings', 'routes/settings.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('projects/new', 'routes/projects.new.tsx'),
  route('projects/:project', 'routes/projects.project.tsx'),
  route('admin/projects', 'routes/admin.projects.tsx'),
  route('admin/groups', 'routes/admin.groups.tsx'),
  route('admin/groups/new', 'routes/admin.groups.new.tsx'),
  route('groups/:group', 'routes/groups.group.tsx'),
  route('admin/audit', 'routes/admin.audit.tsx'),
  route('admin/config', 'routes/admin.config.tsx'),
  route('admin/config/history', 'routes/admin.config.history.tsx'),
  route('admin/deployment', 'routes/admin.deployment.tsx'),
  route('datasets', 'routes/datasets.tsx'),
  route('datasets/new', 'routes/datasets.new.tsx'),
  route('datasets/:scope/:name', 'routes/datasets.detail.tsx', { id: 'dataset-shared' }),
  route('datasets/:scope/:scopeId/:name', 'routes/datasets.detail.tsx', { id: 'dataset-owned' }),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
