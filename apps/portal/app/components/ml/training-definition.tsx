import { useEffect } from 'react';

import type { TrainingDefinitionInput } from '@mlspace/core';

import { LocationField } from '../form/dataset-picker';
import type { FieldLabels, FieldProblem } from '../form/field-messages';
import {
  FieldGroup,
  FieldRow,
  NumberField,
  RadioField,
  RowButton,
  SelectField,
  TextField,
} from '../form/fields';
import type { BoundForm } from '../form/use-schema-form';
import { keyValueLines, parseKeyValueLines } from '../form/values';
import { trpc } from '../../utils/trpc';

/** The training definition as the form edits it: hyperparameters as `name=value` lines. */
export interface TrainingDefinitionValues {
  algorithm: {
    kind: 'builtin' | 'script' | 'image';
    name: string;
    entryPointS3Uri: string;
    imageUri: string;
  };
  hyperParameters: string;
  inputs: { name: string; s3Uri: string }[];
  outputS3Uri: string;
  instanceType: string;
  instanceCount: number;
  maxRuntimeSeconds: number;
  metricDefinitions: { name: string; regex: string }[];
}

export const emptyTrainingDefinition: TrainingDefinitionValues = {
  algorithm: { kind: 'builtin', name: 'sklearn-linear-learner', entryPointS3Uri: '', imageUri: '' },
  hyperParameters: '',
  inputs: [{ name: 'train', s3Uri: '' }],
  outputS3Uri: '',
  instanceType: '',
  instanceCount: 1,
  maxRuntimeSeconds: 3600,
  metricDefinitions: [],
};

/** The part of core's training schemas these values stand for. */
export function trainingDefinitionInput(values: TrainingDefinitionValues): TrainingDefinitionInput {
  const { algorithm, hyperParameters, ...rest } = values;
  return {
    ...rest,
    algorithm:
      algorithm.kind === 'builtin'
        ? { kind: 'builtin', name: algorithm.name }
        : algorithm.kind === 'image'
          ? { kind: 'image', imageUri: algorithm.imageUri }
          : { kind: 'script', entryPointS3Uri: algorithm.entryPointS3Uri },
    hyperParameters: parseKeyValueLines(hyperParameters).values,
  };
}

/** Where the user's image may come from, or why it cannot run here. */
export function imageHelp(
  support:
    { containerImages: boolean; summary: string; allowedImageRepositories: string[] } | undefined,
): string | undefined {
  if (!support) return undefined;
  if (!support.containerImages) return 'Container images cannot run in local mode.';
  return support.allowedImageRepositories.length > 0
    ? `From an allowed ECR repository: ${support.allowedImageRepositories.join(', ')}`
    : 'Your administrator allows no image repositories yet, so an image is refused.';
}

/** A hyperparameter line without `=` (the textarea's format, which the schema never sees). */
export function hyperParameterLineProblems(text: string, prefix = ''): FieldProblem[] {
  const { badLine } = parseKeyValueLines(text);
  return badLine === null
    ? []
    : [{ path: `${prefix}hyperParameters`, message: `line ${badLine} needs the form name=value` }];
}

/** What the definition's fields are called, under `prefix` (`training.` in a tuning job). */
export function trainingDefinitionLabels(
  prefix = '',
  hyperParameterLabel = 'Hyperparameters',
): FieldLabels {
  const labels: FieldLabels = {
    'algorithm.kind': 'Algorithm',
    'algorithm.name': 'Built-in algorithm',
    'algorithm.entryPointS3Uri': 'Entry-point script',
    'algorithm.imageUri': 'Container image URI',
    hyperParameters: hyperParameterLabel,
    inputs: 'Input channels',
    'inputs.*.name': 'Channel {n} name',
    'inputs.*.s3Uri': 'Channel {n} location',
    outputS3Uri: 'Output location',
    instanceType: 'Instance type',
    instanceCount: 'Instance count',
    maxRuntimeSeconds: 'Maximum run time (s)',
    metricDefinitions: 'Metric definitions',
    'metricDefinitions.*.name': 'Metric {n} name',
    'metricDefinitions.*.regex': 'Metric {n} regex',
  };
  return Object.fromEntries(Object.entries(labels).map(([path, label]) => [prefix + path, label]));
}

/**
 * The parts of a training job a tuning job repeats: algorithm, hyperparameters, channels, output,
 * resources, run time and metrics, as fields of the page's form under `prefix`.
 */
