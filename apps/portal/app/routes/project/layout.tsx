import { Suspense, lazy } from 'react';
import { Outlet, isRouteErrorResponse, useParams, useRouteError } from 'react-router';

import type { Route } from './+types/layout';
import { crumb } from '../../components/breadcrumbs';
import { ErrorMessage } from '../../components/error-boundary';
import { NotAllowed } from '../../components/not-allowed';
import { useProject } from '../../components/project/use-project';
import { Badge, PageHeadingLevel } from '../../components/ui';
import { apiContext } from '../../utils/caller.server';
import { asRouteError } from '../../utils/api.server';
import { prefetchQueries } from '../../utils/prefetch.server';

// Their own chunks, so every project page's first load stays within budget; the server still
// renders them in the same response.
const BudgetBanner = lazy(() =>
  import('../../components/project/budget-banner').then((module) => ({
    default: module.BudgetBanner,
  })),
);
const SectionTabBar = lazy(() =>
  import('../../components/project/section-tab-bar').then((module) => ({
    default: module.SectionTabBar,
  })),
);

/** The project and the caller's permissions, once for every section under it. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const [detail, budget] = await Promise.all([
    context.get(apiContext).projects.get.query({ name: params.project }).catch(asRouteError),
    // The budget banner's state, so the first paint already warns (a refusal leaves it out).
    prefetchQueries(context, (utils) => [
      utils.usage.budgetBanner.prefetch({ project: params.project }),
    ]),
  ]);
  return { detail, ...budget };
}

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.project} · MLSpace` }];

export const handle = crumb(({ params }) => ({ label: params.project ?? '' }));

/** A project's header and tab bar; the section below it is the child route. */
export default function ProjectLayout() {
  const { project, role, permissions } = useProject();
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        {project.suspended ? (
          <Badge tone="amber">Suspended</Badge>
        ) : (
          <Badge tone="green">Active</Badge>
        )}
        <Badge tone={role === 'owner' ? 'blue' : 'slate'}>
          {role === 'owner' ? 'Owner' : role === 'member' ? 'Member' : 'Admin (not a member)'}
        </Badge>
        <p className="w-full text-sm text-slate-600 dark:text-slate-400">
          {project.description || 'No description.'}
        </p>
      </div>
      {project.suspended ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          This project is suspended: nothing can be created or started in it until an owner
          reinstates it.
        </p>
      ) : null}
      <Suspense fallback={null}>
        <BudgetBanner project={project.name} />
      </Suspense>
      {/* Holds the tab bar's height while its chunk loads, so the page below does not jump. */}
      <Suspense
        fallback={
          <div className="mb-6 box-content h-9 border-b border-slate-200 dark:border-slate-800" />
        }
      >
        <SectionTabBar project={project.name} canManage={permissions.manage} />
      </Suspense>
      <PageHeadingLevel.Provider value={2}>
        <Outlet />
      </PageHeadingLevel.Provider>
    </div>
  );
}

/** A project the caller may not open (or that does not exist) says so, with the API's reason. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { project } = useParams();
  if (isRouteErrorResponse(error) && (error.status === 403 || error.status === 404)) {
    return (
      <NotAllowed
        title="You cannot open this project"
        message={
          typeof error.data === 'string' ? error.data : `Project ${project} is not open to you.`
        }
      />
    );
  }
  return <ErrorMessage />;
}
