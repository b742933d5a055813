import { expect, test } from 'vitest';

import { ForbiddenError } from '../errors';
import type { Decision } from './decision';
import type { DatasetScope, ResourceKind } from './facts';
import { resourceKinds, scheduledResourceKinds } from './facts';
import * as policy from './index';
import type { Persona } from './personas';
import * as personas from './personas';

/**
 * One row per action of docs/authorization.md. Expected columns, in order:
 * Admin, Owner, group Owner, Member, group Member, Creator, Outsider, Suspended, Anonymous.
 */
interface Row {
  action: string;
  expected: string;
  decide: (who: Persona) => Decision;
}

const p = personas;
const everyActiveUser = '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✘ ✘';
const projectMembersAndAdmin = '✔ ✔ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
const projectMembersOnly = '✘ ✔ ✔ ✔ ✔ ✔ ✘ ✘ ✘';
const ownersAndAdmin = '✔ ✔ ✔ ✘ ✘ ✘ ✘ ✘ ✘';
const ownersCreatorAndAdmin = '✔ ✔ ✔ ✘ ✘ ✔ ✘ ✘ ✘';
const creatorOnly = '✘ ✘ ✘ ✘ ✘ ✔ ✘ ✘ ✘';
const creatorAndAdmin = '✔ ✘ ✘ ✘ ✘ ✔ ✘ ✘ ✘';
const adminOnly = '✔ ✘ ✘ ✘ ✘ ✘ ✘ ✘ ✘';
const nobody = '✘ ✘ ✘ ✘ ✘ ✘ ✘ ✘ ✘';
const suspendedProject = { suspended: true };

const forEachKind = (
  kinds: readonly ResourceKind[],
  action: string,
  expected: string,
  decide: (who: Persona, kind: ResourceKind) => Decision,
): Row[] =>
  kinds.map((kind) => ({
    action: `${action} (${kind})`,
    expected,
    decide: (who) => decide(who, kind),
  }));

const forEachScope = (
  action: string,
  expected: Record<DatasetScope, string>,
  decide: (who: Persona, scope: DatasetScope) => Decision,
): Row[] =>
  (Object.keys(expected) as DatasetScope[]).map((scope) => ({
    action: `${action} (${scope} dataset)`,
    expected: expected[scope],
    decide: (who) => decide(who, scope),
  }));

