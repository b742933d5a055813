import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/projects.notebooks.detail';
import { clusterPath } from '../components/clusters/paths';
import { useConfirm } from '../components/confirm-dialog';
import { ServiceDeactivated } from '../components/service-deactivated';
import { LogPanel } from '../components/log-panel';
import { IdleStopNote } from '../components/notebooks/idle-stop-note';
import { NotebookStatusBadge, changingStatuses } from '../components/notebooks/notebook-status';
import { Button, ErrorNote } from '../components/ui';
import { DetailPage, FactsGrid, FailureNote } from '../components/detail/detail-page';
import { lifetimeFacts } from '../components/detail/lifetime';
import { inputClass } from '../components/form/fields';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { ScheduleCard } from '../components/cost-controls/schedule-card';
import { errorMessage, formatDateTime } from '../utils/format';
import { volumeProblem } from '../utils/notebook-rules';
import { trpc, type Outputs } from '../utils/trpc';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { prefetchQueries } from '../utils/prefetch.server';

type Notebook = Outputs['notebooks']['get']['notebook'];

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.notebooks.get.prefetch({ name: params.name })]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `${params.name} · Notebooks · MLSpace` },
];

export const handle = sectionCrumbs('Notebooks', 'notebooks', (params) => params.name ?? '');

export default function NotebookDetail() {
  const { project = '', name = '' } = useParams();
  const { user } = useRootData();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const detail = trpc.notebooks.get.useQuery(
    { name },
    {
      refetchInterval: (query) =>
        changingStatuses.includes(query.state.data?.notebook.status ?? '') ? 1000 : 5000,
    },
  );
  const refresh = () => utils.notebooks.get.invalidate({ name });
  const start = trpc.notebooks.start.useMutation({ onSettled: refresh });
  const stop = trpc.notebooks.stop.useMutation({ onSettled: refresh });
  const open = trpc.notebooks.open.useMutation();
  const remove = trpc.notebooks.delete.useMutation();
  const confirm = useConfirm();
  const active = useServiceActive('notebooks');
  const [editing, setEditing] = useState(false);
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const listPath = `/projects/${encodeURIComponent(project)}/notebooks`;

  const notebook = detail.data?.notebook;
  const permissions = detail.data?.permissions;
  const status = notebook?.status ?? '';
  const actionError = errorMessage(start.error ?? stop.error ?? open.error);

  async function openJupyter() {
    // Open the tab synchronously (popup blockers), then point it at Jupyter once the API answers.
    const tab = window.open('about:blank', '_blank');
    const result = await open.mutateAsync({ name }).catch(() => null);
    if (!result) {
      tab?.close();
      return;
    }
    if (tab) tab.location.href = result.url;
    else window.location.href = result.url;
  }

  const running = ['Pending', 'InService', 'Stopping'].includes(status);
  return (
    <DetailPage
      title={name}
      kind="Notebook"
      status={
        notebook ? (
          <span data-testid="notebook-status">
            <NotebookStatusBadge status={notebook.status} />
          </span>
        ) : null
      }
      actions={
        active && notebook && permissions ? (
          <div className="flex flex-wrap gap-2">
            {permissions.open ? (
              <Button
                variant="primary"
                data-testid="notebook-open"
                disabled={status !== 'InService' || open.isPending}
                onClick={() => void openJupyter()}
              >
                Open Jupyter
              </Button>
            ) : null}
            {permissions.start ? (
              <Button
                data-testid="notebook-start"
                disabled={!['Stopped', 'Failed'].includes(status) || start.isPending}
                onClick={() => start.mutate({ name })}
              >
                Start
              </Button>
            ) : null}
            {permissions.manage ? (
              <>
                <Button
                  data-testid="notebook-stop"
                  disabled={!['InService', 'Pending'].includes(status) || stop.isPending}
                  onClick={() => stop.mutate({ name })}
                >
                  {stop.isPending ? 'Stopping…' : 'Stop'}
                </Button>
                <Button
                  data-testid="notebook-edit"
                  disabled={!['Stopped', 'Failed'].includes(status)}
                  onClick={() => setEditing((value) => !value)}
                >
                  Edit
                </Button>
                <Button
                  variant="danger"
                  data-testid="notebook-delete"
                  disabled={!['Stopped', 'Failed'].includes(status)}
                  onClick={() =>
                    confirm.ask({
                      title: `Delete notebook ${name}?`,
                      description:
                        'The notebook and the files on its volume are deleted. This cannot be undone.',
                      confirmLabel: `Delete notebook ${name}`,
                      action: async () => {
                        await remove.mutateAsync({ name });
                        // Leave first: the page's own queries would ask for a notebook that is gone.
                        void navigate(listPath);
                        void utils.notebooks.list.invalidate();
                        void utils.notebooks.mine.invalidate();
                      },
                    })
                  }
                >
                  Delete
                </Button>
              </>
            ) : null}
          </div>
        ) : null
      }
    >
      <ServiceDeactivated service="notebooks" />
      <ErrorNote message={errorMessage(detail.error)} />
      <ErrorNote message={actionError} />
      {notebook ? (
        <>
          <FailureNote reason={notebook.failureReason} />
          <IdleStopNote notebook={notebook} />
          <FactsGrid
            facts={[
              { label: 'Instance type', value: notebook.instanceType },
              { label: 'Volume', value: `${notebook.volumeSizeGb} GB` },
              {
                label: 'Cluster',
                value: notebook.clusterName ? (
                  <Link
                    to={clusterPath(notebook.project, notebook.clusterName)}
                    className="text-brand-700 hover:underline dark:text-brand-100"
                  >
                    {notebook.clusterName}
                  </Link>
                ) : (
                  'None'
                ),
              },
              { label: 'Created by', value: notebook.owner },
              ...lifetimeFacts(notebook, running, timeZone, {
                started: 'Last started',
                ended: 'Last stopped',
              }),
              {
                label: 'Automatic stop',
                value: notebook.stopAt ? formatDateTime(notebook.stopAt, timeZone) : 'None',
              },
              {
                label: 'Idle stop',
                value: notebook.idleTimeoutMinutes
                  ? `After ${notebook.idleTimeoutMinutes} minutes idle`
                  : 'Never',
              },
              {
                label: 'On-create script',
                value: notebook.lifecycle.onCreate ? (
                  <code className="text-xs">{firstLine(notebook.lifecycle.onCreate)}</code>
                ) : (
                  'None'
                ),
              },
              {
                label: 'On-start script',
                value: notebook.lifecycle.onStart ? (
                  <code className="text-xs">{firstLine(notebook.lifecycle.onStart)}</code>
                ) : (
                  'None'
                ),
              },
            ]}
          />
          <ScheduleCard kind="notebook" name={name} timeZone={timeZone} />
          {editing ? <EditNotebook notebook={notebook} onDone={() => setEditing(false)} /> : null}
          <LogPanel source="notebooks" name={name} live={status !== 'Stopped'} />
        </>
      ) : null}
      {confirm.dialog}
    </DetailPage>
  );
}

