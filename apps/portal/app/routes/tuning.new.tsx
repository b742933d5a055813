import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/tuning.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { SimpleForm } from '../components/ml/simple-form';
import {
  TrainingDefinitionFields,
  type TrainingDefinitionValue,
} from '../components/ml/training-definition';
import { ErrorNote } from '../components/ui';
import { computeNameProblem, wholeNumberProblem } from '../utils/ml-rules';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create tuning job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('tuning');

interface RangeRow {
  name: string;
  type: 'Categorical' | 'Integer' | 'Continuous';
  values: string;
  min: string;
  max: string;
  scaling: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
}

/** Shows that tuning is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create tuning job');

export default onlyWhileActive('tuning', NewTuningJob);

function NewTuningJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const create = trpc.tuning.create.useMutation();
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<'Random' | 'Grid' | 'Bayesian' | 'Hyperband'>('Grid');
  const [metric, setMetric] = useState('');
  const [direction, setDirection] = useState<'Maximize' | 'Minimize'>('Maximize');
  const [maxJobs, setMaxJobs] = useState(4);
  const [maxParallel, setMaxParallel] = useState(2);
  const [ranges, setRanges] = useState<RangeRow[]>([
    { name: '', type: 'Categorical', values: '', min: '', max: '', scaling: 'Auto' },
  ]);
  const [definition, setDefinition] = useState<{
    value: TrainingDefinitionValue;
    problem: string | null;
  } | null>(null);
  const [touched, setTouched] = useState(false);
  const metricNames = definition?.value.metricDefinitions.map((m) => m.name).filter(Boolean) ?? [];
  const rangeProblems = ranges.map((range) => {
    if (!range.name.trim()) return 'A range needs the hyperparameter name';
    if (range.type === 'Categorical')
      return range.values.split(',').some((v) => v.trim())
        ? null
        : 'List values separated by commas';
    if (strategy === 'Grid' && range.type === 'Continuous')
      return 'Grid search takes categorical and integer ranges only';
    const [min, max] = [Number(range.min), Number(range.max)];
    if (range.min === '' || range.max === '' || !Number.isFinite(min) || !Number.isFinite(max))
      return 'Min and max must be numbers';
    if (max < min) return 'Max must not be less than min';
    return null;
  });
  const problems = {
    name:
      computeNameProblem(name) ??
      (name.length > 32 ? 'Tuning job names take at most 32 characters' : null),
    metric: metric
      ? metricNames.includes(metric)
        ? null
        : 'Pick one of the training job’s metrics'
      : 'Pick the objective metric',
    maxJobs: wholeNumberProblem(maxJobs, 1, 500, 'Maximum jobs'),
    maxParallel: wholeNumberProblem(maxParallel, 1, 100, 'Parallel jobs'),
  };
  const first =
    problems.name ??
    problems.metric ??
    problems.maxJobs ??
    problems.maxParallel ??
    rangeProblems.find(Boolean) ??
    definition?.problem ??
    null;

  async function submit() {
    setTouched(true);
    if (first || !definition) return;
    const job = await create
      .mutateAsync({
        project,
        name,
        strategy,
        objective: { metricName: metric, type: direction },
        ranges: ranges.map((range) =>
          range.type === 'Categorical'
            ? {
                name: range.name.trim(),
                type: range.type,
                values: range.values
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean),
              }
            : {
                name: range.name.trim(),
                type: range.type,
                min: range.min,
                max: range.max,
                scaling: range.scaling,
              },
        ),
        maxJobs,
        maxParallelJobs: maxParallel,
        training: definition.value,
      })
      .catch(() => null);
    if (job) void navigate(mlPath(project, kind, job.name));
  }

  const update = (index: number, change: Partial<RangeRow>) =>
    setRanges(ranges.map((range, i) => (i === index ? { ...range, ...change } : range)));
  return (
    <SimpleForm
      backTo={mlPath(project, kind)}
      title="Create tuning job"
      description="Runs training jobs over hyperparameter ranges and names the best by the objective metric."
      submitLabel="Create tuning job"
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
    >
      <FormField id="tuning-name" label="Name" problem={touched || name ? problems.name : null}>
        <input
          id="tuning-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
          autoComplete="off"
        />
      </FormField>
      <div className="grid grid-cols-2 gap-4">
        <FormField
          id="strategy"
          label="Strategy"
          help="Random and Grid run locally; Bayesian and Hyperband on AWS."
        >
          <select
            id="strategy"
            value={strategy}
            onChange={(event) => setStrategy(event.target.value as typeof strategy)}
            className={fieldClass}
          >
            {['Grid', 'Random', 'Bayesian', 'Hyperband'].map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </FormField>
        <div className="grid grid-cols-2 gap-2">
          <FormField id="max-jobs" label="Maximum jobs" problem={problems.maxJobs}>
            <input
              id="max-jobs"
              type="number"
              min={1}
              value={maxJobs}
              onChange={(event) => setMaxJobs(Number(event.target.value))}
              className={fieldClass}
            />
          </FormField>
          <FormField id="max-parallel" label="Parallel jobs" problem={problems.maxParallel}>
            <input
              id="max-parallel"
              type="number"
              min={1}
              value={maxParallel}
              onChange={(event) => setMaxParallel(Number(event.target.value))}
              className={fieldClass}
            />
          </FormField>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <FormField
          id="objective-metric"
          label="Objective metric"
          problem={touched ? problems.metric : null}
        >
          <select
            id="objective-metric"
            value={metric}
            onChange={(event) => setMetric(event.target.value)}
            className={fieldClass}
          >
            <option value="">Pick a metric…</option>
            {metricNames.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </FormField>
        <FormField id="objective-direction" label="Direction">
          <select
            id="objective-direction"
            value={direction}
            onChange={(event) => setDirection(event.target.value as typeof direction)}
            className={fieldClass}
          >
            <option>Maximize</option>
            <option>Minimize</option>
          </select>
        </FormField>
      </div>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">Hyperparameter ranges</legend>
        {ranges.map((range, index) => (
          <div key={index}>
            <div className="flex flex-wrap gap-2">
              <input
                aria-label={`Range ${index + 1} name`}
                placeholder="name"
                value={range.name}
                onChange={(event) => update(index, { name: event.target.value })}
                className={`${fieldClass} w-40`}
              />
              <select
                aria-label={`Range ${index + 1} type`}
                value={range.type}
                onChange={(event) =>
                  update(index, { type: event.target.value as RangeRow['type'] })
                }
                className={`${fieldClass} w-36`}
              >
                <option>Categorical</option>
                <option>Integer</option>
                <option>Continuous</option>
              </select>
              {range.type === 'Categorical' ? (
                <input
                  aria-label={`Range ${index + 1} values`}
                  placeholder="a, b, c"
                  value={range.values}
                  onChange={(event) => update(index, { values: event.target.value })}
                  className={`${fieldClass} flex-1`}
                />
              ) : (
                <>
                  <input
                    aria-label={`Range ${index + 1} min`}
                    placeholder="min"
                    value={range.min}
                    onChange={(event) => update(index, { min: event.target.value })}
                    className={`${fieldClass} w-24`}
                  />
                  <input
                    aria-label={`Range ${index + 1} max`}
                    placeholder="max"
                    value={range.max}
                    onChange={(event) => update(index, { max: event.target.value })}
                    className={`${fieldClass} w-24`}
                  />
                  <select
                    aria-label={`Range ${index + 1} scaling`}
                    value={range.scaling}
                    onChange={(event) =>
                      update(index, { scaling: event.target.value as RangeRow['scaling'] })
                    }
                    className={`${fieldClass} w-40`}
                  >
                    {['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic'].map((value) => (
                      <option key={value}>{value}</option>
                    ))}
                  </select>
                </>
              )}
              {ranges.length > 1 ? (
                <button
                  type="button"
                  className="text-sm text-red-700"
                  onClick={() => setRanges(ranges.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              ) : null}
            </div>
            {(touched || range.name) && rangeProblems[index] ? (
              <p className="mt-1 text-xs text-red-700 dark:text-red-300">{rangeProblems[index]}</p>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="text-sm text-brand-700 hover:underline"
          onClick={() =>
            setRanges([
              ...ranges,
              { name: '', type: 'Integer', values: '', min: '', max: '', scaling: 'Auto' },
            ])
          }
        >
          + Add range
        </button>
      </fieldset>
      <h2 className="pt-2 text-lg font-semibold">Training job definition</h2>
      <TrainingDefinitionFields
        project={project}
        touched={touched}
        onChange={(value, problem) => setDefinition({ value, problem })}
        serverError={create.error}
        fieldPrefix="training."
        hyperParameterLabel="Static hyperparameters"
      />
      {touched && first ? <ErrorNote message={first} /> : null}
    </SimpleForm>
  );
}