const rows: Row[] = [
  {
    action: 'read banner and login settings',
    expected: '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
    decide: (who) => policy.canReadBanner(who.principal),
  },
  {
    action: 'see own account status',
    expected: '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✘',
    decide: (who) => policy.canSeeOwnAccount(who.principal),
  },

  // Projects
  {
    action: 'create a project when everyone may',
    expected: everyActiveUser,
    decide: (who) =>
      policy.canCreateProject(who.principal, { mode: 'everyone', allowedGroups: [] }, who.groups),
  },
  {
    action: 'create a project when only admins may',
    expected: adminOnly,
    decide: (who) =>
      policy.canCreateProject(who.principal, { mode: 'admins', allowedGroups: [] }, who.groups),
  },
  {
    action: 'create a project when only the research group may',
    expected: '✔ ✘ ✘ ✘ ✔ ✘ ✘ ✘ ✘',
    decide: (who) =>
      policy.canCreateProject(
        who.principal,
        { mode: 'groups', allowedGroups: [p.memberGroup] },
        who.groups,
      ),
  },
  // The list is scoped to the caller's memberships, so an Outsider may ask and gets none of this project.
  {
    action: 'list own projects',
    expected: everyActiveUser,
    decide: (who) => policy.canListOwnProjects(who.principal),
  },
  {
    action: 'list every project, suspended ones included',
    expected: adminOnly,
    decide: (who) => policy.canListAllProjects(who.principal),
  },
  {
    action: 'read a project',
    expected: projectMembersAndAdmin,
    decide: (who) => policy.canReadProject(who.principal, p.project(who)),
  },
  {
    action: 'read a suspended project',
    expected: projectMembersAndAdmin,
    decide: (who) => policy.canReadProject(who.principal, p.project(who, suspendedProject)),
  },
  {
    action: 'update project, cost controls, members, groups, roles',
    expected: ownersAndAdmin,
    decide: (who) => policy.canManageProject(who.principal, p.project(who)),
  },
  {
    action: 'suspend a project',
    expected: ownersAndAdmin,
    decide: (who) => policy.canSuspendProject(who.principal, p.project(who)),
  },
  {
    action: 'reinstate a suspended project',
    expected: ownersAndAdmin,
    decide: (who) => policy.canSuspendProject(who.principal, p.project(who, suspendedProject)),
  },
  {
    action: 'delete a suspended project',
    expected: ownersAndAdmin,
    decide: (who) => policy.canDeleteProject(who.principal, p.project(who, suspendedProject)),
  },
  {
    action: 'delete an active project',
    expected: nobody,
    decide: (who) => policy.canDeleteProject(who.principal, p.project(who)),
  },
  // "-" for Admin in the spec: an admin who is not a member has nothing to leave.
  {
    action: 'leave a project that has other owners',
    expected: projectMembersOnly,
    decide: (who) => policy.canLeaveProject(who.principal, p.project(who), { isLastOwner: false }),
  },
  {
    action: 'leave a project when the caller is its only owner',
    expected: '✘ ✘ ✘ ✔ ✔ ✔ ✘ ✘ ✘',
    decide: (who) =>
      policy.canLeaveProject(who.principal, p.project(who), { isLastOwner: who.role === 'owner' }),
  },

  // Resources
  {
    action: 'create a resource in an active project',
    expected: projectMembersOnly,
    decide: (who) => policy.canCreateResource(who.principal, p.project(who)),
  },
  {
    action: 'create a resource in a suspended project',
    expected: nobody,
    decide: (who) => policy.canCreateResource(who.principal, p.project(who, suspendedProject)),
  },
  {
    action: 'start a notebook in a suspended project',
    expected: nobody,
    decide: (who) =>
      policy.canStartNotebook(who.principal, p.resource(who, 'notebook', suspendedProject)),
  },
  ...forEachKind(
    resourceKinds,
    'read a resource, its logs and metrics',
    projectMembersAndAdmin,
    (who, kind) => policy.canReadResource(who.principal, p.resource(who, kind)),
  ),
  ...forEachKind(
    resourceKinds,
    'stop, update, delete, reschedule a resource',
    ownersCreatorAndAdmin,
    (who, kind) => policy.canManageResource(who.principal, p.resource(who, kind)),
  ),
  ...forEachKind(
    ['notebook', 'endpoint'],
    'stop or delete a resource in a suspended project',
    ownersCreatorAndAdmin,
    (who, kind) => policy.canManageResource(who.principal, p.resource(who, kind, suspendedProject)),
  ),
  ...forEachKind(
    scheduledResourceKinds,
    'override stop time when the project allows owner override',
    ownersCreatorAndAdmin,
    (who, kind) =>
      policy.canOverrideSchedule(
        who.principal,
        p.resource(who, kind, { allowOwnerOverride: { [kind]: true } }),
      ),
  ),
  ...forEachKind(
    scheduledResourceKinds,
    'override stop time when the project does not allow it',
    ownersAndAdmin,
    (who, kind) =>
      policy.canOverrideSchedule(
        who.principal,
        p.resource(who, kind, { allowOwnerOverride: { [kind]: false } }),
      ),
  ),
  ...forEachKind(
    ['trainingJob', 'model'],
    'override the stop time of a kind that has none',
    nobody,
    (who, kind) => policy.canOverrideSchedule(who.principal, p.resource(who, kind)),
  ),
  {
    action: 'start a notebook',
    expected: creatorOnly,
    decide: (who) => policy.canStartNotebook(who.principal, p.resource(who, 'notebook')),
  },
  {
    action: "open a notebook's Jupyter",
    expected: creatorOnly,
    decide: (who) => policy.canOpenNotebook(who.principal, p.resource(who, 'notebook')),
  },
  {
    action: "open a notebook's Jupyter in a suspended project",
    expected: nobody,
    decide: (who) =>
      policy.canOpenNotebook(who.principal, p.resource(who, 'notebook', suspendedProject)),
  },
  {
    action: 'invoke an endpoint',
    expected: projectMembersAndAdmin,
    decide: (who) => policy.canInvokeEndpoint(who.principal, p.resource(who, 'endpoint')),
  },

  // Foundation models (ADR 017)
  {
    action: "converse in a project's playground",
    expected: projectMembersOnly,
    decide: (who) => policy.canUsePlayground(who.principal, p.project(who)),
  },
  {
    action: "converse in a suspended project's playground",
    expected: nobody,
    decide: (who) => policy.canUsePlayground(who.principal, p.project(who, suspendedProject)),
  },
  {
    action: "see a project's model usage",
    expected: ownersAndAdmin,
    decide: (who) => policy.canReadModelUsage(who.principal, p.project(who)),
  },

  // Datasets (the Creator created them)
  ...forEachScope(
    'read and download',
    {
      global: everyActiveUser,
      project: projectMembersAndAdmin,
      private: creatorAndAdmin,
      group: '✔ ✘ ✘ ✘ ✔ ✔ ✘ ✘ ✘',
    },
    (who, scope) => policy.canReadDataset(who.principal, p.dataset(who, scope)),
  ),
  ...forEachScope(
    'upload more files',
    {
      global: everyActiveUser,
      project: projectMembersOnly,
      private: creatorOnly,
      group: '✘ ✘ ✘ ✘ ✔ ✔ ✘ ✘ ✘',
    },
    (who, scope) => policy.canUploadToDataset(who.principal, p.dataset(who, scope)),
  ),
  {
    action: "upload more files to a suspended project's dataset",
    expected: nobody,
    decide: (who) =>
      policy.canUploadToDataset(who.principal, p.dataset(who, 'project', suspendedProject)),
  },
  ...forEachScope(
    'edit, delete files, delete',
    {
      global: creatorAndAdmin,
      project: creatorAndAdmin,
      private: creatorAndAdmin,
      group: creatorAndAdmin,
    },
    (who, scope) => policy.canEditDataset(who.principal, p.dataset(who, scope)),
  ),
  ...forEachScope(
    'create',
    {
      global: everyActiveUser,
      project: projectMembersOnly,
      private: everyActiveUser,
      group: '✘ ✘ ✘ ✘ ✔ ✘ ✘ ✘ ✘',
    },
    (who, scope) => policy.canCreateDataset(who.principal, p.datasetCreation(who, scope)),
  ),
  {
    action: 'create a dataset in a suspended project',
    expected: nobody,
    decide: (who) =>
      policy.canCreateDataset(who.principal, p.datasetCreation(who, 'project', suspendedProject)),
  },

  // Groups, users, administration
  {
    action: 'create, update, delete groups and change membership',
    expected: adminOnly,
    decide: (who) => policy.canManageGroups(who.principal),
  },
  {
    action: 'read the research group, its members and history',
    expected: '✔ ✘ ✘ ✘ ✔ ✘ ✘ ✘ ✘',
    decide: (who) => policy.canReadGroup(who.principal, p.group(who, p.memberGroup)),
  },
  {
    action: 'read the platform-leads group, its members and history',
    expected: '✔ ✘ ✔ ✘ ✘ ✘ ✘ ✘ ✘',
    decide: (who) => policy.canReadGroup(who.principal, p.group(who, p.ownerGroup)),
  },
  {
    action: 'list, suspend, reactivate, promote, delete users',
    expected: adminOnly,
    decide: (who) => policy.canAdministerUsers(who.principal),
  },
  {
    action: 'read and update own preferences and API tokens',
    expected: everyActiveUser,
    decide: (who) => policy.canEditOwnPreferences(who.principal, p.username(who)),
  },
  {
    action: 'read and change dynamic configuration',
    expected: adminOnly,
    decide: (who) => policy.canAdministerConfig(who.principal),
  },
  {
    action: 'read reports',
    expected: adminOnly,
    decide: (who) => policy.canReadReports(who.principal),
  },
  {
    action: 'read the audit trail',
    expected: adminOnly,
    decide: (who) => policy.canReadAudit(who.principal),
  },
];

