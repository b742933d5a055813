#!/usr/bin/env node
/**
 * Regenerates the SageMaker catalogue the repository keeps as data:
 *   packages/core/src/config/instance-type-catalogue.generated.ts
 *     which ML instance types SageMaker accepts for notebooks, training, transform and endpoints
 *     (the enums of AWS's Smithy service model), with vCPUs, memory and accelerators;
 *   packages/aws/src/jobs/algorithm-images.generated.ts
 *     the registry account of every built-in algorithm image in every commercial and GovCloud
 *     region (the SageMaker Python SDK's image_uri_config files).
 *
 * Usage: node tooling/scripts/generate-sagemaker-catalogue.mjs \
 *          --sdk <git dir of aws/sagemaker-python-sdk> --models <git dir of aws/api-models-aws>
 * Both are read at HEAD with `git show`; the commits go into the generated headers. Run prettier on
 * the two outputs afterwards. The script stops, naming the type, when a SageMaker type has no
 * specification below: add it from the EC2 instance type specifications rather than guess.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argument = (name) => {
  const index = process.argv.indexOf(name);
  if (index < 0 || !process.argv[index + 1]) throw new Error(`missing ${name} <git dir>`);
  return process.argv[index + 1];
};
const sdkRepo = argument('--sdk');
const modelsRepo = argument('--models');

const git = (repo, ...args) =>
  execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const headOf = (repo) => git(repo, 'rev-parse', 'HEAD').trim();
const dateOf = (repo) => git(repo, 'log', '-1', '--format=%cs').trim();
const showJson = (repo, file) => JSON.parse(git(repo, 'show', `HEAD:${file}`));

// ---------------------------------------------------------------------------------------------
// Instance types per use, from the Smithy model's enums.
const modelFile = git(modelsRepo, 'ls-tree', '-r', '--name-only', 'HEAD')
  .split('\n')
  .find((file) => /^(models\/)?sagemaker\/service\/[^/]+\/sagemaker-[^/]+\.json$/.test(file));
if (!modelFile) throw new Error('no sagemaker service model in the models repository');
const shapes = showJson(modelsRepo, modelFile).shapes;
const enumValues = (shape) =>
  Object.values(shapes[`com.amazonaws.sagemaker#${shape}`].members).map(
    (member) => member.traits['smithy.api#enumValue'],
  );
/** Use letters as the generated rows spell them. */
const uses = [
  ['n', 'InstanceType'], // notebook instances
  ['t', 'TrainingInstanceType'], // training (and tuning) jobs
  ['b', 'TransformInstanceType'], // batch transform jobs
  ['e', 'ProductionVariantInstanceType'], // endpoint production variants
];
const usesOf = new Map();
for (const [letter, shape] of uses)
  for (const name of enumValues(shape)) usesOf.set(name, (usesOf.get(name) ?? '') + letter);

