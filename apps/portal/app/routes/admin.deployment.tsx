import type { Route } from './+types/admin.deployment';
import { ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { prefetchQueries } from '../utils/prefetch.server';

export const meta: Route.MetaFunction = () => [{ title: 'Deployment · MLSpace' }];

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.config.deployment.prefetch()]);

export const handle = crumb(() => ({ label: 'Deployment' }));

export default function Deployment() {
  const deployment = trpc.config.deployment.useQuery();
  const value = deployment.data;
  const rows: [string, string][] = value
    ? [
        ['Mode', value.mode],
        ['Compute backend', value.backend],
        ['Public URL', value.publicUrl],
        ['Region', value.region],
        ['DynamoDB table', value.tableName],
        ['DynamoDB endpoint', value.dynamoDbEndpoint],
        ['Data bucket', value.dataBucket],
        ['S3 endpoint', value.s3Endpoint],
        ['Identity provider issuer', value.identityProviderIssuer],
        ['OIDC client id', value.oidcClientId],
        ['Initial administrators', value.initialAdmins.join(', ') || '—'],
        ['New users start suspended', value.newUsersSuspended ? 'yes' : 'no'],
        ['Session lifetime', `${Math.round(value.sessionTtlSeconds / 360) / 10} h`],
        ...(value.dataDir ? ([['Local data directory', value.dataDir]] as [string, string][]) : []),
      ]
    : [];
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Deployment configuration"
        description="Fixed when MLSpace was deployed or started; read-only here. Secrets are never shown."
      />
      <ErrorNote message={errorMessage(deployment.error)} />
      {deployment.isLoading ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>
      ) : null}
      <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {rows.map(([label, text]) => (
          <div key={label} className="grid grid-cols-3 gap-4 px-4 py-2.5 text-sm">
            <dt className="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd
              className="col-span-2 break-all font-mono text-xs leading-5"
              data-testid={`${label}-value`}
            >
              {text}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