test('every action allows and denies exactly the personas that docs/authorization.md says', () => {
  const mismatches: string[] = [];
  let cases = 0;
  for (const row of rows) {
    const expected = row.expected.split(' ').map((mark) => mark === '✔');
    expect(expected, `${row.action}: one mark per persona`).toHaveLength(p.all.length);
    p.all.forEach((who, column) => {
      cases += 1;
      const decision = row.decide(who);
      if (decision.allowed !== expected[column]) {
        const got = decision.allowed ? 'allowed' : `denied (${decision.reason})`;
        mismatches.push(
          `${row.action} / ${who.label}: expected ${expected[column] ? 'allowed' : 'denied'}, got ${got}`,
        );
      } else if (!decision.allowed) {
        const fixed =
          who.key === 'anonymous'
            ? 'Sign in first'
            : who.key === 'suspended'
              ? 'Your account is suspended'
              : null;
        if (decision.reason.trim() === '')
          mismatches.push(`${row.action} / ${who.label}: denied without a reason`);
        if (fixed !== null && decision.reason !== fixed) {
          mismatches.push(
            `${row.action} / ${who.label}: reason '${decision.reason}', expected '${fixed}'`,
          );
        }
      }
    });
  }
  expect(mismatches).toEqual([]);
  console.log(
    `authorization policy: ${cases} cases checked (${rows.length} actions × ${p.all.length} personas)`,
  );
});

