import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { getObjectBytes, parseS3Uri } from './s3-objects';
import {
  classificationCsv,
  startJobsTestEnv,
  testBucket,
  trainingRequest,
  type JobsTestEnv,
} from './test-support';
import { createLocalTrainingJobs, type LocalTrainingJobs } from './training-runner';

let env: JobsTestEnv;
let jobs: LocalTrainingJobs;

beforeAll(async () => {
  env = await startJobsTestEnv();
  jobs = createLocalTrainingJobs({
    s3: env.s3,
    rootDir: path.join(env.dir, 'jobs'),
    events: env.events,
    stopGraceMs: 1000,
  });
  await env.put('datasets/train/part-1.csv', classificationCsv(150, 1));
  await env.put('datasets/train/part-2.csv', classificationCsv(50, 2));
  await env.put('datasets/validation/valid.csv', classificationCsv(60, 3));
});

afterAll(async () => {
  await jobs?.shutdown();
  await env?.stop();
});

async function untar(uri: string): Promise<string> {
  const bytes = await getObjectBytes(env.s3, parseS3Uri(uri));
  const dir = mkdtempSync(path.join(env.dir, 'untar-'));
  writeFileSync(path.join(dir, 'model.tar.gz'), bytes);
  execFileSync('tar', ['-xzf', 'model.tar.gz'], { cwd: dir });
  return dir;
}

test('the built-in linear learner trains on CSV channels, reports metrics per epoch and uploads model.tar.gz', async () => {
  const created = await jobs.create(
    trainingRequest('linear-1', {
      inputs: [
        { name: 'train', s3Uri: `s3://${testBucket}/datasets/train/` },
        { name: 'validation', s3Uri: `s3://${testBucket}/datasets/validation/valid.csv` },
      ],
    }),
  );
  expect(created.status).toBe('InProgress');
  const done = await jobs.settled('linear-1');
  expect(done.failureReason).toBeUndefined();
  expect(done.status).toBe('Completed');
  expect(done.modelArtifactsS3Uri).toBe(`s3://${testBucket}/output/linear-1/output/model.tar.gz`);
  const accuracy = done.metrics.filter((metric) => metric.name === 'validation:accuracy');
  expect(accuracy).toHaveLength(5);
  expect(accuracy.at(-1)!.value).toBeGreaterThan(0.75);
  expect(accuracy.every((point) => !Number.isNaN(Date.parse(point.at!)))).toBe(true);
  const model = await untar(done.modelArtifactsS3Uri!);
  expect(existsSync(path.join(model, 'model.joblib'))).toBe(true);
  const folder = path.join(env.dir, 'jobs', 'linear-1');
  expect(
    JSON.parse(readFileSync(path.join(folder, 'input/config/hyperparameters.json'), 'utf8')),
  ).toEqual({ epochs: '5' });
  expect(existsSync(path.join(folder, 'input/data/train/part-2.csv'))).toBe(true);
  expect(existsSync(path.join(folder, 'input/data/validation/valid.csv'))).toBe(true);
  expect(
    env.seen.filter((event) => event.name === 'linear-1').map((event) => event.status),
  ).toEqual(['InProgress', 'Completed']);
});

test('logs are read page by page from a cursor', async () => {
  const first = await jobs.logs({ name: 'linear-1', limit: 2 });
  expect(first.lines).toHaveLength(2);
  expect(first.lines[0]!.message).toContain('Downloading channel train');
  const rest = await jobs.logs({ name: 'linear-1', cursor: first.cursor });
  expect(rest.lines.some((line) => line.message.includes('train:accuracy='))).toBe(true);
  const none = await jobs.logs({ name: 'linear-1', cursor: rest.cursor });
  expect(none.lines).toEqual([]);
  expect(none.cursor).toBe(rest.cursor);
});

/** What the script below writes: its SM_* environment, its arguments and its channel's files. */
interface ScriptFacts {
  argv: string[];
  files: string[];
  SM_HPS: string;
  SM_HP_MAX_DEPTH: string;
  SM_CHANNELS: string;
  SM_NUM_GPUS: string;
  SM_CURRENT_HOST: string;
  SM_HOSTS: string;
  SM_OUTPUT_DATA_DIR: string;
}

test('a script from S3 gets the SageMaker environment, hyperparameters as options, and its own metric regex', async () => {
  const script = await env.put(
    'code/train.py',
    [
      'import json, os, sys',
      'model = os.environ["SM_MODEL_DIR"]',
      'facts = {k: v for k, v in os.environ.items() if k.startswith("SM_")}',
      'facts["argv"] = sys.argv[1:]',
      'facts["files"] = sorted(os.listdir(os.environ["SM_CHANNEL_TRAIN"]))',
      'json.dump(facts, open(os.path.join(model, "facts.json"), "w"))',
      'for step in range(3): print("step %d loss: %.2f" % (step, 1.0 / (step + 1)))',
    ].join('\n'),
  );
  await jobs.create(
    trainingRequest('script-1', {
      algorithm: {
        image: 'sklearn',
        entryPoint: script,
        metricDefinitions: [{ name: 'loss', regex: 'loss: ([0-9.]+)' }],
      },
      hyperParameters: { alpha: '0.5', 'max-depth': '3' },
    }),
  );
  const done = await jobs.settled('script-1');
  expect(done.status).toBe('Completed');
  expect(done.metrics.map((metric) => metric.value)).toEqual([1, 0.5, 0.33]);
  const facts = JSON.parse(
    readFileSync(path.join(await untar(done.modelArtifactsS3Uri!), 'facts.json'), 'utf8'),
  ) as ScriptFacts;
  expect(facts.argv).toEqual(['--alpha', '0.5', '--max-depth', '3']);
  expect(JSON.parse(facts.SM_HPS)).toEqual({ alpha: '0.5', 'max-depth': '3' });
  expect(facts.SM_HP_MAX_DEPTH).toBe('3');
  expect(JSON.parse(facts.SM_CHANNELS)).toEqual(['train']);
  expect(facts.SM_NUM_GPUS).toBe('0');
  expect(facts.SM_CURRENT_HOST).toBe('algo-1');
  expect(JSON.parse(facts.SM_HOSTS)).toEqual(['algo-1']);
  expect(facts.SM_OUTPUT_DATA_DIR).toMatch(/script-1\/output\/data$/);
  expect(facts.files).toEqual(['part-1.csv', 'part-2.csv']);
});

