import { useNavigate, useParams } from 'react-router';

import { createClusterInputSchema } from '@mlspace/core';

import type { Route } from './+types/clusters.new';
import { EngineNote } from '../components/clusters/engine-note';
import { clusterPath } from '../components/clusters/paths';
import { RadioField, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.clusters.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create cluster · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Clusters', 'clusters', () => 'Create cluster');

/** Shows that EMR is deactivated instead of a form that could only fail. */
export default onlyWhileActive('emr', NewCluster);

function NewCluster() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const options = trpc.clusters.options.useQuery({ project });
  const costControls = trpc.projects.costControls.useQuery({ project });
  const create = trpc.clusters.create.useMutation();
  const scaling = options.data?.autoScaling;
  const form = useSchemaForm({
    schema: createClusterInputSchema,
    initial: {
      project,
      name: '',
      clusterType: options.data?.clusterTypes[0]?.name ?? '',
      scaling: 'managed',
      subnetId: '',
    },
    labels: {
      name: 'Name',
      clusterType: 'Cluster type',
      scaling: 'Size',
      autoScaling: 'Size',
      subnetId: 'Subnet (optional)',
    },
    toInput: (values) => ({
      project: values.project,
      name: values.name,
      clusterType: values.clusterType,
      ...(values.scaling === 'fixed' ? { autoScaling: null } : {}),
      ...(values.subnetId ? { subnetId: values.subnetId } : {}),
    }),
    idPrefix: 'cluster-',
  });
  const ttlHours = costControls.data?.emrCluster.ttlHours ?? null;
  const types = options.data?.clusterTypes ?? [];
  return (
    <FormPage
      title="Create cluster"
      description={`Release ${options.data?.releaseLabel ?? '…'} with ${options.data?.applications.join(', ') ?? '…'}.`}
      onSubmit={form.submit(async (input) => {
        const cluster = await create.mutateAsync(input);
        await navigate(clusterPath(project, cluster.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create cluster"
      cancelTo={clusterPath(project)}
    >
      {options.data ? <EngineNote engine={options.data.engine} note={options.data.note} /> : null}
      <TextField
        form={form}
        name="name"
        help="3 to 63 letters, digits and hyphens; unique across MLSpace."
      />
      <SelectField
        form={form}
        name="clusterType"
        placeholder={types.length === 0 ? 'No cluster types (ask your administrator)' : undefined}
        choices={types.map((type) => ({
          value: type.name,
          label: `${type.name}: primary ${type.primaryInstanceType}, ${type.coreInstanceCount} × ${type.coreInstanceType}${
            type.coreVcpus ? ` (${type.coreVcpus} vCPUs, ${type.coreMemoryGiB} GiB each)` : ''
          }`,
        }))}
      />
      {scaling?.enabled ? (
        <RadioField
          form={form}
          name="scaling"
          choices={[
            {
              value: 'managed',
              label: `Scale the core nodes between ${scaling.minInstances} and ${scaling.maxInstances}`,
            },
            { value: 'fixed', label: "Keep the cluster type's size" },
          ]}
        />
      ) : null}
      {options.data?.engine === 'emr' ? (
        <TextField
          form={form}
          name="subnetId"
          placeholder="subnet-… (one of the deployment's subnets when empty)"
        />
      ) : null}
      <div
        className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        data-testid="cluster-termination"
      >
        <span className="font-medium">Automatic termination: </span>
        {costControls.isLoading
          ? 'loading…'
          : ttlHours
            ? `terminated ${ttlHours} hour${ttlHours === 1 ? '' : 's'} after it is created, set by project ${project}.`
            : `none: project ${project} sets no cluster lifetime.`}
      </div>
    </FormPage>
  );
}
