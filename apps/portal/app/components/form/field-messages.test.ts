import { expect, test } from 'vitest';

import {
  createEndpointConfigInputSchema,
  createProjectInputSchema,
  createTrainingJobInputSchema,
} from '@mlspace/core';

import {
  formProblem,
  labelFor,
  parseWithSchema,
  problemAt,
  sentence,
  serverProblems,
} from './field-messages';

const refused = {
  message: 'inputs.0.s3Uri: Only the creator may read a private dataset',
  data: {
    fieldErrors: [
      { path: 'inputs.0.s3Uri', message: 'Only the creator may read a private dataset' },
    ],
  },
};
const labels = { name: 'Name', 'inputs.*.s3Uri': 'Channel {n} location', outputS3Uri: 'Output' };

test("a project name that breaks core's rule reads as a sentence about the Name field", () => {
  const { problems } = parseWithSchema(createProjectInputSchema, { name: 'no!', description: '' });
  const problem = problemAt(problems, 'name');
  expect(sentence(labelFor(labels, 'name'), problem!.message)).toBe(
    'Name must be 3 to 24 characters, letters and digits only.',
  );
});

test('a valid input parses to the schema output (trimmed, defaults filled)', () => {
  const parsed = parseWithSchema(createProjectInputSchema, { name: 'Alpha1', description: 'x' });
  expect(parsed).toEqual({ data: { name: 'Alpha1', description: 'x' }, problems: [] });
});

test("rules a schema states without words (min, max, int, required) get plain words, not zod's", () => {
  const { problems } = parseWithSchema(createEndpointConfigInputSchema, {
    project: 'Alpha1',
    name: 'config-1',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'm',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 11,
      },
    ],
  });
  expect(problemAt(problems, 'variants.0.initialInstanceCount')?.message).toBe(
    'must be at most 10',
  );
  const empty = parseWithSchema(createEndpointConfigInputSchema, {
    project: 'Alpha1',
    name: 'config-1',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'm',
        instanceType: 'ml.m5.large',
        initialInstanceCount: Number.NaN,
      },
    ],
  });
  expect(problemAt(empty.problems, 'variants.0.initialInstanceCount')?.message).toBe('is required');
  const fraction = parseWithSchema(createEndpointConfigInputSchema, {
    project: 'Alpha1',
    name: 'config-1',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'm',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1.5,
      },
    ],
  });
  expect(problemAt(fraction.problems, 'variants.0.initialInstanceCount')?.message).toBe(
    'must be a whole number',
  );
});

test('a bad hyperparameter name is reported under the record, with the rule from core', () => {
  const { problems } = parseWithSchema(createTrainingJobInputSchema, {
    project: 'Alpha1',
    name: 'job-1',
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { 'bad name': '1' },
    inputs: [{ name: 'train', s3Uri: 's3://bucket/global/datasets/d/' }],
    outputS3Uri: 's3://bucket/project/Alpha1/training-output',
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  });
  const problem = problemAt(problems, 'hyperParameters', true);
  expect(problem?.message).toContain('letters, digits and _ . : - only');
});

test('a refused storage location is mapped to its own field with a plain label, not its path', () => {
  const problem = problemAt(serverProblems(refused), 'inputs.0.s3Uri');
  expect(sentence(labelFor(labels, problem!.path), problem!.message)).toBe(
    'Only the creator may read a private dataset.',
  );
  expect(problemAt(serverProblems(refused), 'outputS3Uri')).toBeUndefined();
  expect(problemAt(serverProblems(refused), 'inputs.0')).toBeUndefined();
  expect(problemAt(serverProblems(refused), 'inputs', true)?.path).toBe('inputs.0.s3Uri');
});

test('list paths find their label by position, counted from 1', () => {
  expect(labelFor(labels, 'inputs.2.s3Uri')).toBe('Channel 3 location');
  expect(labelFor(labels, 'project')).toBeUndefined();
});

test('a server rule about a labelled field is shown there; the form only points at the fields', () => {
  expect(formProblem(refused, labels, (path) => labelFor(labels, path) !== undefined)).toBe(
    'Check the marked fields.',
  );
});

test('a server rule about an input the form has no field for says the label, never the input path', () => {
  const error = {
    message: 'variants.0.modelName: must be …',
    data: { fieldErrors: [{ path: 'outputS3Uri', message: 'is outside the project' }] },
  };
  const message = formProblem(error, labels, () => false);
  expect(message).toBe('Output is outside the project.');
  expect(message).not.toContain('outputS3Uri');
});

test('errors without field errors (network, conflict) show their own message once', () => {
  expect(formProblem(new Error('A project named Alpha1 exists'), labels, () => true)).toBe(
    'A project named Alpha1 exists',
  );
  expect(formProblem(null, labels, () => true)).toBeNull();
  expect(serverProblems({ data: { fieldErrors: null } })).toEqual([]);
});

test('an instruction from core reads as one, without the label in front', () => {
  expect(sentence('Training job', 'pick a training job, or give a model artefact')).toBe(
    'Pick a training job, or give a model artefact.',
  );
  expect(sentence('Channel 1 location', '"a/../b" must not contain a .. segment')).toBe(
    '"a/../b" must not contain a .. segment.',
  );
});
