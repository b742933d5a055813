import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';

import type { Route } from './+types/datasets.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { DatasetUploadPanel, useDatasetUploader } from '../components/dataset-uploader';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { datasetPath, datasetTypes, type DatasetScope } from '../utils/datasets';
import { errorMessage } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';

export const meta: Route.MetaFunction = () => [{ title: 'Create dataset · MLSpace' }];

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950';
const scopeHelp: Record<DatasetScope, string> = {
  global: 'Every user can read it and add files; only you (and admins) edit or delete it.',
  private: 'Only you (and admins) can see it.',
  project: 'Members of the project can read it and add files.',
  group: 'Members of the groups you share it with can read it and add files.',
};

/** Shows that datasets is deactivated instead of a form that could only fail. */
export const handle = crumb(() => [
  { label: 'Datasets', to: '/datasets' },
  { label: 'Create dataset' },
]);

export default onlyWhileActive('datasets', NewDataset);

function NewDataset() {
  const navigate = useNavigate();
  const uploader = useDatasetUploader();
  const [scope, setScope] = useState<DatasetScope>('private');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<(typeof datasetTypes)[number]>('tabular');
  const [project, setProject] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const projects = trpc.projects.mine.useQuery({ limit: 100 }, { enabled: scope === 'project' });
  const shareable = trpc.datasets.shareableGroups.useQuery(undefined, {
    enabled: scope === 'group',
  });
  const create = trpc.datasets.create.useMutation();

  /** Set once the dataset exists, so a retry after failed uploads does not create it again. */
  const [created, setCreated] = useState<Outputs['datasets']['create'] | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setUploadError(null);
    const dataset =
      created ??
      (await create
        .mutateAsync({
          scope,
          name,
          description,
          type,
          project: scope === 'project' ? project : undefined,
          groups: scope === 'group' ? groups : [],
        })
        .catch(() => null));
    if (!dataset) return;
    setCreated(dataset);
    const ok = await uploader.uploadAll({
      scope: dataset.scope,
      scopeId: dataset.scopeId,
      name: dataset.name,
    });
    if (ok) void navigate(datasetPath(dataset));
    else
      setUploadError(
        `Dataset ${dataset.name} was created, but some files failed to upload (see above). Retry them, or open the dataset.`,
      );
  }

  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Create dataset"
        description="Files go straight from your browser to storage."
      />
      <form
        onSubmit={(event) => void submit(event)}
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block text-sm font-medium">
            Access level
            <select
              data-testid="dataset-scope-select"
              value={scope}
              onChange={(event) => setScope(event.target.value as DatasetScope)}
              className={fieldClass}
            >
              <option value="private">Private</option>
              <option value="global">Global</option>
              <option value="project">Project</option>
              <option value="group">Group</option>
            </select>
            <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">
              {scopeHelp[scope]}
            </span>
          </label>
          <label className="block text-sm font-medium">
            Type
            <select
              data-testid="dataset-type-select"
              value={type}
              onChange={(event) => setType(event.target.value as typeof type)}
              className={fieldClass}
            >
              {datasetTypes.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
        </div>
        {scope === 'project' ? (
          <label className="block text-sm font-medium">
            Project
            <select
              data-testid="dataset-project-select"
              required
              value={project}
              onChange={(event) => setProject(event.target.value)}
              className={fieldClass}
            >
              <option value="">Choose a project…</option>
              {(projects.data?.items ?? []).map((item) => (
                <option key={item.name} value={item.name} disabled={item.suspended}>
                  {item.name}
                  {item.suspended ? ' (suspended)' : ''}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {scope === 'group' ? (
          <fieldset className="text-sm">
            <legend className="font-medium">Share with groups (only groups you belong to)</legend>
            {shareable.data && shareable.data.length === 0 ? (
              <p className="mt-1 text-slate-500 dark:text-slate-400">
                You do not belong to any group.
              </p>
            ) : null}
            <div className="mt-2 flex flex-wrap gap-3">
              {(shareable.data ?? []).map((group) => (
                <label
                  key={group}
                  className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1 dark:border-slate-700"
                >
                  <input
                    type="checkbox"
                    checked={groups.includes(group)}
                    onChange={() =>
                      setGroups((current) =>
                        current.includes(group)
                          ? current.filter((item) => item !== group)
                          : [...current, group],
                      )
                    }
                  />
                  {group}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <label className="block text-sm font-medium">
          Name
          <input
            data-testid="dataset-name-input"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            pattern="[A-Za-z0-9\-]{1,255}"
            title="Letters, digits and hyphens"
            className={fieldClass}
          />
          <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">
            Letters, digits and hyphens; unique within its access level.
          </span>
        </label>
        <label className="block text-sm font-medium">
          Description
          <textarea
            data-testid="dataset-description-textarea"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={254}
            rows={3}
            className={fieldClass}
          />
        </label>
        <div>
          <p className="mb-2 text-sm font-medium">Files</p>
          <DatasetUploadPanel uploader={uploader} />
        </div>
        <ErrorNote message={errorMessage(create.error) ?? uploadError} />
        <div className="flex items-center gap-3">
          <Button
            type="submit"
            variant="primary"
            data-testid="dataset-submit-button"
            disabled={create.isPending || uploader.busy}
          >
            {uploader.busy
              ? 'Uploading…'
              : create.isPending
                ? 'Creating…'
                : created
                  ? 'Retry failed uploads'
                  : 'Create dataset'}
          </Button>
          {created && !uploader.busy ? (
            <Link
              to={datasetPath(created)}
              className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              Open {created.name}
            </Link>
          ) : null}
        </div>
      </form>
    </div>
  );
}
