/**
 * Built-in training algorithms. Each maps to a SageMaker image on AWS and, where MLSpace ships
 * one, to a local runner script that follows the same container contract.
 */
export interface MetricDefinition {
  name: string;
  /** A regular expression with one capture group: the metric's value. */
  regex: string;
}

export type AlgorithmBackend = 'local' | 'aws';

/** A metric SageMaker's own algorithm reports that a tuning job may optimise, and which way. */
export interface TuningObjective {
  name: string;
  type: 'Maximize' | 'Minimize';
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
  /** Where it runs: locally through `localScript`, on AWS through SageMaker's image. */
  backends: readonly AlgorithmBackend[];
  /** Prefilled in the form; an empty value is one the user must give (it depends on the data). */
  defaultHyperParameters: Record<string, string>;
  metricDefinitions: MetricDefinition[];
  /**
   * What a tuning job may optimise when the algorithm publishes its own metrics (SageMaker's
   * algorithms, whose metrics need no definitions); otherwise the metric definitions' names are
   * the choices.
   */
  tuningObjectives: TuningObjective[];
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
    backends: ['local', 'aws'],
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
    tuningObjectives: [],
  },
  {
    name: 'sklearn-random-forest',
    label: 'Random forest (scikit-learn)',
    description: 'A random forest classifier or regressor; CSV with the label in the first column.',
    sagemakerRepository: 'sagemaker-scikit-learn',
    sagemakerTag: '1.2-1-cpu-py3',
    localScript: 'sklearn_random_forest.py',
    backends: ['local'],
    defaultHyperParameters: { predictor_type: 'classifier', n_estimators: '50' },
    metricDefinitions: [
      { name: 'train:accuracy', regex: `train:accuracy=${number}` },
      { name: 'validation:accuracy', regex: `validation:accuracy=${number}` },
    ],
    tuningObjectives: [],
  },
  {
    name: 'xgboost',
    label: 'XGBoost',
    description: 'Gradient-boosted trees (XGBoost 1.7); CSV with the label in the first column.',
    sagemakerRepository: 'sagemaker-xgboost',
    sagemakerTag: '1.7-1',
    localScript: 'xgboost_train.py',
    backends: ['local', 'aws'],
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
    tuningObjectives: [],
  },
  ...sagemakerOnly([
    {
      name: 'blazingtext',
      label: 'BlazingText',
      description:
        'Word2vec embeddings or text classification; one sentence per line (labels as __label__<name>).',
      sagemakerRepository: 'blazingtext',
      defaultHyperParameters: { mode: 'supervised', epochs: '5' },
      // Word2Vec modes report train:mean_rho; supervised (text classification) validation:accuracy.
      tuningObjectives: [
        { name: 'train:mean_rho', type: 'Maximize' },
        { name: 'validation:accuracy', type: 'Maximize' },
      ],
    },
    {
      name: 'factorization-machines',
      label: 'Factorization machines',
      description: 'Classification or regression on sparse data; recordIO-protobuf float32 input.',
      sagemakerRepository: 'factorization-machines',
      defaultHyperParameters: {
        predictor_type: 'binary_classifier',
        num_factors: '64',
        feature_dim: '',
      },
      // test:rmse for a regressor; the others for a binary classifier.
      tuningObjectives: [
        { name: 'test:rmse', type: 'Minimize' },
        { name: 'test:binary_classification_accuracy', type: 'Maximize' },
        { name: 'test:binary_classification_cross_entropy', type: 'Minimize' },
        { name: 'test:binary_f_beta', type: 'Maximize' },
      ],
    },
    {
      name: 'forecasting-deepar',
      label: 'DeepAR forecasting',
      description: 'Probabilistic forecasts of one-dimensional time series; JSON Lines input.',
      sagemakerRepository: 'forecasting-deepar',
      defaultHyperParameters: {
        time_freq: 'D',
        epochs: '20',
        context_length: '',
        prediction_length: '',
      },
      tuningObjectives: [
        { name: 'test:RMSE', type: 'Minimize' },
        { name: 'test:mean_wQuantileLoss', type: 'Minimize' },
        { name: 'train:final_loss', type: 'Minimize' },
      ],
    },
    {
      name: 'image-classification',
      label: 'Image classification',
      description:
        'A ResNet classifier for images (RecordIO or image files); trains on GPU instances.',
      sagemakerRepository: 'image-classification',
      defaultHyperParameters: { epochs: '10', num_classes: '', num_training_samples: '' },
      tuningObjectives: [{ name: 'validation:accuracy', type: 'Maximize' }],
    },
    {
      name: 'kmeans',
      label: 'k-means',
      description:
        'Clusters records into k groups; CSV without a label column, or recordIO-protobuf.',
      sagemakerRepository: 'kmeans',
      defaultHyperParameters: { k: '', feature_dim: '' },
      tuningObjectives: [
        { name: 'test:msd', type: 'Minimize' },
        { name: 'test:ssd', type: 'Minimize' },
      ],
    },
    {
      name: 'knn',
      label: 'k-nearest neighbours',
      description:
        'Classification or regression from the nearest training records; label in the first column.',
      sagemakerRepository: 'knn',
      defaultHyperParameters: {
        predictor_type: 'classifier',
        k: '',
        sample_size: '',
        feature_dim: '',
      },
      // test:accuracy for a classifier, test:mse for a regressor (predictor_type).
      tuningObjectives: [
        { name: 'test:accuracy', type: 'Maximize' },
        { name: 'test:mse', type: 'Minimize' },
      ],
    },
    {
      name: 'object2vec',
      label: 'Object2Vec',
      description: 'Embeddings of pairs of tokens, sentences or objects; JSON Lines input.',
      sagemakerRepository: 'object2vec',
      defaultHyperParameters: { enc0_max_seq_len: '', enc0_vocab_size: '' },
      // Accuracy and cross-entropy for a classifier, mean squared error for a regressor.
      tuningObjectives: [
        { name: 'validation:accuracy', type: 'Maximize' },
        { name: 'validation:cross_entropy', type: 'Minimize' },
        { name: 'validation:mean_squared_error', type: 'Minimize' },
        { name: 'test:accuracy', type: 'Maximize' },
        { name: 'test:cross_entropy', type: 'Minimize' },
        { name: 'test:mean_squared_error', type: 'Minimize' },
      ],
    },
    {
      name: 'pca',
      label: 'Principal component analysis',
      description:
        'Reduces the number of features; CSV without a label column, or recordIO-protobuf.',
      sagemakerRepository: 'pca',
      defaultHyperParameters: { mini_batch_size: '500', num_components: '', feature_dim: '' },
      // SageMaker documents no objective metric for PCA, so it cannot be tuned.
      tuningObjectives: [],
    },
    {
      name: 'semantic-segmentation',
      label: 'Semantic segmentation',
      description:
        'Labels every pixel of an image (images with PNG annotations); trains on GPU instances.',
      sagemakerRepository: 'semantic-segmentation',
      defaultHyperParameters: { epochs: '10', num_classes: '', num_training_samples: '' },
      tuningObjectives: [
        { name: 'validation:mIOU', type: 'Maximize' },
        { name: 'validation:pixel_accuracy', type: 'Maximize' },
      ],
    },
    {
      name: 'object-detection',
      label: 'Object detection',
      description:
        'Finds and classifies objects in images (RecordIO or JSON annotations); trains on GPU instances.',
      sagemakerRepository: 'object-detection',
      defaultHyperParameters: { epochs: '10', num_classes: '', num_training_samples: '' },
      tuningObjectives: [{ name: 'validation:mAP', type: 'Maximize' }],
    },
  ]),
];

