import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/endpoints.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { SimpleForm } from '../components/ml/simple-form';
import { ErrorNote } from '../components/ui';
import { errorMessage } from '../utils/format';
import { computeNameProblem } from '../utils/ml-rules';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create endpoint · ${params.project} · MLSpace` },
];

const kind = kindBySegment('endpoints');

/** Shows that endpoints is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create endpoint');

export default onlyWhileActive('endpoints', NewEndpoint);

function NewEndpoint() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const configs = trpc.endpointConfigs.list.useQuery({ project, limit: 100 });
  const create = trpc.endpoints.create.useMutation();
  const costControls = trpc.projects.costControls.useQuery({ project });
  const reschedule = trpc.resources.reschedule.useMutation();
  const ttlHours = costControls.data?.endpoint.ttlHours ?? null;
  const mayChooseLifetime = Boolean(
    costControls.data?.endpoint.ownerMayOverride || costControls.data?.mayEdit,
  );
  const [ownHours, setOwnHours] = useState('');
  const [name, setName] = useState('');
  const [config, setConfig] = useState('');
  const [touched, setTouched] = useState(false);
  const problems = {
    name: computeNameProblem(name),
    config: config ? null : 'Pick an endpoint configuration',
    hours:
      ownHours && !(Number.isInteger(Number(ownHours)) && Number(ownHours) >= 1)
        ? 'Enter a whole number of hours, at least 1'
        : null,
  };

  async function submit() {
    setTouched(true);
    if (problems.name || problems.config || problems.hours) return;
    const endpoint = await create
      .mutateAsync({ project, name, endpointConfigName: config })
      .catch(() => null);
    if (!endpoint) return;
    // The project's lifetime applies at create; a lifetime of the creator's own replaces it, where allowed.
    if (ownHours) {
      const terminateAt = new Date(Date.now() + Number(ownHours) * 3_600_000).toISOString();
      if (
        !(await reschedule
          .mutateAsync({ kind: 'endpoint', name: endpoint.name, terminateAt })
          .catch(() => null))
      )
        return;
    }
    void navigate(mlPath(project, kind, endpoint.name));
  }

  return (
    <SimpleForm
      backTo={mlPath(project, kind)}
      title="Create endpoint"
      description="Serves the configuration's model for real-time inference."
      submitLabel="Create endpoint"
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
    >
      <FormField id="endpoint-name" label="Name" problem={touched || name ? problems.name : null}>
        <input
          id="endpoint-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
          autoComplete="off"
        />
      </FormField>
      <FormField
        id="endpoint-config"
        label="Endpoint configuration"
        problem={touched ? problems.config : null}
      >
        <select
          id="endpoint-config"
          value={config}
          onChange={(event) => setConfig(event.target.value)}
          className={fieldClass}
        >
          <option value="">Pick a configuration…</option>
          {(configs.data?.items ?? []).map((item) => (
            <option key={item.name}>{item.name}</option>
          ))}
        </select>
      </FormField>
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
        <FormField
          id="endpoint-hours"
          label="Your own lifetime in hours (optional)"
          problem={problems.hours}
        >
          <input
            id="endpoint-hours"
            inputMode="numeric"
            value={ownHours}
            onChange={(event) => setOwnHours(event.target.value)}
            className={fieldClass}
            placeholder={ttlHours ? String(ttlHours) : 'no limit'}
          />
        </FormField>
      ) : null}
      <ErrorNote message={errorMessage(reschedule.error)} />
    </SimpleForm>
  );
}
