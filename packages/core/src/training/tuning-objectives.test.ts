import { expect, test } from 'vitest';

import { builtinAlgorithms, tuningObjectiveProblem } from './algorithms';

test('every SageMaker algorithm that publishes its own metrics offers a tuning objective, except PCA, which SageMaker documents none for (ten had none, so they could not be tuned)', () => {
  const withoutObjective = builtinAlgorithms
    .filter((algorithm) => algorithm.metricDefinitions.length === 0)
    .filter((algorithm) => algorithm.tuningObjectives.length === 0)
    .map((algorithm) => algorithm.name);
  expect(withoutObjective).toEqual(['pca']);
});

test('an objective is one of the metrics the algorithm reports or defines, named in SageMaker’s metric form', () => {
  for (const algorithm of builtinAlgorithms) {
    for (const objective of algorithm.tuningObjectives) {
      expect(objective.name, algorithm.name).toMatch(/^(train|validation|test):[A-Za-z_]+$/);
      expect(tuningObjectiveProblem(algorithm, objective.name)).toBeNull();
    }
  }
  const xgboost = builtinAlgorithms.find((algorithm) => algorithm.name === 'xgboost')!;
  expect(tuningObjectiveProblem(xgboost, 'validation:rmse')).toBeNull();
  expect(tuningObjectiveProblem(xgboost, 'test:msd')).toMatch(/is not one of them/);
});
