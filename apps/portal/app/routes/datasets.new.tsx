import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { createDatasetInputSchema, datasetTypes } from '@mlspace/core';

import type { Route } from './+types/datasets.new';
import { crumb } from '../components/breadcrumbs';
import { DatasetUploadPanel, useDatasetUploader } from '../components/dataset-uploader';
import { FieldNote, FieldRow, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { onlyWhileActive } from '../components/service-deactivated';
import { datasetPath, type DatasetScope } from '../utils/datasets';
import { trpc, type Outputs } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Create dataset · MLSpace' }];

const scopeHelp: Record<DatasetScope, string> = {
  global: 'Every user can read it and add files; only you (and admins) edit or delete it.',
  private: 'Only you (and admins) can see it.',
  project: 'Members of the project can read it and add files.',
  group: 'Members of the groups you share it with can read it and add files.',
};

export const handle = crumb(() => [
  { label: 'Datasets', to: '/datasets' },
  { label: 'Create dataset' },
]);

/** Shows that datasets is deactivated instead of a form that could only fail. */
export default onlyWhileActive('datasets', NewDataset);

function NewDataset() {
  const navigate = useNavigate();
  const uploader = useDatasetUploader();
  const create = trpc.datasets.create.useMutation();
  /** Set once the dataset exists, so a retry after failed uploads does not create it again. */
  const [created, setCreated] = useState<Outputs['datasets']['create'] | null>(null);
  const form = useSchemaForm({
    schema: createDatasetInputSchema,
    initial: {
      scope: 'private',
      type: 'tabular',
      project: '',
      groups: [] as string[],
      name: '',
      description: '',
    },
    labels: {
      scope: 'Access level',
      type: 'Type',
      project: 'Project',
      groups: 'Share with groups',
      name: 'Name',
      description: 'Description',
    },
    toInput: ({ project, groups, ...rest }) => ({
      ...rest,
      project: rest.scope === 'project' ? project : undefined,
      groups: rest.scope === 'group' ? groups : [],
    }),
    idPrefix: 'dataset-',
  });
  const scope = form.values.scope as DatasetScope;
  const projects = trpc.projects.mine.useQuery({ limit: 100 }, { enabled: scope === 'project' });
  const shareable = trpc.datasets.shareableGroups.useQuery(undefined, {
    enabled: scope === 'group',
  });
  const groups = form.values.groups;

  return (
    <FormPage
      title="Create dataset"
      description="Files go straight from your browser to storage."
      onSubmit={form.submit(async (input) => {
        const dataset = created ?? (await create.mutateAsync(input));
        setCreated(dataset);
        const uploaded = await uploader.uploadAll({
          scope: dataset.scope,
          scopeId: dataset.scopeId,
          name: dataset.name,
        });
        if (!uploaded)
          throw new Error(
            `Dataset ${dataset.name} was created, but some files failed to upload (see above). Retry them, or open the dataset.`,
          );
        await navigate(datasetPath(dataset));
      })}
      pending={form.pending || uploader.busy}
      pendingLabel={uploader.busy ? 'Uploading…' : 'Creating…'}
      error={form.formError}
      submitLabel={created ? 'Retry failed uploads' : 'Create dataset'}
      after={
        created && !uploader.busy ? (
          <Link
            to={datasetPath(created)}
            className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            Open {created.name}
          </Link>
        ) : null
      }
    >
      <FieldRow>
        <SelectField
          form={form}
          name="scope"
          choices={[
            { value: 'private', label: 'Private' },
            { value: 'global', label: 'Global' },
            { value: 'project', label: 'Project' },
            { value: 'group', label: 'Group' },
          ]}
          help={scopeHelp[scope]}
        />
        <SelectField form={form} name="type" choices={datasetTypes} />
      </FieldRow>
      {scope === 'project' ? (
        <SelectField
          form={form}
          name="project"
          placeholder="Choose a project…"
          choices={(projects.data?.items ?? []).map((item) => ({
            value: item.name,
            label: item.suspended ? `${item.name} (suspended)` : item.name,
            disabled: item.suspended,
          }))}
        />
      ) : null}
      {scope === 'group' ? (
        <fieldset id={form.idFor('groups')} tabIndex={-1} className="text-sm">
          <legend className="font-medium">
            {form.labelOf('groups')} (only groups you belong to)
          </legend>
          {shareable.data && shareable.data.length === 0 ? (
            <p className="mt-1 text-slate-600 dark:text-slate-400">
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
                    form.set(
                      'groups',
                      groups.includes(group)
                        ? groups.filter((item) => item !== group)
                        : [...groups, group],
                    )
                  }
                />
                {group}
              </label>
            ))}
          </div>
          <FieldNote
            id={`${form.idFor('groups')}-help`}
            problem={form.problemFor('groups', true)}
          />
        </fieldset>
      ) : null}
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique within its access level."
      />
      <TextField form={form} name="description" multiline />
      <div>
        <p className="mb-2 text-sm font-medium">Files</p>
        <DatasetUploadPanel uploader={uploader} />
      </div>
    </FormPage>
  );
}