test('a crashing script ends Failed with the last lines of its error as the reason', async () => {
  const script = await env.put(
    'code/crash.py',
    'print("starting")\nraise ValueError("the label column is missing")\n',
  );
  await jobs.create(
    trainingRequest('crash-1', { algorithm: { image: 'sklearn', entryPoint: script } }),
  );
  const done = await jobs.settled('crash-1');
  expect(done.status).toBe('Failed');
  expect(done.failureReason).toMatch(/^AlgorithmError: /);
  expect(done.failureReason).toContain('ValueError: the label column is missing');
});

test('output/failure, when the script writes it, is the failure reason', async () => {
  const script = await env.put(
    'code/failure-file.py',
    'import os, sys\nopen(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w").write("ClientError: bad hyperparameter eta")\nsys.exit(2)\n',
  );
  await jobs.create(
    trainingRequest('failure-file-1', { algorithm: { image: 'sklearn', entryPoint: script } }),
  );
  const done = await jobs.settled('failure-file-1');
  expect(done.status).toBe('Failed');
  expect(done.failureReason).toBe('ClientError: bad hyperparameter eta');
});

test('stop ends the whole process group and the job ends Stopped', async () => {
  const script = await env.put(
    'code/sleepy.py',
    'import os, subprocess, time\nchild = subprocess.Popen(["sleep", "60"])\nprint("child", child.pid, flush=True)\ntime.sleep(60)\n',
  );
  await jobs.create(
    trainingRequest('stop-1', { algorithm: { image: 'sklearn', entryPoint: script } }),
  );
  const childPid = await waitForChildPid('stop-1');
  await jobs.stop('stop-1');
  const done = await jobs.settled('stop-1');
  expect(done.status).toBe('Stopped');
  expect(isAlive(childPid)).toBe(false);
});

test('a job that runs past its maximum run time is stopped with MaxRuntimeExceeded', async () => {
  const script = await env.put('code/forever.py', 'import time\nwhile True: time.sleep(1)\n');
  await jobs.create(
    trainingRequest('slow-1', {
      algorithm: { image: 'sklearn', entryPoint: script },
      stopping: { maxRuntimeSeconds: 1 },
    }),
  );
  const done = await jobs.settled('slow-1');
  expect(done.status).toBe('Stopped');
  expect(done.secondaryStatus).toBe('MaxRuntimeExceeded');
  expect(done.failureReason).toMatch(/^MaxRuntimeExceeded/);
});

test('XGBoost trains with its own evaluation lines parsed as metrics', async () => {
  await jobs.create(
    trainingRequest('xgb-1', {
      algorithm: { image: 'xgboost' },
      hyperParameters: {
        num_round: '8',
        objective: 'binary:logistic',
        eval_metric: 'error',
        max_depth: '3',
      },
    }),
  );
  const done = await jobs.settled('xgb-1');
  expect(done.failureReason).toBeUndefined();
  expect(done.status).toBe('Completed');
  expect(done.metrics.filter((metric) => metric.name === 'train:error')).toHaveLength(8);
  expect(existsSync(path.join(await untar(done.modelArtifactsS3Uri!), 'xgboost-model'))).toBe(true);
});

test('a duplicate name, an image with no local runner and a regex without a group are refused', async () => {
  await expect(jobs.create(trainingRequest('linear-1'))).rejects.toThrow(/already exists/);
  await expect(
    jobs.create(
      trainingRequest('regex-1', {
        algorithm: { image: 'sklearn', metricDefinitions: [{ name: 'x', regex: 'loss' }] },
      }),
    ),
  ).rejects.toThrow(/capture group/);
  await jobs.create(
    trainingRequest('image-1', {
      algorithm: { image: '123.dkr.ecr.us-east-1.amazonaws.com/custom:1' },
    }),
  );
  const done = await jobs.settled('image-1');
  expect(done.status).toBe('Failed');
  expect(done.failureReason).toContain('has no local runner');
});

async function waitForChildPid(name: string): Promise<number> {
  for (let i = 0; i < 100; i += 1) {
    const page = await jobs.logs({ name });
    const line = page.lines.find((entry) => entry.message.startsWith('child '));
    if (line) return Number(line.message.split(' ')[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the script never printed its child');
}

// A killed process whose parent is gone may linger as a zombie until init reaps it: that is not alive.
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
