import { expect, test } from 'vitest';

import { sagemakerStateChangeTypes, statusFromStateChange } from './index';

/** As EMR sends it (EMR Management Guide, "Amazon EMR events"): no tags, the reason as JSON text. */
function emrStateChange(state: string, reason: Record<string, string> = { code: '' }) {
  return {
    source: 'aws.emr',
    'detail-type': 'EMR Cluster State Change',
    time: '2026-12-01T05:00:00Z',
    detail: {
      severity: state === 'TERMINATED_WITH_ERRORS' ? 'CRITICAL' : 'INFO',
      stateChangeReason: JSON.stringify(reason),
      name: 'spark-1',
      clusterId: 'j-1YONHTCP3YZKC',
      state,
      message: `Amazon EMR cluster j-1YONHTCP3YZKC (spark-1) is ${state}.`,
    },
  };
}

test('an EMR cluster state change becomes the cluster status, keyed by name and carrying the cluster id', () => {
  expect(statusFromStateChange(emrStateChange('WAITING'), 'MLSpace')).toEqual({
    apply: {
      kind: 'emrCluster',
      name: 'spark-1',
      status: 'Waiting',
      at: '2026-12-01T05:00:00.000Z',
      metadata: { clusterId: 'j-1YONHTCP3YZKC' },
    },
    size: {},
  });
});

test('a cluster ended with errors carries EMR reason as its failure reason', () => {
  const change = statusFromStateChange(
    emrStateChange('TERMINATED_WITH_ERRORS', {
      code: 'VALIDATION_ERROR',
      message: 'The requested instance type is not supported in the subnet',
    }),
    'MLSpace',
  );
  expect(change).toMatchObject({
    apply: {
      status: 'TerminatedWithErrors',
      failureReason: 'The requested instance type is not supported in the subnet',
    },
  });
});

test('an EMR event with an unknown state or without a cluster id is ignored, and the rule subscribes EMR', () => {
  expect(statusFromStateChange(emrStateChange('RESIZING'), 'MLSpace')).toEqual({
    ignore: 'state RESIZING is not a status MLSpace knows',
  });
  const anonymous = emrStateChange('WAITING');
  delete (anonymous.detail as Record<string, unknown>).clusterId;
  expect(statusFromStateChange(anonymous, 'MLSpace')).toEqual({
    ignore: 'the event names no cluster (name or clusterId is missing)',
  });
  expect(sagemakerStateChangeTypes).toContain('EMR Cluster State Change');
});