/**
 * SageMaker's own algorithms that MLSpace ships no local runner for. They publish their metrics
 * themselves (SageMaker refuses metric definitions for them), so none are listed; what a tuning
 * job may optimise is each algorithm's "Metrics computed by the … algorithm" table in the SageMaker
 * Developer Guide (the `<algorithm>-tuning` pages, e.g. docs.aws.amazon.com/sagemaker/latest/dg/
 * k-means-tuning.html, deepar-tuning, fm-tuning, kNN-tuning, object2vec-tuning,
 * blazingtext-tuning, IC-tuning, object-detection-tuning, semantic-segmentation-tuning), read in
 * December 2026.
 */
function sagemakerOnly(
  algorithms: Omit<BuiltinAlgorithm, 'backends' | 'sagemakerTag' | 'metricDefinitions'>[],
): BuiltinAlgorithm[] {
  return algorithms.map((algorithm) => ({
    ...algorithm,
    sagemakerTag: '1',
    backends: ['aws'],
    metricDefinitions: [],
  }));
}

/** The image for script mode (the user's own entry point) with scikit-learn installed. */
export const scriptModeImage = {
  repository: 'sagemaker-scikit-learn',
  tag: '1.2-1-cpu-py3',
  localName: 'sklearn',
};

export function findBuiltinAlgorithm(name: string): BuiltinAlgorithm | undefined {
  return builtinAlgorithms.find((algorithm) => algorithm.name === name);
}

