import { useEffect } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';

import { createEndpointConfigInputSchema } from '@mlspace/core';

import type { Route } from './+types/endpoint-configs.new';
import { LocationField } from '../components/form/dataset-picker';
import { FieldRow, NumberField, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { nextName } from '../components/ml/next-name';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create endpoint configuration · ${params.project} · MLSpace` },
];

const kind = kindBySegment('endpoint-configs');

export const handle = mlSectionCrumbs(() => 'Create endpoint configuration');

/** Shows that endpoints is deactivated instead of a form that could only fail. */
export default onlyWhileActive('endpoints', NewEndpointConfig);

/** `?model=<name>` (the model's page links here) serves that model and names the config after it. */
function NewEndpointConfig() {
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const model = search.get('model') ?? '';
  const models = trpc.models.list.useQuery({ project, limit: 100 });
  const options = trpc.endpointConfigs.options.useQuery({ project });
  const create = trpc.endpointConfigs.create.useMutation();
  const form = useSchemaForm({
    schema: createEndpointConfigInputSchema,
    initial: {
      project,
      name: nextName(model, 'config'),
      variants: [
        { variantName: 'AllTraffic', modelName: model, instanceType: '', initialInstanceCount: 1 },
      ],
      dataCapture: { s3Uri: '', samplingPercentage: 100 },
    },
    labels: {
      name: 'Name',
      'variants.*.modelName': 'Model',
      'variants.*.instanceType': 'Instance type',
      'variants.*.initialInstanceCount': 'Instance count',
      'dataCapture.s3Uri': 'Data capture location (optional)',
      'dataCapture.samplingPercentage': 'Invocations captured (%)',
    },
    // No location chosen means no data capture.
    toInput: ({ dataCapture, ...rest }) => ({
      ...rest,
      dataCapture: dataCapture.s3Uri ? dataCapture : undefined,
    }),
    idPrefix: 'config-',
  });
  const defaultInstanceType = options.data?.instanceTypes[0];
  useEffect(() => {
    if (defaultInstanceType && !form.values.variants[0]?.instanceType)
      form.set('variants.0.instanceType', defaultInstanceType);
    // The first allowed type is the default once the options arrive; a choice is kept.
  }, [defaultInstanceType]);
  const modelNames = (models.data?.items ?? []).map((item) => item.name);

  return (
    <FormPage
      title="Create endpoint configuration"
      description="One production variant (AllTraffic) serving a model."
      onSubmit={form.submit(async (input) => {
        const config = await create.mutateAsync(input);
        await navigate(mlPath(project, kind, config.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create endpoint configuration"
      cancelTo={mlPath(project, kind)}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <SelectField
        form={form}
        name="variants.0.modelName"
        placeholder="Pick a model…"
        choices={model && !modelNames.includes(model) ? [model, ...modelNames] : modelNames}
      />
      <FieldRow>
        <SelectField
          form={form}
          name="variants.0.instanceType"
          choices={options.data?.instanceTypes ?? []}
        />
        <NumberField form={form} name="variants.0.initialInstanceCount" min={1} max={10} />
      </FieldRow>
      <LocationField
        form={form}
        name="dataCapture.s3Uri"
        access="write"
        optional
        project={project}
        outputUri={options.data?.defaultOutputS3Uri}
        help="Requests and responses of the endpoints deployed from this configuration are written here as JSON lines, as SageMaker's data capture writes them: a dataset of this project or its output folder."
      />
      {form.values.dataCapture.s3Uri ? (
        <NumberField
          form={form}
          name="dataCapture.samplingPercentage"
          min={1}
          max={100}
          help="The share of invocations whose request and response are kept; 100 keeps every one."
        />
      ) : null}
    </FormPage>
  );
}