function firstLine(script: string): string {
  const [line = ''] = script.split('\n');
  return script.includes('\n') ? `${line} …` : line;
}

function EditNotebook({ notebook, onDone }: { notebook: Notebook; onDone: () => void }) {
  const utils = trpc.useUtils();
  const options = trpc.notebooks.options.useQuery({ project: notebook.project });
  const update = trpc.notebooks.update.useMutation({
    onSuccess: () => utils.notebooks.get.invalidate({ name: notebook.name }),
  });
  const [instanceType, setInstanceType] = useState(notebook.instanceType);
  const [volume, setVolume] = useState(notebook.volumeSizeGb);
  const [onCreate, setOnCreate] = useState(notebook.lifecycle.onCreate);
  const [onStart, setOnStart] = useState(notebook.lifecycle.onStart);
  const sizeProblem = volumeProblem(volume);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sizeProblem) return;
    const done = await update
      .mutateAsync({
        name: notebook.name,
        instanceType,
        volumeSizeGb: volume,
        lifecycle: { onCreate: onCreate || undefined, onStart: onStart || undefined },
      })
      .catch(() => null);
    if (done) onDone();
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="mt-6 max-w-2xl space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 className="text-lg font-semibold">Edit notebook</h2>
      <div className="grid grid-cols-2 gap-4">
        <label className="text-sm">
          Instance type
          <select
            value={instanceType}
            onChange={(event) => setInstanceType(event.target.value)}
            className={`${inputClass} mt-1`}
          >
            {[...new Set([notebook.instanceType, ...(options.data?.instanceTypes ?? [])])].map(
              (type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ),
            )}
          </select>
        </label>
        <label className="text-sm">
          Volume size (GB)
          <input
            type="number"
            value={volume}
            onChange={(event) => setVolume(Number(event.target.value))}
            className={`${inputClass} mt-1`}
          />
          {sizeProblem ? (
            <span className="mt-1 block text-xs text-red-700">{sizeProblem}</span>
          ) : null}
        </label>
      </div>
      <label className="block text-sm">
        On-create script
        <textarea
          rows={3}
          value={onCreate}
          onChange={(event) => setOnCreate(event.target.value)}
          className={`${inputClass} mt-1 font-mono`}
        />
      </label>
      <label className="block text-sm">
        On-start script
        <textarea
          rows={3}
          value={onStart}
          onChange={(event) => setOnStart(event.target.value)}
          className={`${inputClass} mt-1 font-mono`}
        />
      </label>
      <ErrorNote message={errorMessage(update.error)} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          Save changes
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