export function TrainingDefinitionFields({
  form,
  project,
  prefix = '',
}: {
  form: BoundForm;
  project: string;
  prefix?: string;
}) {
  const catalogue = trpc.training.algorithms.useQuery();
  const algorithms = catalogue.data?.algorithms ?? [];
  const support = catalogue.data?.support;
  const options = trpc.training.options.useQuery({ project });
  const at = (path: string) => `${prefix}${path}`;
  const definition = form.get(prefix.replace(/\.$/, '')) as TrainingDefinitionValues;
  const chosen = algorithms.find((algorithm) => algorithm.name === definition.algorithm.name);
  const algorithmKind = definition.algorithm.kind;
  const builtin = algorithmKind === 'builtin';

  useEffect(() => {
    if (!options.data) return;
    if (!definition.outputS3Uri) form.set(at('outputS3Uri'), options.data.defaultOutputS3Uri);
    if (!definition.instanceType && options.data.instanceTypes[0])
      form.set(at('instanceType'), options.data.instanceTypes[0]);
    // Defaults arrive once; the user's edits are not overwritten.
  }, [options.data]);

  useEffect(() => {
    if (!builtin || !chosen) return;
    form.set(at('hyperParameters'), keyValueLines(chosen.defaultHyperParameters));
    form.set(at('metricDefinitions'), chosen.metricDefinitions);
    // A newly chosen built-in algorithm brings its own defaults.
  }, [builtin, chosen]);

  const inputs = definition.inputs;
  const metrics = definition.metricDefinitions;
  return (
    <>
      <div className="space-y-3">
        <RadioField
          form={form}
          name={at('algorithm.kind')}
          choices={[
            { value: 'builtin', label: 'Built-in algorithm' },
            { value: 'script', label: 'My script (scikit-learn)' },
            { value: 'image', label: 'Your own container image' },
          ]}
        />
        {support ? (
          <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="algorithm-support">
            {support.summary}
          </p>
        ) : null}
        {builtin ? (
          <SelectField
            form={form}
            name={at('algorithm.name')}
            help={chosen?.description}
            choices={algorithms.map((algorithm) => ({
              value: algorithm.name,
              label: algorithm.label,
            }))}
          />
        ) : algorithmKind === 'image' ? (
          <TextField form={form} name={at('algorithm.imageUri')} mono help={imageHelp(support)} />
        ) : (
          <LocationField
            form={form}
            name={at('algorithm.entryPointS3Uri')}
            access="read"
            project={project}
            outputUri={options.data?.defaultOutputS3Uri}
            help="A .py file in one of your datasets; it gets SM_CHANNEL_<NAME>, SM_MODEL_DIR and SM_HPS."
          />
        )}
      </div>
      <TextField
        form={form}
        name={at('hyperParameters')}
        multiline
        rows={4}
        mono
        nested
        help="One name=value per line."
      />
      <FieldGroup legend="Input channels">
        {inputs.map((_, index) => (
          <div
            key={index}
            className="space-y-2 border-b border-slate-100 pb-3 last:border-0 dark:border-slate-800"
          >
            <FieldRow>
              <TextField form={form} name={at(`inputs.${index}.name`)} />
              <div className="flex items-end justify-end">
                {inputs.length > 1 ? (
                  <RowButton
                    tone="remove"
                    label={`Remove channel ${index + 1}`}
                    onClick={() =>
                      form.set(
                        at('inputs'),
                        inputs.filter((_, i) => i !== index),
                      )
                    }
                  >
                    Remove
                  </RowButton>
                ) : null}
              </div>
            </FieldRow>
            <LocationField
              form={form}
              name={at(`inputs.${index}.s3Uri`)}
              access="read"
              project={project}
              outputUri={options.data?.defaultOutputS3Uri}
            />
          </div>
        ))}
        <RowButton
          onClick={() =>
            form.set(at('inputs'), [
              ...inputs,
              {
                name: inputs.length === 1 ? 'validation' : `channel${inputs.length + 1}`,
                s3Uri: '',
              },
            ])
          }
        >
          + Add channel
        </RowButton>
      </FieldGroup>
      <LocationField
        form={form}
        name={at('outputS3Uri')}
        access="write"
        project={project}
        outputUri={options.data?.defaultOutputS3Uri}
        help="model.tar.gz goes to <output>/<job name>/output/."
      />
      <FieldRow columns={3}>
        <SelectField
          form={form}
          name={at('instanceType')}
          choices={options.data?.instanceTypes ?? []}
        />
        <NumberField form={form} name={at('instanceCount')} min={1} max={10} />
        <NumberField form={form} name={at('maxRuntimeSeconds')} min={1} />
      </FieldRow>
      <FieldGroup
        legend="Metric definitions"
        help="Each metric is read from the log by a regular expression with one capture group around the value."
      >
        {metrics.map((_, index) => (
          <div key={index} className="grid items-start gap-2 sm:grid-cols-[12rem_1fr_auto]">
            <TextField form={form} name={at(`metricDefinitions.${index}.name`)} />
            <TextField form={form} name={at(`metricDefinitions.${index}.regex`)} mono />
            <div className="sm:pt-7">
              <RowButton
                tone="remove"
                label={`Remove metric ${index + 1}`}
                onClick={() =>
                  form.set(
                    at('metricDefinitions'),
                    metrics.filter((_, i) => i !== index),
                  )
                }
              >
                Remove
              </RowButton>
            </div>
          </div>
        ))}
        <RowButton
          onClick={() => form.set(at('metricDefinitions'), [...metrics, { name: '', regex: '' }])}
        >
          + Add metric
        </RowButton>
      </FieldGroup>
    </>
  );
}
