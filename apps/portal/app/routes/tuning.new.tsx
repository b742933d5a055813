import { useNavigate, useParams } from 'react-router';

import { createTuningJobInputSchema } from '@mlspace/core';

import type { Route } from './+types/tuning.new';
import {
  FieldGroup,
  FieldRow,
  NumberField,
  RowButton,
  SelectField,
  TextField,
} from '../components/form/fields';
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
  { title: `Create tuning job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('tuning');

interface RangeRow {
  name: string;
  type: 'Categorical' | 'Integer' | 'Continuous';
  /** Categorical values as typed: comma-separated. */
  values: string;
  min: string;
  max: string;
  scaling: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
}

const newRange = (type: RangeRow['type']): RangeRow => ({
  name: '',
  type,
  values: '',
  min: '',
  max: '',
  scaling: 'Auto',
});

export const handle = mlSectionCrumbs(() => 'Create tuning job');

/** Shows that tuning is deactivated instead of a form that could only fail. */
export default onlyWhileActive('tuning', NewTuningJob);

function NewTuningJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const create = trpc.tuning.create.useMutation();
  const form = useSchemaForm({
    schema: createTuningJobInputSchema,
    initial: {
      project,
      name: '',
      strategy: 'Grid',
      objective: { metricName: '', type: 'Maximize' },
      ranges: [newRange('Categorical')],
      maxJobs: 4,
      maxParallelJobs: 2,
      training: emptyTrainingDefinition,
    },
    labels: {
      name: 'Name',
      strategy: 'Strategy',
      maxJobs: 'Maximum jobs',
      maxParallelJobs: 'Parallel jobs',
      'objective.metricName': 'Objective metric',
      'objective.type': 'Direction',
      ranges: 'Hyperparameter ranges',
      'ranges.*.name': 'Range {n} name',
      'ranges.*.type': 'Range {n} type',
      'ranges.*.values': 'Range {n} values',
      'ranges.*.min': 'Range {n} min',
      'ranges.*.max': 'Range {n} max',
      'ranges.*.scaling': 'Range {n} scaling',
      ...trainingDefinitionLabels('training.', 'Static hyperparameters'),
    },
    toInput: ({ ranges, training, ...rest }) => ({
      ...rest,
      ranges: ranges.map(({ values, min, max, scaling, ...range }) =>
        range.type === 'Categorical'
          ? {
              ...range,
              values: values
                .split(',')
                .map((value) => value.trim())
                .filter(Boolean),
            }
          : { ...range, min, max, scaling },
      ),
      training: trainingDefinitionInput(training),
    }),
    check: (values) => hyperParameterLineProblems(values.training.hyperParameters, 'training.'),
    idPrefix: 'tuning-',
  });
  const ranges = form.values.ranges;
  // SageMaker's own algorithms publish fixed metrics (no definitions): their objectives are those.
  const catalogue = trpc.training.algorithms.useQuery();
  const algorithm = form.values.training.algorithm;
  const builtin =
    algorithm.kind === 'builtin'
      ? catalogue.data?.algorithms.find((candidate) => candidate.name === algorithm.name)
      : undefined;
  const metricNames = [
    ...(builtin?.tuningObjectives.map((objective) => objective.name) ?? []),
    ...form.values.training.metricDefinitions.map((metric) => metric.name).filter(Boolean),
  ];

  return (
    <FormPage
      title="Create tuning job"
      description="Runs training jobs over hyperparameter ranges and names the best by the objective metric."
      onSubmit={form.submit(async (input) => {
        const job = await create.mutateAsync(input);
        await navigate(mlPath(project, kind, job.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create tuning job"
      cancelTo={mlPath(project, kind)}
    >
      <TextField form={form} name="name" help="Letters, digits and hyphens; at most 32." />
      <FieldRow columns={3}>
        <SelectField
          form={form}
          name="strategy"
          choices={['Grid', 'Random', 'Bayesian', 'Hyperband']}
          help="Random and Grid run locally; Bayesian and Hyperband on AWS."
        />
        <NumberField form={form} name="maxJobs" min={1} max={500} />
        <NumberField form={form} name="maxParallelJobs" min={1} max={100} />
      </FieldRow>
      <FieldRow>
        <SelectField
          form={form}
          name="objective.metricName"
          placeholder="Pick a metric…"
          choices={metricNames}
          help="A metric the algorithm reports, or one of the metric definitions below."
        />
        <SelectField form={form} name="objective.type" choices={['Maximize', 'Minimize']} />
      </FieldRow>
      <FieldGroup
        legend="Hyperparameter ranges"
        help="A Grid search takes categorical and integer ranges only."
      >
        {ranges.map((range, index) => (
          <div
            key={index}
            className="grid items-start gap-2 border-b border-slate-100 pb-3 last:border-0 sm:grid-cols-4 dark:border-slate-800"
          >
            <TextField form={form} name={`ranges.${index}.name`} placeholder="learning_rate" />
            <SelectField
              form={form}
              name={`ranges.${index}.type`}
              choices={['Categorical', 'Integer', 'Continuous']}
            />
            {range.type === 'Categorical' ? (
              <div className="sm:col-span-2">
                <TextField
                  form={form}
                  name={`ranges.${index}.values`}
                  placeholder="a, b, c"
                  nested
                />
              </div>
            ) : (
              <>
                <FieldRow>
                  <TextField form={form} name={`ranges.${index}.min`} />
                  <TextField form={form} name={`ranges.${index}.max`} />
                </FieldRow>
                <SelectField
                  form={form}
                  name={`ranges.${index}.scaling`}
                  choices={['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic']}
                />
              </>
            )}
            {ranges.length > 1 ? (
              <RowButton
                tone="remove"
                label={`Remove range ${index + 1}`}
                onClick={() =>
                  form.set(
                    'ranges',
                    ranges.filter((_, i) => i !== index),
                  )
                }
              >
                Remove
              </RowButton>
            ) : null}
          </div>
        ))}
        <RowButton onClick={() => form.set('ranges', [...ranges, newRange('Integer')])}>
          + Add range
        </RowButton>
      </FieldGroup>
      <h3 className="pt-2 text-lg font-semibold">Training job definition</h3>
      <TrainingDefinitionFields form={form} project={project} prefix="training." />
    </FormPage>
  );
}
