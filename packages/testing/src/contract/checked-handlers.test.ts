import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';

import { awsJsonService } from '../msw/aws-json';
import { sagemakerUrl } from '../msw/sagemaker';
import { assertAwsHandlersContractChecked } from './checked-handlers';

test('a hand-written msw handler for an AWS host is refused, so no fake escapes the contract check', () => {
  const unchecked = http.post(sagemakerUrl, () => HttpResponse.json({ Tags: [] }));
  expect(() => assertAwsHandlersContractChecked([unchecked])).toThrow(
    /"POST https:\/\/api\.sagemaker\.:region\.amazonaws\.com\/" answers AWS without the contract check/,
  );
});

test('handlers built by awsJsonService, and handlers for hosts other than AWS, are accepted', () => {
  const identityProvider = http.get(
    'https://idp.example.com/.well-known/openid-configuration',
    () => HttpResponse.json({}),
  );
  expect(() =>
    assertAwsHandlersContractChecked([awsJsonService(sagemakerUrl, {}), identityProvider]),
  ).not.toThrow();
});
