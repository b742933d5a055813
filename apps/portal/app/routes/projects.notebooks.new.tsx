import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';

import { createNotebookInputSchema, dailyStopSchema } from '@mlspace/core';

import type { Route } from './+types/projects.notebooks.new';
import { describeDailyStop } from '../components/cost-controls/schedule-text';
import { parseWithSchema } from '../components/form/field-messages';
import {
  FieldGroup,
  FieldRow,
  NumberField,
  SelectField,
  TextField,
} from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { TimeZoneField } from '../components/form/time-zone-picker';
import { useSchemaForm } from '../components/form/use-schema-form';
import { notebookPath } from '../components/notebooks/notebooks-table';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { ErrorNote } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create notebook · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Notebooks', 'notebooks', () => 'Create notebook');

/** Shows that notebooks is deactivated instead of a form that could only fail. */
export default onlyWhileActive('notebooks', NewNotebook);

/** The creator's own daily stop, checked with core's schedule schema when one is given. */
function ownStopProblems(ownStop: { time: string; timeZone: string }) {
  if (!ownStop.time) return [];
  return parseWithSchema(dailyStopSchema, ownStop).problems.map((problem) => ({
    ...problem,
    path: `ownStop.${problem.path}`,
  }));
}

function NewNotebook() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const options = trpc.notebooks.options.useQuery({ project });
  const create = trpc.notebooks.create.useMutation();
  const reschedule = trpc.resources.reschedule.useMutation();
  const timeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  const form = useSchemaForm({
    schema: createNotebookInputSchema,
    initial: {
      project,
      name: '',
      instanceType: '',
      volumeSizeGb: 5,
      lifecycle: { onCreate: '', onStart: '' },
      ownStop: { time: '', timeZone },
      clusterName: '',
    },
    labels: {
      name: 'Name',
      instanceType: 'Instance type',
      volumeSizeGb: 'Volume size (GB)',
      'lifecycle.onCreate': 'On create (runs once)',
      'lifecycle.onStart': 'On start (runs at every start)',
      'ownStop.time': 'Stop my notebook every day at',
      'ownStop.timeZone': 'Time zone of my stop time',
      clusterName: 'Attach to cluster (optional)',
    },
    toInput: ({ lifecycle, clusterName, ...rest }) => ({
      ...rest,
      ...(clusterName ? { clusterName } : {}),
      lifecycle: {
        onCreate: lifecycle.onCreate || undefined,
        onStart: lifecycle.onStart || undefined,
      },
    }),
    check: (values) => ownStopProblems(values.ownStop),
    idPrefix: 'notebook-',
  });
  const defaultInstanceType = options.data?.defaultInstanceType;
  useEffect(() => {
    if (defaultInstanceType && !form.values.instanceType)
      form.set('instanceType', defaultInstanceType);
    // The administrator's default once the options arrive; a choice is kept.
  }, [defaultInstanceType]);
  const ownStop = form.values.ownStop;
  // Clusters of the project that take work now; a notebook gets the address when it starts.
  const clustersActive = useServiceActive('emr');
  const clusters = trpc.clusters.list.useQuery(
    { project, limit: 100 },
    { enabled: clustersActive },
  );
  const ready = (clusters.data?.items ?? []).filter((cluster) => cluster.status === 'Waiting');

  return (
    <FormPage
      title="Create notebook"
      description={`A Jupyter notebook in project ${project}. Only you can open and start it.`}
      notice={
        <>
          <ErrorNote message={errorMessage(options.error)} />
          {options.data && !options.data.mayCreate ? (
            <ErrorNote message={options.data.createDenial} />
          ) : null}
        </>
      }
      onSubmit={form.submit(async (input) => {
        const notebook = await create.mutateAsync(input);
        // The project's stop time applies at create; a different one is the creator's own, where allowed.
        if (ownStop.time)
          await reschedule.mutateAsync({
            kind: 'notebook',
            name: notebook.name,
            dailyStop: ownStop,
          });
        await navigate(notebookPath(notebook));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create notebook"
      submitDisabled={options.data?.mayCreate === false}
      cancelTo={`/projects/${encodeURIComponent(project)}/notebooks`}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <FieldRow>
        <SelectField
          form={form}
          name="instanceType"
          choices={options.data?.instanceTypes ?? []}
          help={
            options.data?.instanceTypes.length === 0
              ? 'No instance types are allowed; ask your administrator.'
              : 'The types your administrator allows.'
          }
        />
        <NumberField form={form} name="volumeSizeGb" min={5} max={16384} />
      </FieldRow>
      {clustersActive && ready.length > 0 ? (
        <SelectField
          form={form}
          name="clusterName"
          placeholder="No cluster"
          choices={ready.map((cluster) => cluster.name)}
          help="Locally the notebook gets the Dask scheduler's address (DASK_SCHEDULER_ADDRESS); on AWS sparkmagic is set up for the cluster's Livy endpoint."
        />
      ) : null}
      <FieldGroup
        legend="Lifecycle configuration"
        help="Bash scripts; their output goes to the notebook's log. A failing script fails the notebook."
      >
        <TextField
          form={form}
          name="lifecycle.onCreate"
          multiline
          mono
          placeholder="pip install --user …"
        />
        <TextField form={form} name="lifecycle.onStart" multiline mono />
      </FieldGroup>
      <div
        className="space-y-3 rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800"
        data-testid="stop-time-policy"
      >
        <p>
          <span className="font-medium">Automatic stop: </span>
          {options.data?.stopTime
            ? `${describeDailyStop(options.data.stopTime, null, timeZone)}, set by project ${project}`
            : `none — project ${project} sets no daily stop time`}
        </p>
        {options.data?.ownerMayOverrideStop ? (
          <FieldRow>
            <TextField
              form={form}
              name="ownStop.time"
              type="time"
              help="Leave empty to keep the project's."
            />
            <TimeZoneField form={form} name="ownStop.timeZone" />
          </FieldRow>
        ) : options.data?.stopTime ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            The project does not let creators change it.
          </p>
        ) : null}
      </div>
    </FormPage>
  );
}
