import { useNavigate, useParams } from 'react-router';

import { createTrainingJobInputSchema } from '@mlspace/core';

import type { Route } from './+types/training.new';
import { TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import {
  TrainingDefinitionFields,
  emptyTrainingDefinition,
  hyperParameterLineProblems,
  trainingDefinitionInput,
  trainingDefinitionLabels,
} from '../components/ml/training-definition';
import { mlSectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create training job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('training');

export const handle = mlSectionCrumbs(() => 'Create training job');

/** Shows that training is deactivated instead of a form that could only fail. */
export default onlyWhileActive('training', NewTrainingJob);

function NewTrainingJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const create = trpc.training.create.useMutation();
  const form = useSchemaForm({
    schema: createTrainingJobInputSchema,
    initial: { project, name: '', ...emptyTrainingDefinition },
    labels: { name: 'Name', ...trainingDefinitionLabels() },
    toInput: ({ project, name, ...definition }) => ({
      project,
      name,
      ...trainingDefinitionInput(definition),
    }),
    check: (values) => hyperParameterLineProblems(values.hyperParameters),
    idPrefix: 'job-',
  });

  return (
    <FormPage
      title="Create training job"
      description={`Runs in project ${project}; the model artefact goes to the output location.`}
      onSubmit={form.submit(async (input) => {
        const job = await create.mutateAsync(input);
        await navigate(mlPath(project, kind, job.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create training job"
      cancelTo={mlPath(project, kind)}
    >
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <TrainingDefinitionFields form={form} project={project} />
    </FormPage>
  );
}
