import { expect, test } from 'vitest';

import { isCreator } from './creator';
import type { DatasetFacts, Principal, ResourceFacts } from './facts';
import {
  canEditDataset,
  canManageResource,
  canOpenNotebook,
  canOverrideSchedule,
  canReadDataset,
  canStartNotebook,
  canUploadToDataset,
} from './index';

/** carol was deleted on 1 March; a new account named carol was made on 2 March. */
const carolAgain: Principal = {
  username: 'carol',
  isAdmin: false,
  suspended: false,
  createdAt: '2026-03-02T09:00:00.000Z',
};
const member = { name: 'forecasting', suspended: false, role: 'member' as const };
const leftover = (kind: ResourceFacts['kind']): ResourceFacts => ({
  kind,
  project: { ...member, allowOwnerOverride: { notebook: true, endpoint: true } },
  createdBy: 'carol',
  createdAt: '2026-02-10T12:00:00.000Z',
});
const ownNew = (kind: ResourceFacts['kind']): ResourceFacts => ({
  ...leftover(kind),
  createdAt: '2026-03-02T09:05:00.000Z',
});

test("a new account of a deleted user's name is not the creator of what that user left in a project (it could stop, delete and open the old notebooks)", () => {
  expect(canStartNotebook(carolAgain, leftover('notebook')).allowed).toBe(false);
  expect(canOpenNotebook(carolAgain, leftover('notebook')).allowed).toBe(false);
  expect(canManageResource(carolAgain, leftover('trainingJob')).allowed).toBe(false);
  expect(canOverrideSchedule(carolAgain, leftover('endpoint')).allowed).toBe(false);
});

test('the new account is the creator of what it makes itself', () => {
  expect(canStartNotebook(carolAgain, ownNew('notebook')).allowed).toBe(true);
  expect(canManageResource(carolAgain, ownNew('trainingJob')).allowed).toBe(true);
  expect(canOverrideSchedule(carolAgain, ownNew('endpoint')).allowed).toBe(true);
});

test("a deleted user's project and group datasets are not editable by a new account of the same name, only readable as its memberships say", () => {
  const dataset = (scope: DatasetFacts['scope'], createdAt: string): DatasetFacts => ({
    scope,
    createdBy: 'carol',
    createdAt,
    project: scope === 'project' ? { ...member, role: null } : undefined,
    sharedWithGroups: ['research'],
    callerGroups: [],
  });
  const old = '2026-02-10T12:00:00.000Z';
  expect(canEditDataset(carolAgain, dataset('global', old)).allowed).toBe(false);
  expect(canReadDataset(carolAgain, dataset('group', old)).allowed).toBe(false);
  expect(canUploadToDataset(carolAgain, dataset('project', old)).allowed).toBe(false);
  expect(canEditDataset(carolAgain, dataset('global', '2026-03-03T00:00:00.000Z')).allowed).toBe(
    true,
  );
});

test('a thing made in the same millisecond as the account is its own, and the name must still match', () => {
  expect(isCreator(carolAgain, { createdBy: 'carol', createdAt: carolAgain.createdAt })).toBe(true);
  expect(isCreator(carolAgain, { createdBy: 'dave', createdAt: '2026-04-01T00:00:00.000Z' })).toBe(
    false,
  );
});
