import { useEffect, useState } from 'react';

import {
  parseKeyValues,
  regexProblem,
  s3UriProblem,
  wholeNumberProblem,
} from '../../utils/ml-rules';
import { serverFieldProblem } from '../../utils/server-field-errors';
import { trpc, type Outputs } from '../../utils/trpc';
import { DatasetLocations } from './dataset-locations';
import { FormField, fieldClass } from './form-field';

type Algorithm = Outputs['training']['algorithms'][number];

export interface TrainingDefinitionValue {
  algorithm: { kind: 'builtin'; name: string } | { kind: 'script'; entryPointS3Uri: string };
  hyperParameters: Record<string, string>;
  inputs: { name: string; s3Uri: string }[];
  outputS3Uri: string;
  instanceType: string;
  instanceCount: number;
  maxRuntimeSeconds: number;
  metricDefinitions: { name: string; regex: string }[];
}

/**
 * The parts of a training job a tuning job repeats: algorithm, hyperparameters, channels, output,
 * resources, run time and metrics. Reports its value and its first problem on every change.
 */
export function TrainingDefinitionFields({
  project,
  touched,
  onChange,
  hyperParameterLabel = 'Hyperparameters',
  serverError,
  fieldPrefix = '',
}: {
  project: string;
  touched: boolean;
  onChange: (value: TrainingDefinitionValue, problem: string | null) => void;
  hyperParameterLabel?: string;
  /** The create call's error: a refused location is shown next to its field. */
  serverError?: unknown;
  /** Where the definition sits in the create input (`training.` for tuning). */
  fieldPrefix?: string;
}) {
  const algorithms = trpc.training.algorithms.useQuery();
  const options = trpc.training.options.useQuery({ project });
  const [kind, setKind] = useState<'builtin' | 'script'>('builtin');
  const [builtin, setBuiltin] = useState('sklearn-linear-learner');
  const [script, setScript] = useState('');
  const [hyperText, setHyperText] = useState('');
  const [inputs, setInputs] = useState([{ name: 'train', s3Uri: '' }]);
  const [output, setOutput] = useState('');
  const [instanceType, setInstanceType] = useState('');
  const [count, setCount] = useState(1);
  const [maxRuntime, setMaxRuntime] = useState(3600);
  const [metrics, setMetrics] = useState<{ name: string; regex: string }[]>([]);
  const chosen: Algorithm | undefined = algorithms.data?.find(
    (algorithm) => algorithm.name === builtin,
  );

  useEffect(() => {
    if (!output && options.data) setOutput(options.data.defaultOutputS3Uri);
    if (!instanceType && options.data?.instanceTypes[0])
      setInstanceType(options.data.instanceTypes[0]);
  }, [options.data, output, instanceType]);

  useEffect(() => {
    if (kind === 'builtin' && chosen) {
      setHyperText(
        Object.entries(chosen.defaultHyperParameters)
          .map(([key, value]) => `${key}=${value}`)
          .join('\n'),
      );
      setMetrics(chosen.metricDefinitions);
    }
  }, [kind, chosen]);

  const hyper = parseKeyValues(hyperText);
  const problems = {
    script:
      kind === 'script'
        ? (s3UriProblem(script) ??
          (script.endsWith('.py') ? null : 'The entry point must be a .py file'))
        : null,
    hyper: hyper.problem,
    inputs: inputs.map((input) =>
      input.name && /^[A-Za-z0-9._-]{1,64}$/.test(input.name)
        ? s3UriProblem(input.s3Uri)
        : 'Channel names take 1 to 64 letters, digits, . _ -',
    ),
    output: s3UriProblem(output),
    count: wholeNumberProblem(count, 1, 10, 'Instance count'),
    maxRuntime: wholeNumberProblem(maxRuntime, 1, 432000, 'Maximum run time'),
    metrics: metrics.map((metric) =>
      metric.name.trim() ? regexProblem(metric.regex) : 'A metric needs a name',
    ),
  };
  const first =
    problems.script ??
    problems.hyper ??
    problems.inputs.find(Boolean) ??
    problems.output ??
    problems.count ??
    problems.maxRuntime ??
    problems.metrics.find(Boolean) ??
    (instanceType ? null : 'Pick an instance type');

  useEffect(() => {
    onChange(
      {
        algorithm:
          kind === 'builtin' ? { kind, name: builtin } : { kind, entryPointS3Uri: script.trim() },
        hyperParameters: hyper.values,
        inputs: inputs.map((input) => ({ name: input.name, s3Uri: input.s3Uri.trim() })),
        outputS3Uri: output.trim(),
        instanceType,
        instanceCount: count,
        maxRuntimeSeconds: maxRuntime,
        metricDefinitions: metrics,
      },
      first ?? null,
    );
    // onChange is the parent's setter; the value is rebuilt from these fields.
  }, [
    kind,
    builtin,
    script,
    hyperText,
    inputs,
    output,
    instanceType,
    count,
    maxRuntime,
    metrics,
    first,
  ]);

  const show = (problem: string | null | undefined) => (touched ? problem : null);
  const server = (field: string) => serverFieldProblem(serverError, `${fieldPrefix}${field}`);
  return (
    <>
      <DatasetLocations id="dataset-locations" />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">Algorithm</legend>
        <div className="flex gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="algorithm-kind"
              checked={kind === 'builtin'}
              onChange={() => setKind('builtin')}
            />{' '}
            Built-in algorithm
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="algorithm-kind"
              checked={kind === 'script'}
              onChange={() => setKind('script')}
            />{' '}
            My script (scikit-learn)
          </label>
        </div>
        {kind === 'builtin' ? (
          <FormField id="builtin" label="Built-in algorithm" help={chosen?.description}>
            <select
              id="builtin"
              value={builtin}
              onChange={(event) => setBuiltin(event.target.value)}
              className={fieldClass}
            >
              {(algorithms.data ?? []).map((algorithm) => (
                <option key={algorithm.name} value={algorithm.name}>
                  {algorithm.label}
                </option>
              ))}
            </select>
          </FormField>
        ) : (
          <FormField
            id="entry-point"
            label="Entry-point script"
            help="A .py file in one of your datasets; it gets SM_CHANNEL_<NAME>, SM_MODEL_DIR and SM_HPS."
            problem={show(problems.script) ?? server('algorithm.entryPointS3Uri')}
          >
            <input
              id="entry-point"
              list="dataset-locations"
              value={script}
              onChange={(event) => setScript(event.target.value)}
              placeholder="s3://bucket/…/train.py"
              className={fieldClass}
            />
          </FormField>
        )}
      </fieldset>
      <FormField
        id="hyperparameters"
        label={hyperParameterLabel}
        help="One name=value per line."
        problem={hyper.problem ?? server('hyperParameters.')}
      >
        <textarea
          id="hyperparameters"
          rows={4}
          value={hyperText}
          onChange={(event) => setHyperText(event.target.value)}
          className={`${fieldClass} font-mono`}
        />
      </FormField>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">Input channels</legend>
        {inputs.map((input, index) => (
          <div key={index}>
            <div className="flex gap-2">
              <input
                aria-label={`Channel ${index + 1} name`}
                value={input.name}
                onChange={(event) =>
                  setInputs(
                    inputs.map((item, i) =>
                      i === index ? { ...item, name: event.target.value } : item,
                    ),
                  )
                }
                className={`${fieldClass} w-32`}
              />
              <input
                aria-label={`Channel ${index + 1} S3 URI`}
                list="dataset-locations"
                value={input.s3Uri}
                placeholder="s3://bucket/dataset/prefix/"
                onChange={(event) =>
                  setInputs(
                    inputs.map((item, i) =>
                      i === index ? { ...item, s3Uri: event.target.value } : item,
                    ),
                  )
                }
                className={fieldClass}
              />
              {inputs.length > 1 ? (
                <button
                  type="button"
                  className="text-sm text-red-700"
                  onClick={() => setInputs(inputs.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              ) : null}
            </div>
            {(show(problems.inputs[index]) ?? server(`inputs.${index}.s3Uri`)) ? (
              <p
                data-testid={`channel-${index}-problem`}
                className="mt-1 text-xs text-red-700 dark:text-red-300"
              >
                {show(problems.inputs[index]) ?? server(`inputs.${index}.s3Uri`)}
              </p>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="text-sm text-brand-700 hover:underline"
          onClick={() =>
            setInputs([
              ...inputs,
              {
                name: inputs.length === 1 ? 'validation' : `channel${inputs.length + 1}`,
                s3Uri: '',
              },
            ])
          }
        >
          + Add channel
        </button>
      </fieldset>
      <FormField
        id="output"
        label="Output location"
        help="model.tar.gz goes to <output>/<job name>/output/."
        problem={show(problems.output) ?? server('outputS3Uri')}
      >
        <input
          id="output"
          value={output}
          onChange={(event) => setOutput(event.target.value)}
          className={fieldClass}
        />
      </FormField>
      <div className="grid grid-cols-3 gap-4">
        <FormField id="instance-type" label="Instance type">
          <select
            id="instance-type"
            value={instanceType}
            onChange={(event) => setInstanceType(event.target.value)}
            className={fieldClass}
          >
            {(options.data?.instanceTypes ?? []).map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </FormField>
        <FormField id="instance-count" label="Instance count" problem={problems.count}>
          <input
            id="instance-count"
            type="number"
            min={1}
            max={10}
            value={count}
            onChange={(event) => setCount(Number(event.target.value))}
            className={fieldClass}
          />
        </FormField>
        <FormField id="max-runtime" label="Maximum run time (s)" problem={problems.maxRuntime}>
          <input
            id="max-runtime"
            type="number"
            min={1}
            value={maxRuntime}
            onChange={(event) => setMaxRuntime(Number(event.target.value))}
            className={fieldClass}
          />
        </FormField>
      </div>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">Metric definitions</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Each metric is read from the log by a regular expression with one capture group around the
          value.
        </p>
        {metrics.map((metric, index) => (
          <div key={index}>
            <div className="flex gap-2">
              <input
                aria-label={`Metric ${index + 1} name`}
                value={metric.name}
                onChange={(event) =>
                  setMetrics(
                    metrics.map((item, i) =>
                      i === index ? { ...item, name: event.target.value } : item,
                    ),
                  )
                }
                className={`${fieldClass} w-48`}
              />
              <input
                aria-label={`Metric ${index + 1} regex`}
                value={metric.regex}
                onChange={(event) =>
                  setMetrics(
                    metrics.map((item, i) =>
                      i === index ? { ...item, regex: event.target.value } : item,
                    ),
                  )
                }
                className={`${fieldClass} font-mono`}
              />
              <button
                type="button"
                className="text-sm text-red-700"
                onClick={() => setMetrics(metrics.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </div>
            {problems.metrics[index] ? (
              <p className="mt-1 text-xs text-red-700 dark:text-red-300">
                {problems.metrics[index]}
              </p>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="text-sm text-brand-700 hover:underline"
          onClick={() => setMetrics([...metrics, { name: '', regex: '' }])}
        >
          + Add metric
        </button>
      </fieldset>
    </>
  );
}
