/**
 * The personas of docs/authorization.md as principals plus the facts each one brings to one
 * fixture project, so the policy's table test and the API's procedure-by-persona test agree on who
 * everyone is. Exported from `@mlspace/core` as the `personas` namespace.
 */
import type {
  DatasetCreationFacts,
  DatasetFacts,
  DatasetScope,
  GroupFacts,
  Principal,
  ProjectFacts,
  ResourceFacts,
  ResourceKind,
} from './facts';
import { effectiveProjectRole } from './projects';

export type PersonaKey =
  | 'admin'
  | 'owner'
  | 'groupOwner'
  | 'member'
  | 'groupMember'
  | 'creator'
  | 'outsider'
  | 'suspended'
  | 'anonymous';

type Role = ProjectFacts['role'];

export interface Persona {
  key: PersonaKey;
  label: string;
  principal: Principal | null;
  /** The persona's direct link to the fixture project. */
  directRole: Role;
  /** The roles of the fixture project's links to the persona's groups. */
  groupRoles: readonly Role[];
  /** Effective role in the fixture project (a group link gives exactly its own role, never more). */
  role: Role;
  groups: readonly string[];
}

export const projectName = 'forecasting';
/** Linked to the fixture project as Member; group datasets are shared with it. */
export const memberGroup = 'research';
/** Linked to the fixture project as Owner. */
export const ownerGroup = 'platform-leads';
/** Everything in the fixture project (resources, datasets) was created by the Creator. */
export const creatorUsername = 'carol';

function persona(
  key: PersonaKey,
  label: string,
  principal: Principal | null,
  links: { direct?: Role; groups?: Partial<Record<string, Role>> } = {},
): Persona {
  const groups = Object.keys(links.groups ?? {});
  const groupRoles = Object.values(links.groups ?? {}).map((role) => role ?? null);
  const directRole = links.direct ?? null;
  return {
    key,
    label,
    principal,
    directRole,
    groupRoles,
    role: effectiveProjectRole(directRole, groupRoles),
    groups,
  };
}

function user(username: string, flags: { isAdmin?: boolean; suspended?: boolean } = {}): Principal {
  return { username, isAdmin: flags.isAdmin ?? false, suspended: flags.suspended ?? false };
}

/** Not a member of the fixture project: whatever an admin may do there comes from being admin. */
export const admin = persona('admin', 'Admin', user('ada', { isAdmin: true }));
export const owner = persona('owner', 'Owner', user('olivia'), { direct: 'owner' });
export const groupOwner = persona('groupOwner', 'group Owner', user('gordon'), {
  groups: { [ownerGroup]: 'owner' },
});
export const member = persona('member', 'Member', user('mia'), { direct: 'member' });
export const groupMember = persona('groupMember', 'group Member', user('gemma'), {
  groups: { [memberGroup]: 'member' },
});
export const creator = persona('creator', 'Creator', user(creatorUsername), { direct: 'member' });
export const outsider = persona('outsider', 'Outsider', user('oscar'));
/** A member, to show that suspension outranks any role. */
export const suspended = persona('suspended', 'Suspended', user('sam', { suspended: true }), {
  direct: 'member',
});
export const anonymous = persona('anonymous', 'Anonymous', null);

export const all: readonly Persona[] = [
  admin,
  owner,
  groupOwner,
  member,
  groupMember,
  creator,
  outsider,
  suspended,
  anonymous,
];

export function project(who: Persona, overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return { name: projectName, suspended: false, role: who.role, ...overrides };
}

export function resource(
  who: Persona,
  kind: ResourceKind = 'notebook',
  projectOverrides: Partial<ProjectFacts> = {},
): ResourceFacts {
  return { kind, project: project(who, projectOverrides), createdBy: creatorUsername };
}

export function dataset(
  who: Persona,
  scope: DatasetScope,
  projectOverrides: Partial<ProjectFacts> = {},
): DatasetFacts {
  return {
    scope,
    createdBy: creatorUsername,
    project: scope === 'project' ? project(who, projectOverrides) : undefined,
    sharedWithGroups: scope === 'group' ? [memberGroup] : [],
    callerGroups: who.groups,
  };
}

/** A dataset the persona is about to create; group datasets are shared with `memberGroup`. */
export function datasetCreation(
  who: Persona,
  scope: DatasetScope,
  projectOverrides: Partial<ProjectFacts> = {},
): DatasetCreationFacts {
  return {
    scope,
    project: scope === 'project' ? project(who, projectOverrides) : undefined,
    groups: scope === 'group' ? [memberGroup] : [],
    callerGroups: who.groups,
  };
}

export function group(who: Persona, name: string = memberGroup): GroupFacts {
  return { name, callerIsMember: who.groups.includes(name) };
}

/** The persona's own username, for rules about "your own" things; anonymous has none. */
export function username(who: Persona): string {
  return who.principal?.username ?? '';
}
