import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';

import { createTransformJobInputSchema } from '@mlspace/core';

import type { Route } from './+types/transform.new';
import { LocationField } from '../components/form/dataset-picker';
import { FieldRow, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create transform job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('transform');

export const handle = mlSectionCrumbs(() => 'Create transform job');

/** Shows that transform is deactivated instead of a form that could only fail. */
export default onlyWhileActive('transform', NewTransformJob);

function NewTransformJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const models = trpc.models.list.useQuery({ project, limit: 100 });
  const options = trpc.transform.options.useQuery({ project });
  const create = trpc.transform.create.useMutation();
  const form = useSchemaForm({
    schema: createTransformJobInputSchema,
    initial: {
      project,
      name: '',
      modelName: '',
      inputS3Uri: '',
      outputS3Uri: '',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: '',
    },
    labels: {
      name: 'Name',
      modelName: 'Model',
      inputS3Uri: 'Input (prefix or file)',
      contentType: 'Content type',
      splitType: 'Split',
      instanceType: 'Instance type',
      outputS3Uri: 'Output location',
    },
    idPrefix: 'transform-',
  });
  useEffect(() => {
    if (!options.data) return;
    if (!form.values.outputS3Uri) form.set('outputS3Uri', options.data.defaultOutputS3Uri);
    if (!form.values.instanceType && options.data.instanceTypes[0])
      form.set('instanceType', options.data.instanceTypes[0]);
    // Defaults arrive once; the user's choices are kept.
  }, [options.data]);
  const outputUri = options.data?.defaultOutputS3Uri;

  return (
    <FormPage
      title="Create transform job"
      description="Runs a model over every file under a prefix; each file's predictions go to <output>/<file>.out."
      onSubmit={form.submit(async (input) => {
        const job = await create.mutateAsync(input);
        await navigate(mlPath(project, kind, job.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create transform job"
      cancelTo={mlPath(project, kind)}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <SelectField
        form={form}
        name="modelName"
        placeholder="Pick a model…"
        choices={(models.data?.items ?? []).map((item) => item.name)}
      />
      <LocationField
        form={form}
        name="inputS3Uri"
        access="read"
        project={project}
        outputUri={outputUri}
      />
      <FieldRow columns={3}>
        <SelectField form={form} name="contentType" choices={['text/csv', 'application/json']} />
        <SelectField
          form={form}
          name="splitType"
          choices={['Line', 'None']}
          help="Line: one record per line; None: whole files."
        />
        <SelectField form={form} name="instanceType" choices={options.data?.instanceTypes ?? []} />
      </FieldRow>
      <LocationField
        form={form}
        name="outputS3Uri"
        access="write"
        project={project}
        outputUri={outputUri}
      />
    </FormPage>
  );
}
