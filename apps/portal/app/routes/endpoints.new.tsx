import { useNavigate, useParams, useSearchParams } from 'react-router';

import { createEndpointInputSchema } from '@mlspace/core';

import type { Route } from './+types/endpoints.new';
import { SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { nextName } from '../components/ml/next-name';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create endpoint · ${params.project} · MLSpace` },
];

const kind = kindBySegment('endpoints');

export const handle = mlSectionCrumbs(() => 'Create endpoint');

/** Shows that endpoints is deactivated instead of a form that could only fail. */
export default onlyWhileActive('endpoints', NewEndpoint);

/** A lifetime of the creator's own: a whole number of hours, or nothing. */
function ownHoursProblems(ownHours: string) {
  const hours = Number(ownHours);
  return ownHours && !(Number.isInteger(hours) && hours >= 1)
    ? [{ path: 'ownHours', message: 'must be a whole number of hours, at least 1' }]
    : [];
}

/** `?endpointConfig=<name>` (the configuration's page links here) serves that configuration. */
function NewEndpoint() {
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const endpointConfig = search.get('endpointConfig') ?? '';
  const configs = trpc.endpointConfigs.list.useQuery({ project, limit: 100 });
  const create = trpc.endpoints.create.useMutation();
  const costControls = trpc.projects.costControls.useQuery({ project });
  const reschedule = trpc.resources.reschedule.useMutation();
  const form = useSchemaForm({
    schema: createEndpointInputSchema,
    initial: {
      project,
      name: nextName(endpointConfig, 'endpoint'),
      endpointConfigName: endpointConfig,
      ownHours: '',
    },
    labels: {
      name: 'Name',
      endpointConfigName: 'Endpoint configuration',
      ownHours: 'Your own lifetime in hours (optional)',
    },
    check: (values) => ownHoursProblems(values.ownHours),
    idPrefix: 'endpoint-',
  });
  const ttlHours = costControls.data?.endpoint.ttlHours ?? null;
  const mayChooseLifetime = Boolean(
    costControls.data?.endpoint.ownerMayOverride || costControls.data?.mayEdit,
  );
  const configNames = (configs.data?.items ?? []).map((item) => item.name);
  const ownHours = form.values.ownHours;

  return (
    <FormPage
      title="Create endpoint"
      description="Serves the configuration's model for real-time inference."
      onSubmit={form.submit(async (input) => {
        const endpoint = await create.mutateAsync(input);
        // The project's lifetime applies at create; a lifetime of the creator's own replaces it, where allowed.
        if (ownHours) {
          const terminateAt = new Date(Date.now() + Number(ownHours) * 3_600_000).toISOString();
          await reschedule.mutateAsync({ kind: 'endpoint', name: endpoint.name, terminateAt });
        }
        await navigate(mlPath(project, kind, endpoint.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create endpoint"
      cancelTo={mlPath(project, kind)}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <SelectField
        form={form}
        name="endpointConfigName"
        placeholder="Pick a configuration…"
        choices={
          endpointConfig && !configNames.includes(endpointConfig)
            ? [endpointConfig, ...configNames]
            : configNames
        }
      />
      <div
        className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        data-testid="endpoint-termination"
      >
        <span className="font-medium">Automatic termination: </span>
        {costControls.isLoading
          ? 'loading…'
          : ttlHours
            ? `deleted ${ttlHours} hour${ttlHours === 1 ? '' : 's'} after it is created, set by project ${project}.`
            : `none: project ${project} sets no endpoint lifetime.`}
      </div>
      {mayChooseLifetime ? (
        <TextField
          form={form}
          name="ownHours"
          placeholder={ttlHours ? String(ttlHours) : 'no limit'}
        />
      ) : null}
    </FormPage>
  );
}
