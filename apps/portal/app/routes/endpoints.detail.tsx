import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/endpoints.detail';
import { useConfirm } from '../components/confirm-dialog';
import {
  DetailPage,
  DetailSection,
  FactsGrid,
  FailureNote,
} from '../components/detail/detail-page';
import { lifetimeFacts } from '../components/detail/lifetime';
import { inputClass } from '../components/form/fields';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { LogPanel } from '../components/log-panel';
import { MlStatusBadge, changingMlStatuses } from '../components/ml/ml-status';
import { ServiceDeactivated } from '../components/service-deactivated';
import { Button, ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { ScheduleCard } from '../components/cost-controls/schedule-card';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.endpoints.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Endpoint · MLSpace` },
];

const kind = kindBySegment('endpoints');

export const handle = mlSectionCrumbs((params) => params.name ?? '');

export default function EndpointDetail() {
  const { project = '', name = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useRootData();
  const detail = trpc.endpoints.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        query.state.data && !changingMlStatuses.includes(query.state.data.endpoint.status)
          ? 15000
          : 1500,
    },
  );
  const configs = trpc.endpointConfigs.list.useQuery({ project, limit: 100 });
  const update = trpc.endpoints.update.useMutation({ onSuccess: () => detail.refetch() });
  const remove = trpc.endpoints.delete.useMutation({
    onSuccess: () => navigate(mlPath(project, kind)),
  });
  const [nextConfig, setNextConfig] = useState('');
  const otherConfigs = (configs.data?.items ?? []).filter(
    (item) =>
      item.name !== detail.data?.endpointConfigName &&
      item.name !== detail.data?.updatingToConfigName,
  );
  const active = useServiceActive(kind.service);
  const confirm = useConfirm();
  const endpoint = detail.data?.endpoint;
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const serving = endpoint
    ? changingMlStatuses.includes(endpoint.status) || endpoint.status === 'InService'
    : false;
  return (
    <DetailPage
      title={name}
      kind="Endpoint"
      status={endpoint ? <MlStatusBadge status={endpoint.status} /> : null}
      actions={
        active && detail.data?.permissions.manage ? (
          <Button
            variant="danger"
            onClick={() =>
              confirm.ask({
                title: `Delete endpoint ${name}?`,
                description:
                  'The endpoint stops serving and its instances are released; callers get errors from now on. Its configuration and models are kept. This cannot be undone.',
                confirmLabel: `Delete endpoint ${name}`,
                action: () => remove.mutateAsync({ name }),
              })
            }
            disabled={remove.isPending}
          >
            Delete
          </Button>
        ) : null
      }
    >
      <ServiceDeactivated service={kind.service} />
      <ErrorNote message={errorMessage(detail.error ?? remove.error)} />
      <FailureNote reason={endpoint?.failureReason} />
      {endpoint ? (
        <FactsGrid
          facts={[
            {
              label: 'Endpoint configuration',
              value: (
                <Link
                  className="text-brand-700 hover:underline dark:text-brand-100"
                  to={mlPath(
                    project,
                    kindBySegment('endpoint-configs'),
                    detail.data!.endpointConfigName,
                  )}
                >
                  {detail.data!.endpointConfigName}
                </Link>
              ),
            },
            ...(detail.data?.updatingToConfigName
              ? [
                  {
                    label: 'Updating to',
                    value: (
                      <Link
                        className="text-brand-700 hover:underline dark:text-brand-100"
                        to={mlPath(
                          project,
                          kindBySegment('endpoint-configs'),
                          detail.data.updatingToConfigName,
                        )}
                      >
                        {detail.data.updatingToConfigName}
                      </Link>
                    ),
                  },
                ]
              : []),
            {
              label: 'Instances',
              value: endpoint.instanceType
                ? `${endpoint.instanceCount ?? 1} × ${endpoint.instanceType}`
                : null,
            },
            { label: 'Created by', value: endpoint.owner },
            ...lifetimeFacts(endpoint, serving, timeZone, {
              started: 'In service since',
              ended: 'Out of service since',
            }),
          ]}
        />
      ) : null}
      {endpoint ? <ScheduleCard kind="endpoint" name={name} timeZone={timeZone} /> : null}
      {active && detail.data?.permissions.manage ? (
        <DetailSection
          title="Update endpoint"
          description="Move the endpoint to another configuration of this project. The current one keeps serving until the new one is in service; if the update fails, the current one stays."
        >
          <div className="flex flex-wrap items-end gap-2">
            <label className="min-w-0 text-sm">
              <span className="mb-1 block font-medium">New configuration</span>
              <select
                value={nextConfig}
                onChange={(event) => setNextConfig(event.target.value)}
                className={`${inputClass} max-w-full`}
              >
                <option value="">Pick a configuration…</option>
                {otherConfigs.map((item) => (
                  <option key={item.name} value={item.name}>
                    {item.name}
                    {item.instanceType
                      ? ` (${item.instanceCount ?? 1} × ${item.instanceType})`
                      : ''}
                  </option>
                ))}
              </select>
            </label>
            <Button
              onClick={() =>
                confirm.ask({
                  title: `Update endpoint ${name} to ${nextConfig}?`,
                  description: `${detail.data?.endpointConfigName ?? 'The current configuration'} keeps serving until ${nextConfig} is in service; then its instances are released.`,
                  confirmLabel: `Update endpoint ${name}`,
                  action: async () => {
                    await update.mutateAsync({ project, name, endpointConfigName: nextConfig });
                    setNextConfig('');
                  },
                })
              }
              disabled={!nextConfig || update.isPending || endpoint?.status !== 'InService'}
            >
              Update endpoint
            </Button>
          </div>
          {endpoint && endpoint.status !== 'InService' ? (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              An endpoint can be updated while it is InService.
            </p>
          ) : null}
          {configs.data && otherConfigs.length === 0 ? (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              This project has no other endpoint configuration.
            </p>
          ) : null}
          <ErrorNote message={errorMessage(update.error)} />
        </DetailSection>
      ) : null}
      {active && detail.data?.permissions.invoke ? (
        <InvokePanel name={name} ready={endpoint?.status === 'InService'} />
      ) : null}
      <LogPanel source="endpoints" name={name} live={serving} />
      {confirm.dialog}
    </DetailPage>
  );
}

function InvokePanel({ name, ready }: { name: string; ready: boolean }) {
  const invoke = trpc.endpoints.invoke.useMutation();
  const [contentType, setContentType] = useState<'text/csv' | 'application/json'>('text/csv');
  const [body, setBody] = useState('');
  const jsonProblem = contentType === 'application/json' && body.trim() ? parseProblem(body) : null;
  return (
    <DetailSection title="Invoke">
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <div className="mb-2 flex gap-4 text-sm">
            {(['text/csv', 'application/json'] as const).map((type) => (
              <label key={type} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="content-type"
                  checked={contentType === type}
                  onChange={() => setContentType(type)}
                />{' '}
                {type === 'text/csv' ? 'CSV' : 'JSON'}
              </label>
            ))}
          </div>
          <textarea
            aria-label="Payload"
            rows={6}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            placeholder={
              contentType === 'text/csv'
                ? 'one row per line, e.g. 0.5,0.7'
                : '{"instances": [[0.5, 0.7]]}'
            }
            className={`${inputClass} font-mono`}
          />
          {jsonProblem ? <p className="mt-1 text-xs text-red-700">{jsonProblem}</p> : null}
          <div className="mt-2">
            <Button
              variant="primary"
              onClick={() => invoke.mutate({ name, contentType, body })}
              disabled={!ready || !body.trim() || Boolean(jsonProblem) || invoke.isPending}
            >
              {invoke.isPending ? 'Invoking…' : 'Invoke'}
            </Button>
            {!ready ? (
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                The endpoint must be InService.
              </span>
            ) : null}
          </div>
        </div>
        <div>
          <p className="mb-2 text-sm font-medium">Response</p>
          <ErrorNote message={errorMessage(invoke.error)} />
          {invoke.data ? (
            <>
              <pre
                data-testid="invoke-response"
                className="min-h-24 whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-900"
              >
                {invoke.data.body}
              </pre>
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {invoke.data.contentType} · {invoke.data.tookMs} ms
              </p>
            </>
          ) : null}
        </div>
      </div>
    </DetailSection>
  );
}

function parseProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch {
    return 'This is not valid JSON';
  }
}
