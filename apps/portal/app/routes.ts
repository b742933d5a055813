import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/dashboard.tsx'),
  route('signin', 'routes/signin.tsx'),
  route('suspended', 'routes/suspended.tsx'),
  route('settings', 'routes/settings.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('admin/config', 'routes/admin.config.tsx'),
  route('admin/config/history', 'routes/admin.config.history.tsx'),
  route('admin/deployment', 'routes/admin.deployment.tsx'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