const reasonOf = (decision: Decision): string => (decision.allowed ? '(allowed)' : decision.reason);

test('denial reasons name the rule that denied', () => {
  expect(reasonOf(policy.canReadProject(p.outsider.principal, p.project(p.outsider)))).toBe(
    "You are not a member of project 'forecasting'",
  );
  expect(reasonOf(policy.canOpenNotebook(p.admin.principal, p.resource(p.admin, 'notebook')))).toBe(
    "Only the notebook's creator may open it",
  );
  expect(reasonOf(policy.canManageProject(p.member.principal, p.project(p.member)))).toMatch(
    /^Only owners of project 'forecasting' and admins may change it.*members/,
  );
  expect(
    reasonOf(policy.canManageResource(p.member.principal, p.resource(p.member, 'trainingJob'))),
  ).toMatch(/training job's creator, owners of project 'forecasting' and admins/);
  expect(reasonOf(policy.canDeleteProject(p.owner.principal, p.project(p.owner)))).toBe(
    "Project 'forecasting' must be suspended before it can be deleted",
  );
  expect(
    reasonOf(policy.canLeaveProject(p.owner.principal, p.project(p.owner), { isLastOwner: true })),
  ).toMatch(/last owner of project 'forecasting'/);
  expect(
    reasonOf(
      policy.canCreateProject(
        p.member.principal,
        { mode: 'groups', allowedGroups: ['research'] },
        [],
      ),
    ),
  ).toBe("Only admins and members of the groups 'research' may create projects");
  expect(reasonOf(policy.canEditOwnPreferences(p.member.principal, 'olivia'))).toBe(
    'You may change only your own preferences and API tokens',
  );
});

test('assertAllowed throws a ForbiddenError carrying the reason and passes an allowed decision', () => {
  expect(() => policy.assertAllowed(policy.canReadAudit(p.owner.principal))).toThrow(
    new ForbiddenError('Only admins may read the audit trail'),
  );
  expect(() => policy.assertAllowed(policy.canReadAudit(null))).toThrow(ForbiddenError);
  expect(() => policy.assertAllowed(policy.canReadAudit(p.admin.principal))).not.toThrow();
});

test('a group Member never gets owner powers, whatever their other links', () => {
  expect(policy.effectiveProjectRole(null, ['member'])).toBe('member');
  expect(policy.effectiveProjectRole('member', ['member', null])).toBe('member');
  expect(policy.effectiveProjectRole(null, ['member', 'owner'])).toBe('owner');
  expect(policy.effectiveProjectRole(null, [])).toBeNull();

  const who = p.groupMember;
  const project = p.project(who);
  expect(project.role).toBe('member');
  for (const decision of [
    policy.canManageProject(who.principal, project),
    policy.canSuspendProject(who.principal, project),
    policy.canDeleteProject(who.principal, { ...project, suspended: true }),
    policy.canManageResource(who.principal, p.resource(who, 'endpoint')),
    policy.canOverrideSchedule(
      who.principal,
      p.resource(who, 'notebook', { allowOwnerOverride: { notebook: true } }),
    ),
  ]) {
    expect(decision.allowed).toBe(false);
  }
});

test('a suspended project blocks creating and starting for admins who are owners and creators too', () => {
  const admin = { username: 'carol', isAdmin: true, suspended: false };
  const project = { name: 'forecasting', suspended: true, role: 'owner' as const };
  const notebook = { kind: 'notebook' as const, project, createdBy: 'carol' };
  const blocked = "Project 'forecasting' is suspended: nothing can be created or started in it";

  expect(policy.canCreateResource(admin, project)).toEqual({ allowed: false, reason: blocked });
  expect(policy.canStartNotebook(admin, notebook)).toEqual({ allowed: false, reason: blocked });
  expect(
    policy.canCreateDataset(admin, { scope: 'project', project, groups: [], callerGroups: [] }),
  ).toEqual({
    allowed: false,
    reason: blocked,
  });
  expect(policy.canOpenNotebook(admin, notebook).allowed).toBe(false);
  expect(policy.canManageResource(admin, notebook).allowed).toBe(true);
});

test('an admin creates resources only in projects they are a member of', () => {
  const admin = p.admin.principal;
  expect(reasonOf(policy.canCreateResource(admin, p.project(p.admin)))).toBe(
    "Admins too must be members of project 'forecasting' to create anything in it",
  );
  expect(policy.canCreateResource(admin, p.project(p.admin, { role: 'member' })).allowed).toBe(
    true,
  );
});

test('a creator who has left the project can no longer start or open their notebook', () => {
  const notebook = p.resource(p.creator, 'notebook', { role: null });
  expect(reasonOf(policy.canStartNotebook(p.creator.principal, notebook))).toBe(
    "You are not a member of project 'forecasting'",
  );
  expect(policy.canOpenNotebook(p.creator.principal, notebook).allowed).toBe(false);
});

test('a group dataset may be shared only with groups its creator belongs to, admins included', () => {
  const create = (groups: string[], callerGroups: string[], isAdmin = false) =>
    policy.canCreateDataset(
      { username: 'gemma', isAdmin, suspended: false },
      { scope: 'group', groups, callerGroups },
    );

  expect(create(['research'], ['research', 'vision']).allowed).toBe(true);
  expect(create(['research', 'vision'], ['research', 'vision']).allowed).toBe(true);
  expect(reasonOf(create(['research', 'finance'], ['research']))).toBe(
    "You may share a dataset only with groups you belong to; you are not a member of 'finance'",
  );
  expect(create(['research'], [], true).allowed).toBe(false);
  expect(reasonOf(create([], ['research']))).toBe(
    'A group dataset must be shared with at least one group',
  );
});

test('dataset scopes decide who reads, and a private dataset is never opened by a look-alike project', () => {
  const reader = { username: 'oscar', isAdmin: false, suspended: false };
  const base = { createdBy: 'carol', sharedWithGroups: ['research'], callerGroups: [] };
  const carolProject = { name: 'carol', suspended: false, role: 'owner' as const };

  expect(policy.canReadDataset(reader, { ...base, scope: 'global' }).allowed).toBe(true);
  expect(
    policy.canReadDataset(reader, { ...base, scope: 'private', project: carolProject }).allowed,
  ).toBe(false);
  expect(
    policy.canReadDataset(reader, { ...base, scope: 'group', callerGroups: ['research'] }).allowed,
  ).toBe(true);
  expect(reasonOf(policy.canReadDataset(reader, { ...base, scope: 'project' }))).toBe(
    'A project dataset must belong to a project',
  );
  expect(policy.canEditDataset(reader, { ...base, scope: 'global' }).allowed).toBe(false);
  expect(policy.canUploadToDataset(reader, { ...base, scope: 'global' }).allowed).toBe(true);
});
