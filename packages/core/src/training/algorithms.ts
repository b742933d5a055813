/**
 * Built-in training algorithms. Each maps to a SageMaker image on AWS and, where MLSpace ships
 * one, to a local runner script that follows the same container contract.
 */
export interface MetricDefinition {
  name: string;
  /** A regular expression with one capture group: the metric's value. */
  regex: string;
}

export interface BuiltinAlgorithm {
  /** What the user picks and what the local backend runs (`AlgorithmSpec.image` locally). */
  name: string;
  label: string;
  description: string;
  /** SageMaker's image repository and tag; the registry account depends on the region. */
  sagemakerRepository: string;
  sagemakerTag: string;
  /** Script under packages/local/python/algorithms, when the algorithm runs locally. */
  localScript?: string;
  defaultHyperParameters: Record<string, string>;
  metricDefinitions: MetricDefinition[];
}

const number = '([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)';

export const builtinAlgorithms: readonly BuiltinAlgorithm[] = [
  {
    name: 'sklearn-linear-learner',
    label: 'Linear learner (scikit-learn)',
    description:
      'A linear classifier or regressor trained by SGD; CSV with the label in the first column.',
    sagemakerRepository: 'linear-learner',
    sagemakerTag: '1',
    localScript: 'sklearn_linear_learner.py',
    defaultHyperParameters: {
      predictor_type: 'binary_classifier',
      epochs: '10',
      learning_rate: '0.1',
    },
    metricDefinitions: [
      { name: 'train:accuracy', regex: `train:accuracy=${number}` },
      { name: 'train:loss', regex: `train:loss=${number}` },
      { name: 'validation:accuracy', regex: `validation:accuracy=${number}` },
    ],
  },
  {
    name: 'sklearn-random-forest',
    label: 'Random forest (scikit-learn)',
    description: 'A random forest classifier or regressor; CSV with the label in the first column.',
    sagemakerRepository: 'sagemaker-scikit-learn',
    sagemakerTag: '1.2-1-cpu-py3',
    localScript: 'sklearn_random_forest.py',
    defaultHyperParameters: { predictor_type: 'classifier', n_estimators: '50' },
    metricDefinitions: [
      { name: 'train:accuracy', regex: `train:accuracy=${number}` },
      { name: 'validation:accuracy', regex: `validation:accuracy=${number}` },
    ],
  },
  {
    name: 'xgboost',
    label: 'XGBoost',
    description: 'Gradient-boosted trees (XGBoost 1.7); CSV with the label in the first column.',
    sagemakerRepository: 'sagemaker-xgboost',
    sagemakerTag: '1.7-1',
    localScript: 'xgboost_train.py',
    defaultHyperParameters: {
      num_round: '20',
      objective: 'reg:squarederror',
      max_depth: '3',
      eta: '0.3',
    },
    metricDefinitions: [
      { name: 'train:rmse', regex: `train-rmse:${number}` },
      { name: 'validation:rmse', regex: `validation-rmse:${number}` },
      { name: 'train:error', regex: `train-error:${number}` },
      { name: 'validation:error', regex: `validation-error:${number}` },
    ],
  },
];

/** The image for script mode (the user's own entry point) with scikit-learn installed. */
export const scriptModeImage = {
  repository: 'sagemaker-scikit-learn',
  tag: '1.2-1-cpu-py3',
  localName: 'sklearn',
};

export function findBuiltinAlgorithm(name: string): BuiltinAlgorithm | undefined {
  return builtinAlgorithms.find((algorithm) => algorithm.name === name);
}

// SageMaker's first-party image registry accounts for the regions MLSpace is deployed to most.
const imageAccounts: Record<string, string> = {
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-west-1': '746614075791',
  'us-west-2': '246618743249',
  'eu-west-1': '141502667606',
  'eu-central-1': '492215442770',
  'us-gov-west-1': '414596584902',
};

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`; undefined for an unknown region. */
export function sagemakerImageUri(
  repository: string,
  tag: string,
  region: string,
): string | undefined {
  const account = imageAccounts[region];
  return account ? `${account}.dkr.ecr.${region}.amazonaws.com/${repository}:${tag}` : undefined;
}
