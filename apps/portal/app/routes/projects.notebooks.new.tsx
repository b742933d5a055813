import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/projects.notebooks.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { notebookPath } from '../components/notebooks/notebooks-table';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { notebookNameProblem, volumeProblem } from '../utils/notebook-rules';
import { trpc } from '../utils/trpc';
import { describeDailyStop, timeOfDayProblem } from '../components/cost-controls/schedule-text';
import { useRootData } from '../root';
import { sectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create notebook · ${params.project} · MLSpace` },
];

const field =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/** Shows that notebooks is deactivated instead of a form that could only fail. */
export const handle = sectionCrumbs('Notebooks', 'notebooks', () => 'Create notebook');

export default onlyWhileActive('notebooks', NewNotebook);

function NewNotebook() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const options = trpc.notebooks.options.useQuery({ project });
  const create = trpc.notebooks.create.useMutation();
  const reschedule = trpc.resources.reschedule.useMutation();
  const timeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  const [ownStop, setOwnStop] = useState('');
  const [name, setName] = useState('');
  const [instanceType, setInstanceType] = useState('');
  const [volume, setVolume] = useState(5);
  const [onCreate, setOnCreate] = useState('');
  const [onStart, setOnStart] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (!instanceType && options.data?.defaultInstanceType)
      setInstanceType(options.data.defaultInstanceType);
  }, [instanceType, options.data?.defaultInstanceType]);

  const nameProblem = notebookNameProblem(name);
  const sizeProblem = volumeProblem(volume);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (nameProblem || sizeProblem || !instanceType || (ownStop && timeOfDayProblem(ownStop)))
      return;
    const notebook = await create
      .mutateAsync({
        project,
        name,
        instanceType,
        volumeSizeGb: volume,
        lifecycle: { onCreate: onCreate || undefined, onStart: onStart || undefined },
      })
      .catch(() => null);
    if (!notebook) return;
    // The project's stop time applies at create; a different one is the creator's override (Q9).
    if (ownStop) {
      const changed = await reschedule
        .mutateAsync({
          kind: 'notebook',
          name: notebook.name,
          dailyStop: { time: ownStop, timeZone },
        })
        .catch(() => null);
      if (!changed) return;
    }
    void navigate(notebookPath(notebook));
  }

  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Create notebook"
        description={`A Jupyter notebook in project ${project}. Only you can open and start it.`}
      />
      <ErrorNote message={errorMessage(options.error)} />
      {options.data && !options.data.mayCreate ? (
        <ErrorNote message={options.data.createDenial} />
      ) : null}
      <form onSubmit={(event) => void submit(event)} className="space-y-5" noValidate>
        <div>
          <label htmlFor="notebook-name" className="mb-1 block text-sm font-medium">
            Name
          </label>
          <input
            id="notebook-name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setTouched(true)}
            aria-invalid={touched && nameProblem ? true : undefined}
            aria-describedby="notebook-name-help"
            className={field}
            autoComplete="off"
          />
          <p
            id="notebook-name-help"
            className={`mt-1 text-xs ${touched && nameProblem ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
          >
            {touched && nameProblem
              ? nameProblem
              : 'Letters, digits and hyphens; unique across MLSpace.'}
          </p>
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div>
            <label htmlFor="instance-type" className="mb-1 block text-sm font-medium">
              Instance type
            </label>
            <select
              id="instance-type"
              data-testid="instance-type-select"
              value={instanceType}
              onChange={(event) => setInstanceType(event.target.value)}
              className={field}
            >
              {(options.data?.instanceTypes ?? []).map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {options.data?.instanceTypes.length === 0
                ? 'No instance types are allowed; ask your administrator.'
                : 'The types your administrator allows.'}
            </p>
          </div>
          <div>
            <label htmlFor="volume" className="mb-1 block text-sm font-medium">
              Volume size (GB)
            </label>
            <input
              id="volume"
              type="number"
              min={5}
              max={16384}
              value={volume}
              onChange={(event) => setVolume(Number(event.target.value))}
              className={field}
            />
            {sizeProblem ? (
              <p className="mt-1 text-xs text-red-700 dark:text-red-300">{sizeProblem}</p>
            ) : null}
          </div>
        </div>
        <fieldset className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">Lifecycle configuration</legend>
          <p className="mb-3 text-xs text-slate-500 dark:text-slate-400">
            Bash scripts; their output goes to the notebook&apos;s log. A failing script fails the
            notebook.
          </p>
          <label htmlFor="on-create" className="mb-1 block text-sm">
            On create (runs once)
          </label>
          <textarea
            id="on-create"
            rows={3}
            value={onCreate}
            onChange={(event) => setOnCreate(event.target.value)}
            className={`${field} font-mono`}
            placeholder="pip install --user …"
          />
          <label htmlFor="on-start" className="mt-3 mb-1 block text-sm">
            On start (runs at every start)
          </label>
          <textarea
            id="on-start"
            rows={3}
            value={onStart}
            onChange={(event) => setOnStart(event.target.value)}
            className={`${field} font-mono`}
          />
        </fieldset>
        <div
          className="rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-900"
          data-testid="stop-time-policy"
        >
          <span className="font-medium">Automatic stop: </span>
          {options.data?.stopTime
            ? `${describeDailyStop(options.data.stopTime, null, timeZone)}, set by project ${project}`
            : `none — project ${project} sets no daily stop time`}
          {options.data?.ownerMayOverrideStop ? (
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <label htmlFor="own-stop">Stop my notebook every day at</label>
              <input
                id="own-stop"
                type="time"
                value={ownStop}
                onChange={(event) => setOwnStop(event.target.value)}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
              />
              <span className="text-xs text-slate-500 dark:text-slate-400">
                ({timeZone}; leave empty to keep the project&apos;s)
              </span>
            </div>
          ) : options.data?.stopTime ? (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              The project does not let creators change it.
            </p>
          ) : null}
        </div>
        <ErrorNote message={errorMessage(reschedule.error)} />
        <ErrorNote message={errorMessage(create.error)} />
        <div className="flex gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={create.isPending || options.data?.mayCreate === false}
          >
            {create.isPending ? 'Creating…' : 'Create notebook'}
          </Button>
          <Link
            to={`/projects/${encodeURIComponent(project)}/notebooks`}
            className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:underline"
          >
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