// ---------------------------------------------------------------------------------------------
// Specifications, from the Amazon EC2 instance type specifications (docs.aws.amazon.com/ec2/
// latest/instancetypes/: general purpose, compute optimized, memory optimized and accelerated
// computing tables). Most families follow one rule: large = 2 vCPUs, xlarge = 4, Nxlarge = 4N,
// with a fixed memory per vCPU; the irregular sizes and the accelerated families are listed.
const memoryPerVcpu = {
  c5: 2,
  c5d: 2,
  c6g: 2,
  c6gd: 2,
  c6gn: 2,
  c6i: 2,
  c6id: 2,
  c7g: 2,
  c7i: 2,
  inf1: 2,
  m4: 4,
  m5: 4,
  m5d: 4,
  m6g: 4,
  m6gd: 4,
  m6i: 4,
  m6id: 4,
  m7i: 4,
  g4dn: 4,
  g5: 4,
  g6: 4,
  inf2: 4,
  r5: 8,
  r5d: 8,
  r6g: 8,
  r6gd: 8,
  r6i: 8,
  r6id: 8,
  r7i: 8,
  r8g: 8,
  g6e: 8,
};
/** [vCPUs, memory GiB] where the family rule does not hold. */
const irregular = {
  't2.medium': [2, 4],
  't2.large': [2, 8],
  't2.xlarge': [4, 16],
  't2.2xlarge': [8, 32],
  't3.medium': [2, 4],
  't3.large': [2, 8],
  't3.xlarge': [4, 16],
  't3.2xlarge': [8, 32],
  'c4.large': [2, 3.75],
  'c4.xlarge': [4, 7.5],
  'c4.2xlarge': [8, 15],
  'c4.4xlarge': [16, 30],
  'c4.8xlarge': [36, 60],
  'c5n.large': [2, 5.25],
  'c5n.xlarge': [4, 10.5],
  'c5n.2xlarge': [8, 21],
  'c5n.4xlarge': [16, 42],
  'c5n.9xlarge': [36, 96],
  'c5n.18xlarge': [72, 192],
  'p2.xlarge': [4, 61],
  'p2.8xlarge': [32, 488],
  'p2.16xlarge': [64, 732],
  'p3.2xlarge': [8, 61],
  'p3.8xlarge': [32, 244],
  'p3.16xlarge': [64, 488],
  'p3dn.24xlarge': [96, 768],
  'p4d.24xlarge': [96, 1152],
  'p4de.24xlarge': [96, 1152],
  'p5.48xlarge': [192, 2048],
  'p5e.48xlarge': [192, 2048],
  'p5en.48xlarge': [192, 2048],
  'dl1.24xlarge': [96, 768],
  'trn1.2xlarge': [8, 32],
  'trn1.32xlarge': [128, 512],
  'trn1n.32xlarge': [128, 512],
  'trn2.48xlarge': [192, 2048],
};
/** Accelerator name per family, and the count per size where it is not one. */
const accelerators = {
  g4dn: ['NVIDIA T4', { '12xlarge': 4 }],
  g5: ['NVIDIA A10G', { '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }],
  g6: ['NVIDIA L4', { '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }],
  g6e: ['NVIDIA L40S', { '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 }],
  p2: ['NVIDIA K80', { '8xlarge': 8, '16xlarge': 16 }],
  p3: ['NVIDIA V100', { '8xlarge': 4, '16xlarge': 8 }],
  p3dn: ['NVIDIA V100', { '24xlarge': 8 }],
  p4d: ['NVIDIA A100', { '24xlarge': 8 }],
  p4de: ['NVIDIA A100 80GB', { '24xlarge': 8 }],
  p5: ['NVIDIA H100', { '48xlarge': 8 }],
  p5e: ['NVIDIA H200', { '48xlarge': 8 }],
  p5en: ['NVIDIA H200', { '48xlarge': 8 }],
  dl1: ['Habana Gaudi', { '24xlarge': 8 }],
  inf1: ['AWS Inferentia', { '6xlarge': 4, '24xlarge': 16 }],
  inf2: ['AWS Inferentia2', { '24xlarge': 6, '48xlarge': 12 }],
  trn1: ['AWS Trainium', { '32xlarge': 16 }],
  trn1n: ['AWS Trainium', { '32xlarge': 16 }],
  trn2: ['AWS Trainium2', { '48xlarge': 16 }],
};

function vcpusOfSize(size) {
  if (size === 'medium') return 1;
  if (size === 'large') return 2;
  if (size === 'xlarge') return 4;
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 4 * Number(multiple[1]);
  throw new Error(`unknown size ${size}`);
}

function specification(name) {
  const [, family, size] = name.split('.');
  const listed = irregular[`${family}.${size}`];
  let vcpus, memory;
  if (listed) [vcpus, memory] = listed;
  else if (memoryPerVcpu[family]) {
    vcpus = vcpusOfSize(size);
    memory = vcpus * memoryPerVcpu[family];
  } else throw new Error(`${name}: no specification; add its family from the EC2 tables`);
  const accelerator = accelerators[family];
  const count = accelerator ? (accelerator[1][size] ?? 1) : 0;
  return { vcpus, memory, accelerator: accelerator?.[0] ?? '', count };
}

// GPU counts are checked against the SDK's own table of instance GPUs.
const gpuInfo = showJson(
  sdkRepo,
  'sagemaker-core/src/sagemaker/core/image_uri_config/instance_gpu_info.json',
)['us-east-1'];

const familyOrder = (name) => name.split('.')[1];
const rows = [...usesOf.keys()]
  .sort((a, b) => {
    const byFamily = familyOrder(a).localeCompare(familyOrder(b));
    return byFamily || specification(a).vcpus - specification(b).vcpus;
  })
  .map((name) => {
    const spec = specification(name);
    const known = gpuInfo[name];
    if (known && known.Count !== spec.count)
      throw new Error(`${name}: ${spec.count} accelerators here, ${known.Count} in the SDK`);
    return [name, spec.vcpus, spec.memory, spec.count, spec.accelerator, usesOf.get(name)];
  });

const modelsCommit = headOf(modelsRepo);
const instanceFile = path.join(
  root,
  'packages/core/src/config/instance-type-catalogue.generated.ts',
);
writeFileSync(
  instanceFile,
  `// Generated by tooling/scripts/generate-sagemaker-catalogue.mjs; do not edit by hand.
// Uses: the enums InstanceType (n, notebooks), TrainingInstanceType (t), TransformInstanceType (b)
// and ProductionVariantInstanceType (e, endpoints) of AWS's Smithy model for SageMaker,
// github.com/aws/api-models-aws ${modelFile} at ${modelsCommit} (${dateOf(modelsRepo)}).
// vCPUs, memory and accelerators: the Amazon EC2 instance type specifications
// (docs.aws.amazon.com/ec2/latest/instancetypes/), accelerator counts checked against the
// SageMaker Python SDK's instance_gpu_info.json.

/** name, vCPUs, memory GiB, accelerator count, accelerator, uses */
export type InstanceTypeRow = readonly [string, number, number, number, string, string];

export const instanceTypeRows: readonly InstanceTypeRow[] = ${JSON.stringify(rows)};
`,
);

// ---------------------------------------------------------------------------------------------
// Built-in algorithm images: the reference's twelve, XGBoost, and scikit-learn for script mode.
const configDir = 'sagemaker-core/src/sagemaker/core/image_uri_config';
const images = [
  ['blazingtext', '1'],
  ['factorization-machines', '1'],
  ['forecasting-deepar', '1'],
  ['image-classification', '1'],
  ['kmeans', '1'],
  ['knn', '1'],
  ['linear-learner', '1'],
  ['object-detection', '1'],
  ['object2vec', '1'],
  ['pca', '1'],
  ['semantic-segmentation', '1'],
  ['xgboost', '1.7-1'],
  ['sklearn', '1.2-1'],
];
/** Commercial and GovCloud regions; China and the isolated partitions use other domains. */
const inScope = (region) => !/^(cn-|us-iso)/.test(region);
const entries = images.map(([framework, version]) => {
  const config = showJson(sdkRepo, `${configDir}/${framework}.json`);
  const scoped = config.training ?? config;
  const entry = scoped.versions[version];
  if (!entry) throw new Error(`${framework} has no version ${version}`);
  const tag = entry.processors
    ? `${version}-${entry.processors[0]}-${entry.py_versions[0]}`
    : version;
  const registries = Object.fromEntries(
    Object.entries(entry.registries).filter(([region]) => inScope(region)),
  );
  return { framework, repository: entry.repository, tag, registries };
});
const regions = [...new Set(entries.flatMap((entry) => Object.keys(entry.registries)))].sort();
// Most images share one registry account per region: the tables are kept once each.
const tables = [];
const imageRows = entries.map((entry) => {
  const accounts = regions.map((region) => entry.registries[region] ?? '');
  let index = tables.findIndex((table) => table.join() === accounts.join());
  if (index < 0) index = tables.push(accounts) - 1;
  return [entry.repository, entry.tag, index];
});

const sdkCommit = headOf(sdkRepo);
writeFileSync(
  path.join(root, 'packages/aws/src/jobs/algorithm-images.generated.ts'),
  `// Generated by tooling/scripts/generate-sagemaker-catalogue.mjs; do not edit by hand.
// Source: github.com/aws/sagemaker-python-sdk ${configDir}/*.json at ${sdkCommit}
// (${dateOf(sdkRepo)}), the registries SageMaker's image_uris.retrieve uses, for commercial and
// GovCloud regions. An empty account means the SDK knows no image there.

export const imageRegions: readonly string[] = ${JSON.stringify(regions)};

/** Registry accounts in the order of imageRegions. */
export const registryTables: readonly (readonly string[])[] = ${JSON.stringify(tables)};

/** repository, tag, registry table */
export const algorithmImageRows: readonly (readonly [string, string, number])[] = ${JSON.stringify(imageRows)};
`,
);

console.log(
  `${rows.length} instance types (${modelFile} at ${modelsCommit.slice(0, 10)}), ` +
    `${imageRows.length} images in ${regions.length} regions with ${tables.length} registry tables`,
);
