import { useRouteLoaderData } from 'react-router';

import type { loader } from '../../routes/project/layout';
import { trpc, type Outputs } from '../../utils/trpc';

export type ProjectDetail = Outputs['projects']['get'];

/**
 * The open project with the caller's role and permissions, for the project layout and every
 * section under it. The layout's loader fetched it once on the server; this query starts from that
 * answer and refreshes it (after a change, and every 30 s), so a suspension shows on every tab.
 */
export function useProject(): ProjectDetail {
  const loaded = useRouteLoaderData<typeof loader>('project');
  if (!loaded) throw new Error('useProject is for pages under /projects/:project');
  const { data } = trpc.projects.get.useQuery(
    { name: loaded.detail.project.name },
    { initialData: loaded.detail, refetchInterval: 30_000 },
  );
  return data;
}
