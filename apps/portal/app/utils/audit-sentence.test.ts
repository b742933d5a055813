import { expect, test } from 'vitest';

import { readAuditEvent, type AuditEvent } from './audit-sentence';

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    actor: 'alice',
    action: 'project.created',
    targetType: 'project',
    targetId: 'demo',
    before: null,
    after: null,
    ...overrides,
  };
}

test('adding members reads as who added whom to which project in which role, with no diff', () => {
  expect(
    readAuditEvent(
      event({ action: 'project.members_added', after: { usernames: ['bob'], role: 'member' } }),
    ),
  ).toEqual({ sentence: 'alice added bob to project demo as Member', changes: [] });
  expect(
    readAuditEvent(
      event({
        action: 'project.members_added',
        after: { usernames: ['bob', 'carol', 'dan'], role: 'owner' },
      }),
    ).sentence,
  ).toBe('alice added bob, carol and dan to project demo as Owner');
});

test("a change of the project's notebook stop time names the setting and diffs it in words", () => {
  const reading = readAuditEvent(
    event({
      actor: 'carol',
      action: 'project.cost_controls_changed',
      before: {
        notebook: { dailyStop: { time: '18:00', timeZone: 'UTC' }, ownerMayOverride: false },
        endpoint: { ttlHours: null, ownerMayOverride: false },
      },
      after: {
        notebook: { dailyStop: { time: '19:30', timeZone: 'UTC' }, ownerMayOverride: false },
        endpoint: { ttlHours: null, ownerMayOverride: false },
      },
    }),
  );
  expect(reading).toEqual({
    sentence: 'carol changed the notebook stop time of project demo',
    changes: [{ path: 'notebook stop time', before: '18:00', after: '19:30' }],
  });
});

test('a role change says the new and the old role, and the diff holds only the role', () => {
  const reading = readAuditEvent(
    event({
      action: 'project.member_role_changed',
      before: { user: 'bob', role: 'member' },
      after: { user: 'bob', role: 'owner' },
    }),
  );
  expect(reading.sentence).toBe('alice made bob Owner of project demo (was Member)');
  expect(reading.changes).toEqual([{ path: 'role', before: 'member', after: 'owner' }]);
});

test('a suspension of a user diffs the flag as yes and no, not true and false', () => {
  const reading = readAuditEvent(
    event({
      action: 'user.suspended',
      targetType: 'user',
      targetId: 'bob',
      before: { suspended: false },
      after: { suspended: true },
    }),
  );
  expect(reading).toEqual({
    sentence: 'alice suspended bob',
    changes: [{ path: 'suspended', before: 'no', after: 'yes' }],
  });
});

test('a dataset is named by its name and where it lives, not its internal key', () => {
  expect(
    readAuditEvent(
      event({
        action: 'dataset.updated',
        targetType: 'dataset',
        targetId: 'project/demo/images',
        before: { description: 'old' },
        after: { description: 'new' },
      }),
    ),
  ).toEqual({
    sentence: 'alice changed dataset images of project demo',
    changes: [{ path: 'description', before: 'old', after: 'new' }],
  });
});

test('a created resource says in which project, and lists what it was created with', () => {
  const reading = readAuditEvent(
    event({
      action: 'notebook.created',
      targetType: 'notebook',
      targetId: 'nb1',
      after: { project: 'demo', instanceType: 'ml.t3.medium' },
    }),
  );
  expect(reading.sentence).toBe('alice created notebook nb1 in project demo');
  expect(reading.changes).toContainEqual({
    path: 'instance type',
    before: 'none',
    after: 'ml.t3.medium',
  });
});

test('an action nobody taught the page still reads as words, never JSON', () => {
  const reading = readAuditEvent(
    event({
      action: 'endpointConfig.weights_rebalanced',
      targetType: 'endpointConfig',
      targetId: 'cfg',
      before: { weights: [1, 2] },
      after: { weights: [2, 1] },
    }),
  );
  expect(reading.sentence).toBe('alice weights rebalanced endpoint configuration cfg');
  expect(reading.changes).toEqual([{ path: 'weights', before: '1, 2', after: '2, 1' }]);
  const words = [
    reading.sentence,
    ...reading.changes.flatMap((change) => [change.path, change.before, change.after]),
  ];
  expect(words.join(' ')).not.toMatch(/[{}"]/);
});

test('a configuration save quotes its reason and shows the version move', () => {
  const reading = readAuditEvent(
    event({
      action: 'config.updated',
      targetType: 'config',
      targetId: 'global',
      before: { version: 3 },
      after: { version: 4, reason: 'allow GPUs', changes: { sections: ['instanceTypes'] } },
    }),
  );
  expect(reading.sentence).toBe('alice saved configuration version 4: “allow GPUs”');
  expect(reading.changes).toContainEqual({ path: 'version', before: '3', after: '4' });
});

test('first cost controls name every setting they set, and no row reads none to none', () => {
  const reading = readAuditEvent(
    event({
      action: 'project.cost_controls_changed',
      before: {
        notebook: { dailyStop: null, ownerMayOverride: false },
        endpoint: { ttlHours: null, ownerMayOverride: false },
      },
      after: {
        notebook: {
          dailyStop: { time: '19:30', timeZone: 'Europe/Berlin' },
          ownerMayOverride: true,
        },
        endpoint: { ttlHours: 8, ownerMayOverride: false },
      },
    }),
  );
  expect(reading.sentence).toBe(
    'alice changed the notebook stop time, the endpoint lifetime and whether owners may change them of project demo',
  );
  expect(
    reading.changes.map((change) => `${change.path}: ${change.before} → ${change.after}`),
  ).toEqual([
    'endpoint lifetime in hours: none → 8',
    'notebook stop time: none → 19:30',
    'notebook stop time zone: none → Europe/Berlin',
    'notebook owners may change their stop time: no → yes',
  ]);
});
