import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { MissingBundleError, resolveBundles } from '../src/bundles';
import { streamHandlerOf } from '../src/constructs/compute';
import { buildConfig, fixtures } from './helpers';

const bundlesAt = (whenMissing: 'fail' | 'placeholder') =>
  buildConfig({
    bundles: {
      api: { dir: 'bundles/api', handler: 'index.handler' },
      portalServer: { dir: 'bundles/portal', handler: 'index.handler' },
      sweepJob: { dir: 'bundles/sweep', handler: 'index.handler' },
      eventsJob: { dir: 'bundles/events', handler: 'index.handler' },
      portalAssetsDir: 'portal-client',
      whenMissing,
    },
  });

test('built bundles resolve relative to the infra-tf folder', () => {
  const resolved = resolveBundles(bundlesAt('fail'), fixtures);
  expect(resolved.functions.api).toEqual({
    name: 'api',
    dir: join(fixtures, 'bundles/api'),
    handler: 'index.handler',
    placeholder: false,
  });
  expect(resolved.portalAssetsDir).toBe(join(fixtures, 'portal-client'));
});

test('missing bundles fail the synth with the paths and the way out', () => {
  const empty = mkdtempSync(join(tmpdir(), 'infra-tf-empty-'));
  expect(() => resolveBundles(bundlesAt('fail'), empty)).toThrow(MissingBundleError);
  expect(() => resolveBundles(bundlesAt('fail'), empty)).toThrow(
    /api: no handler file for "index.handler"[\s\S]*--allow-missing-bundles/,
  );
});

test('placeholder mode stands in stub handlers and skips the portal assets', () => {
  const empty = mkdtempSync(join(tmpdir(), 'infra-tf-empty-'));
  const resolved = resolveBundles(bundlesAt('placeholder'), empty);
  expect(Object.values(resolved.functions).every((f) => f.placeholder)).toBe(true);
  expect(resolved.portalAssetsDir).toBeUndefined();
});

test("the API's placeholder also has the export the api-stream function runs", async () => {
  const empty = mkdtempSync(join(tmpdir(), 'infra-tf-empty-'));
  const { api } = resolveBundles(bundlesAt('placeholder'), empty).functions;
  const stub = (await import(pathToFileURL(join(api.dir, 'index.mjs')).href)) as Record<
    string,
    unknown
  >;

  expect(typeof stub[streamHandlerOf(api.handler).split('.')[1]!]).toBe('function');
});
