import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CommanderError } from 'commander';
import { afterAll, expect, test } from 'vitest';

import { MlspaceError } from '@mlspace/client';

import { bashCompletion, completionWords } from './commands/completion';
import { exitCodeOf, JobFailedError, UsageError } from './exit-codes';
import { progressBar } from './progress';
import { createProgram } from './program';
import { readSpecFile } from './spec-file';

const folder = mkdtempSync(path.join(tmpdir(), 'mlspace-cli-unit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const refusal = (code: string, status: number | undefined) =>
  new MlspaceError('refused', code, status);

test('each kind of failure has its own exit code', () => {
  expect(exitCodeOf(new CommanderError(1, 'commander.unknownCommand', 'unknown'))).toBe(2);
  expect(exitCodeOf(new UsageError('bad'))).toBe(2);
  expect(exitCodeOf(refusal('NOT_CONFIGURED', undefined))).toBe(3);
  expect(exitCodeOf(refusal('UNAUTHORIZED', 401))).toBe(3);
  expect(exitCodeOf(refusal('FORBIDDEN', 403))).toBe(4);
  expect(exitCodeOf(refusal('INTERNAL_SERVER_ERROR', 500))).toBe(5);
  expect(exitCodeOf(refusal('SERVICE_UNAVAILABLE', 503))).toBe(5);
  expect(exitCodeOf(refusal('NETWORK_ERROR', undefined))).toBe(5);
  expect(exitCodeOf(refusal('NOT_FOUND', 404))).toBe(6);
  expect(exitCodeOf(refusal('BAD_REQUEST', 400))).toBe(7);
  expect(exitCodeOf(refusal('CONFLICT', 409))).toBe(8);
  expect(exitCodeOf(refusal('TOO_MANY_REQUESTS', 429))).toBe(9);
  expect(exitCodeOf(new JobFailedError('Failed'))).toBe(10);
  expect(exitCodeOf(new Error('EACCES'))).toBe(1);
});

test('help and version are successes, not usage errors', () => {
  expect(exitCodeOf(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
});

test('a spec is read as JSON or YAML, and anything but one object is a usage error naming the file', () => {
  const yaml = path.join(folder, 'spec.yaml');
  writeFileSync(yaml, 'name: job-1\ninputs:\n  - name: train\n    s3Uri: s3://b/k/\n');
  expect(readSpecFile(yaml, () => '')).toEqual({
    name: 'job-1',
    inputs: [{ name: 'train', s3Uri: 's3://b/k/' }],
  });
  expect(readSpecFile('-', () => '{"name": "from-stdin"}')).toEqual({ name: 'from-stdin' });
  const list = path.join(folder, 'list.yaml');
  writeFileSync(list, '- a\n- b\n');
  expect(() => readSpecFile(list, () => '')).toThrow(/must hold one object.*not a list/);
  const broken = path.join(folder, 'broken.json');
  writeFileSync(broken, '{"name": ');
  expect(() => readSpecFile(broken, () => '')).toThrow(UsageError);
  expect(() => readSpecFile(path.join(folder, 'missing.yaml'), () => '')).toThrow(/cannot be read/);
});

test('completion offers every command and its options, from the command tree itself', () => {
  const words = completionWords(createProgram({}));
  expect(words.get('_')).toEqual(expect.arrayContaining(['datasets', 'training', 'completion']));
  expect(words.get('datasets upload')).toEqual(
    expect.arrayContaining(['--dataset', '--create', '--json', '--url']),
  );
  expect(words.get('training logs')).toContain('--follow');
});

test.skipIf(spawnSync('bash', ['--version']).status !== 0)(
  'the bash completion script completes subcommands and options in a real bash',
  () => {
    const script = bashCompletion(createProgram({}));
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mlspace; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).stdout.trim();
    expect(complete(['mlspace', 'da'])).toBe('datasets');
    expect(complete(['mlspace', 'datasets', 'u'])).toBe('upload');
    expect(complete(['mlspace', 'training', 'logs', 'job-1', '--fo'])).toBe('--follow');
  },
);

test('the progress bar shows the share done, the bytes and the files', () => {
  expect(
    progressBar(
      { doneBytes: 512, totalBytes: 2048, filesDone: 1, filesTotal: 4, file: 'a.csv' },
      8,
    ),
  ).toBe('[##------]  25%  512 B / 2.0 KB  1/4 files');
});
