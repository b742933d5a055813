import { Link, useSearchParams } from 'react-router';

import type { Route } from './+types/dashboard';
import { Pager, useCursorPager } from '../components/data-table';
import { DetailSection } from '../components/detail/detail-page';
import { RunningList } from '../components/detail/running-list';
import { projectPath } from '../components/project-sections';
import { Badge, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { prefetchQueries } from '../utils/prefetch.server';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

const projectsPerPage = 24;
const myRunningInput = { cursor: null, limit: 100 };

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.projects.mine.prefetch({ cursor: null, limit: projectsPerPage }),
    utils.resources.mineRunning.prefetch(myRunningInput),
  ]);

export const meta: Route.MetaFunction = () => [{ title: 'Dashboard · MLSpace' }];

export default function Dashboard() {
  const { user } = useRootData();
  const pager = useCursorPager();
  const [params] = useSearchParams();
  const deleted = params.get('deleted');
  // A deletion that could not finish at once goes on in the background (admins see why).
  const stillDeleting = params.get('pending') === '1';
  const mine = trpc.projects.mine.useQuery(
    { cursor: pager.cursor, limit: projectsPerPage },
    { refetchInterval: 30_000 },
  );
  const projects = mine.data?.items ?? [];
  const running = trpc.resources.mineRunning.useQuery(myRunningInput, {
    refetchInterval: 15_000,
  });
  const firstProject = projects.find((project) => !project.suspended);
  const linkClass = 'text-brand-700 underline hover:no-underline dark:text-brand-100';
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">
        Welcome, {user?.displayName || user?.username}
      </h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Your projects and recent work.
      </p>
      {deleted ? (
        <p
          role="status"
          className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {stillDeleting
            ? `Project ${deleted} is being deleted; what is left of it goes shortly.`
            : `Project ${deleted} deleted.`}
        </p>
      ) : null}
      <div className="mt-8">
        <DetailSection
          title="Running now"
          description="Your notebooks, jobs and endpoints that hold instances, across your projects."
        >
          <ErrorNote message={errorMessage(running.error)} />
          {running.data && running.data.items.length > 0 ? (
            <RunningList
              items={running.data.items}
              timeZone={user?.preferences.timezone ?? 'UTC'}
              showProject
              label="My running resources"
            />
          ) : null}
          {running.data && running.data.items.length === 0 ? (
            <p
              data-testid="nothing-running"
              className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
            >
              Nothing of yours is running.{' '}
              {firstProject ? (
                <>
                  Next:{' '}
                  <Link className={linkClass} to={projectPath(firstProject.name, 'notebooks/new')}>
                    create a notebook in {firstProject.name}
                  </Link>{' '}
                  or{' '}
                  <Link className={linkClass} to={projectPath(firstProject.name, 'training/new')}>
                    start a training job
                  </Link>
                  .
                </>
              ) : (
                <>
                  Next:{' '}
                  <Link className={linkClass} to="/projects/new">
                    create a project
                  </Link>{' '}
                  to work in.
                </>
              )}
            </p>
          ) : null}
        </DetailSection>
      </div>
      <section aria-labelledby="my-projects" className="mt-8">
        <div className="flex items-center justify-between">
          <h2 id="my-projects" className="text-lg font-medium">
            My projects
          </h2>
          <Link
            to="/projects/new"
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Create project
          </Link>
        </div>
        <div className="mt-4">
          <ErrorNote message={errorMessage(mine.error)} />
        </div>
        {mine.isLoading ? (
          <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">Loading your projects…</p>
        ) : null}
        {!mine.isLoading && projects.length === 0 && !mine.error ? (
          <div className="mt-4 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:text-slate-400 dark:border-slate-700">
            You are not a member of any project yet.
          </div>
        ) : null}
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="My projects">
          {projects.map((project) => (
            <li key={project.name}>
              <Link
                to={`/projects/${encodeURIComponent(project.name)}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-300 hover:shadow dark:border-slate-800 dark:bg-slate-900"
              >
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-semibold">{project.name}</h3>
                  <div className="flex gap-1">
                    {project.suspended ? <Badge tone="amber">Suspended</Badge> : null}
                    <Badge tone={project.role === 'owner' ? 'blue' : 'slate'}>
                      {project.role === 'owner' ? 'Owner' : 'Member'}
                    </Badge>
                  </div>
                </div>
                <p className="mt-2 line-clamp-3 text-sm text-slate-600 dark:text-slate-400">
                  {project.description || 'No description.'}
                </p>
                {project.viaGroups.length > 0 ? (
                  <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
                    Through {project.viaGroups.map((link) => link.group).join(', ')}
                  </p>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
        {pager.page > 1 || mine.data?.cursor ? (
          <div className="mt-4 flex items-center justify-between">
            <Pager
              page={pager.page}
              hasNext={Boolean(mine.data?.cursor)}
              onNext={() => pager.next(mine.data?.cursor ?? null)}
              onPrevious={pager.previous}
            />
          </div>
        ) : null}
      </section>
    </div>
  );
}
