/**
 * The CLI as an installed package: `npm pack` ships the bin, the bundle and the README only, and
 * the unpacked package runs with no source, no tsx and no node_modules of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, expect, test } from 'vitest';

const cliRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(cliRoot, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'mlspace-pack-'));

beforeAll(() => {
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: cliRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the packed package holds the bin, the bundle and the README, and runs from them alone', () => {
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: cliRoot,
    encoding: 'utf8',
  });
  expect(packed.status).toBe(0);
  const [manifest] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  expect(manifest?.files.map((file) => file.path).sort()).toEqual([
    'README.md',
    'bin/mlspace.mjs',
    'dist/mlspace.js',
    'package.json',
  ]);

  const unpacked = spawnSync('tar', [
    '-xzf',
    path.join(work, manifest?.filename ?? ''),
    '-C',
    work,
  ]);
  expect(unpacked.status).toBe(0);
  expect(readdirSync(path.join(work, 'package')).sort()).toEqual([
    'README.md',
    'bin',
    'dist',
    'package.json',
  ]);
  const help = spawnSync(
    process.execPath,
    [path.join(work, 'package/bin/mlspace.mjs'), 'datasets', '--help'],
    {
      cwd: work,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: work },
    },
  );
  expect(help.stderr).toBe('');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('upload [options] <folder>');
});

test('npx mlspace works from the repository root through the workspace bin link', () => {
  const run = spawnSync('npx', ['--no-install', 'mlspace', '--version'], {
    cwd: repoRoot,
    encoding: 'utf8',
    // npm's own update notice would otherwise land on stderr.
    env: { PATH: process.env.PATH ?? '', HOME: work, npm_config_update_notifier: 'false' },
  });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('0.0.0');
});
