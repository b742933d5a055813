import { useSearchParams } from 'react-router';

import type { Route } from './+types/admin.usage';
import { crumb } from '../components/breadcrumbs';
import { PageHeader } from '../components/ui';
import { useUsageCsv } from '../components/usage/use-usage-csv';
import { UsageView } from '../components/usage/usage-view';
import { useRootData } from '../root';
import { errorMessage } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Usage · MLSpace' }];

export const handle = crumb(() => ({ label: 'Usage' }));

const monthOf = (params: URLSearchParams) => {
  const month = params.get('month');
  return month && /^\d{4}-\d{2}$/.test(month) ? month : undefined;
};

export const loader = ({ context, request }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.usage.all.prefetch({ month: monthOf(new URL(request.url).searchParams) }),
  ]);

/** Every project's use this month (admins): chart by kind, user or project, what runs, CSV. */
export default function AdminUsage() {
  const timeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  const [params] = useSearchParams();
  const input = { month: monthOf(params) };
  const usage = trpc.usage.all.useQuery(input, { refetchInterval: 60_000 });
  const csv = useUsageCsv(input);
  return (
    <>
      <PageHeader
        title="Usage"
        description="Instance-hours and estimated cost across every project, day by day."
      />
      <UsageView
        report={usage.data}
        error={csv.error ?? errorMessage(usage.error)}
        groupings={['project', 'kind', 'user']}
        timeZone={timeZone}
        onDownload={csv.download}
        downloading={csv.downloading}
      />
    </>
  );
}
