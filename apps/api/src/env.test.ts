import { expect, test } from 'vitest';

import { readEnv } from './env';

const onAws = {
  MLSPACE_BACKEND: 'aws',
  MLSPACE_PUBLIC_URL: 'https://mlspace.example.com',
  OIDC_ISSUER: 'https://idp.example.com',
};

test('on AWS the API refuses to start without MLSPACE_INITIAL_ADMINS, so an IdP user called admin is not made an administrator', () => {
  expect(() => readEnv(onAws)).toThrow(/MLSPACE_INITIAL_ADMINS: must be set on AWS/);
});

test('a Lambda entry refuses to start without MLSPACE_INITIAL_ADMINS even when MLSPACE_BACKEND is unset', () => {
  expect(() =>
    readEnv({ MLSPACE_PUBLIC_URL: 'https://mlspace.example.com' }, { deployed: true }),
  ).toThrow(/MLSPACE_INITIAL_ADMINS/);
});

test('an empty MLSPACE_INITIAL_ADMINS is refused rather than read as nobody', () => {
  expect(() => readEnv({ ...onAws, MLSPACE_INITIAL_ADMINS: ' ' })).toThrow(
    /MLSPACE_INITIAL_ADMINS: must name at least one username/,
  );
});

test('on AWS the administrators named by the deployment are the initial administrators', () => {
  expect(readEnv({ ...onAws, MLSPACE_INITIAL_ADMINS: 'alice,bob' }).MLSPACE_INITIAL_ADMINS).toBe(
    'alice,bob',
  );
});

test('locally the development IdP user admin stays the default initial administrator', () => {
  expect(readEnv({}).MLSPACE_INITIAL_ADMINS).toBe('admin');
});

test("the sweep's clock offset (for local end-to-end tests) is refused on AWS, where it would stop notebooks early", () => {
  expect(() =>
    readEnv({
      ...onAws,
      MLSPACE_INITIAL_ADMINS: 'alice',
      MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: '61',
    }),
  ).toThrow(/MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: is for local end-to-end tests/);
  expect(
    readEnv({ MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES: '61' }).MLSPACE_SWEEP_CLOCK_OFFSET_MINUTES,
  ).toBe(61);
});
