import { useSearchParams } from 'react-router';

import type { Route } from './+types/usage';
import { crumb } from '../../components/breadcrumbs';
import { useProject } from '../../components/project/use-project';
import { PageHeader } from '../../components/ui';
import { BudgetPanel } from '../../components/usage/budget-panel';
import { useUsageCsv } from '../../components/usage/use-usage-csv';
import { UsageView } from '../../components/usage/usage-view';
import { useRootData } from '../../root';
import { errorMessage } from '../../utils/format';
import { prefetchQueries } from '../../utils/prefetch.server';
import { trpc } from '../../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Usage · ${params.project} · MLSpace` },
];

export const handle = crumb(() => ({ label: 'Usage' }));

const monthOf = (params: URLSearchParams) => {
  const month = params.get('month');
  return month && /^\d{4}-\d{2}$/.test(month) ? month : undefined;
};

export const loader = ({ context, params, request }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.usage.project.prefetch({
      project: params.project,
      month: monthOf(new URL(request.url).searchParams),
    }),
  ]);

/** The project's use this month: chart, budget, what runs now, CSV. */
export default function ProjectUsage() {
  const { project } = useProject();
  const timeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  const [params] = useSearchParams();
  const input = { project: project.name, month: monthOf(params) };
  const usage = trpc.usage.project.useQuery(input, { refetchInterval: 60_000 });
  const csv = useUsageCsv(input);
  return (
    <>
      <PageHeader
        title="Usage"
        description="Instance-hours of notebooks, jobs, endpoints and clusters, and what they cost, day by day."
      />
      <UsageView
        report={usage.data}
        error={csv.error ?? errorMessage(usage.error)}
        groupings={['kind', 'user']}
        timeZone={timeZone}
        onDownload={csv.download}
        downloading={csv.downloading}
      >
        {usage.data ? (
          <BudgetPanel
            project={project.name}
            status={usage.data.budget}
            mayEdit={usage.data.mayEditBudget}
          />
        ) : null}
      </UsageView>
    </>
  );
}
