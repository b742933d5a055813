import { useNavigate, useParams, useSearchParams } from 'react-router';

import { createModelInputSchema } from '@mlspace/core';

import type { Route } from './+types/models.new';
import { LocationField } from '../components/form/dataset-picker';
import { RadioField, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { nextName } from '../components/ml/next-name';
import { imageHelp } from '../components/ml/training-definition';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create model · ${params.project} · MLSpace` },
];

const kind = kindBySegment('models');

export const handle = mlSectionCrumbs(() => 'Create model');

/** Shows that models is deactivated instead of a form that could only fail. */
export default onlyWhileActive('models', NewModel);

/** `?trainingJob=<name>` (the training job's page links here) picks that job and names the model after it. */
function NewModel() {
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const trainingJob = search.get('trainingJob') ?? '';
  const jobs = trpc.training.list.useQuery({ project, limit: 100, status: 'Completed' });
  // Job artefacts sit in the training output folder, so it is offered as a place to pick from.
  const trainingOptions = trpc.training.options.useQuery({ project });
  // Which images this deployment runs, and from which repositories.
  const catalogue = trpc.training.algorithms.useQuery();
  const create = trpc.models.create.useMutation();
  const form = useSchemaForm({
    schema: createModelInputSchema,
    initial: {
      project,
      name: nextName(trainingJob, 'model'),
      source: 'training',
      trainingJobName: trainingJob,
      modelDataS3Uri: '',
      image: '',
      inferenceCodeS3Uri: '',
    },
    labels: {
      name: 'Name',
      source: 'Source',
      trainingJobName: 'Training job',
      modelDataS3Uri: 'Model artefact (model.tar.gz)',
      image: 'Container image URI',
      inferenceCodeS3Uri: 'Inference code (optional)',
    },
    toInput: ({ source, trainingJobName, modelDataS3Uri, image, inferenceCodeS3Uri, ...rest }) => ({
      ...rest,
      trainingJobName: source === 'training' ? trainingJobName || undefined : undefined,
      modelDataS3Uri: source !== 'training' ? modelDataS3Uri || undefined : undefined,
      image: source === 'image' ? image.trim() || undefined : undefined,
      inferenceCodeS3Uri: inferenceCodeS3Uri || undefined,
    }),
    check: (values) =>
      values.source === 'image' && !values.image.trim()
        ? [{ path: 'image', message: 'is required: the URI of your image' }]
        : [],
    idPrefix: 'model-',
  });
  const completed = (jobs.data?.items ?? []).map((job) => job.name);
  const outputUri = trainingOptions.data?.defaultOutputS3Uri;

  return (
    <FormPage
      title="Create model"
      description="A model artefact plus the code that serves it."
      onSubmit={form.submit(async (input) => {
        const model = await create.mutateAsync(input);
        await navigate(mlPath(project, kind, model.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create model"
      cancelTo={mlPath(project, kind)}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <RadioField
        form={form}
        name="source"
        choices={[
          { value: 'training', label: 'From a training job' },
          { value: 'artefact', label: 'From a model artefact' },
          { value: 'image', label: 'Your own container image' },
        ]}
      />
      {form.values.source === 'training' ? (
        <SelectField
          form={form}
          name="trainingJobName"
          placeholder="Pick a training job…"
          choices={
            trainingJob && !completed.includes(trainingJob)
              ? [trainingJob, ...completed]
              : completed
          }
          help="Completed training jobs of this project."
        />
      ) : form.values.source === 'artefact' ? (
        <LocationField
          form={form}
          name="modelDataS3Uri"
          access="read"
          project={project}
          outputUri={outputUri}
          help="A job's artefact is in the training output folder under <job>/output/model.tar.gz. The built-in scikit-learn and XGBoost server serves it."
        />
      ) : (
        <>
          <TextField form={form} name="image" mono help={imageHelp(catalogue.data?.support)} />
          <LocationField
            form={form}
            name="modelDataS3Uri"
            access="read"
            optional
            project={project}
            outputUri={outputUri}
            help="Optional: an artefact your image loads from /opt/ml/model."
          />
        </>
      )}
      <LocationField
        form={form}
        name="inferenceCodeS3Uri"
        access="read"
        optional
        project={project}
        outputUri={outputUri}
        help="An inference.py (or sourcedir.tar.gz) with model_fn, input_fn, predict_fn, output_fn. Without it, scikit-learn and XGBoost models are served with CSV and JSON input."
      />
    </FormPage>
  );
}