/** Hyperparameters the algorithm needs that the user left empty (they depend on the data). */
export function missingHyperParameters(
  algorithm: BuiltinAlgorithm,
  given: Record<string, string>,
): string[] {
  return Object.entries(algorithm.defaultHyperParameters)
    .filter(([name, preset]) => preset === '' && !given[name]?.trim())
    .map(([name]) => name);
}

/**
 * Why a tuning job of this built-in algorithm cannot optimise `metricName`, or null when it can.
 * SageMaker's own algorithms publish fixed metrics; a tuning job naming another fails only once
 * SageMaker starts it, so the form's value is checked here first.
 */
export function tuningObjectiveProblem(
  algorithm: BuiltinAlgorithm,
  metricName: string,
): string | null {
  const choices = [
    ...algorithm.tuningObjectives.map((objective) => objective.name),
    ...algorithm.metricDefinitions.map((metric) => metric.name),
  ];
  if (choices.includes(metricName)) return null;
  if (choices.length === 0) return `${algorithm.label} reports no metric a tuning job can optimise`;
  return `${algorithm.label} reports ${choices.join(', ')}; ${metricName} is not one of them`;
}

export function algorithmRunsOn(algorithm: BuiltinAlgorithm, backend: AlgorithmBackend): boolean {
  return algorithm.backends.includes(backend);
}

/**
 * What each backend runs, in words the forms and errors show. Local mode runs the algorithms it
 * ships a script for and the user's own scripts, as processes on this machine; container images
 * need SageMaker.
 */
export function algorithmSupportStatement(backend: AlgorithmBackend): {
  algorithms: string[];
  scriptMode: boolean;
  containerImages: boolean;
  summary: string;
} {
  const algorithms = builtinAlgorithms.filter((algorithm) => algorithmRunsOn(algorithm, backend));
  const labels = algorithms.map((algorithm) => algorithm.label).join(', ');
  return backend === 'local'
    ? {
        algorithms: algorithms.map((algorithm) => algorithm.name),
        scriptMode: true,
        containerImages: false,
        summary: `Local mode runs ${labels} and your own scikit-learn scripts as processes on this machine; container images and SageMaker's other algorithms run on AWS only.`,
      }
    : {
        algorithms: algorithms.map((algorithm) => algorithm.name),
        scriptMode: true,
        containerImages: true,
        summary: `SageMaker runs ${labels}, your own scikit-learn scripts, and container images from the repositories your administrator allows.`,
      };
}
