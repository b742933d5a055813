/**
 * Deleting a user. The account first becomes a tombstone: every session ends and no sign-in or
 * token is accepted. Then, stage by stage, each only once the earlier ones finished:
 *   0. their API tokens are revoked;
 *   1. in every project they reach, what removing a member does (their notebooks stopped, ...);
 *      what they created there stays with the project;
 *   2. their private datasets and every file under their private prefix;
 *   3. what the backend keeps for them (on AWS their project-user roles and user policy);
 *   4. their memberships, group memberships, sessions and the account, with the audit event.
 * Failures are recorded on the tombstone for admins, and the sweep repeats the deletion until it
 * completes. A later account of the same name starts with nothing.
 */
import { NotFoundError, datasetPrefix, type UserDeletionView, type UserView } from '@mlspace/core';

import type { ApiServices } from '../services';

type Deps = Pick<ApiServices, 'db' | 'cascade' | 'datasetStorage' | 'compute'>;
type Failure = UserDeletionView['failures'][number];

export interface UserDeletionOutcome {
  username: string;
  /** True once the account and everything it owned are gone. */
  complete: boolean;
  /** What was done in this pass, per step. */
  done: { step: string; resource: string }[];
  failures: Failure[];
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Every project the user reaches (directly or through groups), suspended ones included. */
async function projectsOf(db: Deps['db'], username: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.projects.listForUser(
      username,
      { cursor, limit: 100 },
      { includeSuspended: true },
    );
    names.push(...page.items.map((project) => project.name));
    cursor = page.cursor;
  } while (cursor);
  return names;
}

async function resourcesStep(deps: Deps, username: string, projects: string[], actor: string) {
  const done: string[] = [];
  const failed: Omit<Failure, 'step'>[] = [];
  for (const project of projects) {
    const report = await deps.cascade.memberRemoved(project, username, actor);
    for (const kind of report.kinds) {
      done.push(...kind.done.map((resource) => `${project}: ${resource}`));
      failed.push(
        ...kind.failed.map((failure) => ({
          ...failure,
          resource: `${project}: ${failure.resource}`,
        })),
      );
    }
  }
  return { done, failed };
}

async function privateDataStep(deps: Deps, username: string, actor: string) {
  const done: string[] = [];
  const failed: Omit<Failure, 'step'>[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.db.datasets.listByScope(
      { scope: 'private', scopeId: username },
      { cursor, limit: 100 },
    );
    for (const record of page.items) {
      try {
        await deps.datasetStorage.deletePrefix(datasetPrefix('private', username, record.name));
        await deps.db.datasets.delete(record, actor);
        done.push(`dataset ${record.name}`);
      } catch (error) {
        failed.push({ resource: `dataset ${record.name}`, reason: reasonOf(error) });
      }
    }
    cursor = page.cursor;
  } while (cursor);
  // Files written there other than through a dataset (a notebook's) go too.
  const prefix = `private/${username}/`;
  try {
    const deleted = await deps.datasetStorage.deletePrefix(prefix);
    if (deleted > 0) done.push(`${deleted} files under ${deps.datasetStorage.uri(prefix)}`);
  } catch (error) {
    failed.push({ resource: deps.datasetStorage.uri(prefix), reason: reasonOf(error) });
  }
  return { done, failed };
}

async function rolesStep(deps: Deps, username: string, projects: string[]) {
  try {
    const done = deps.compute.deleteUserRoles
      ? await deps.compute.deleteUserRoles(username, projects)
      : [];
    return { done, failed: [] };
  } catch (error) {
    return { done: [], failed: [{ resource: 'backend roles', reason: reasonOf(error) }] };
  }
}

/** Their tokens stop at once anyway (the owner is read on every use); revoked, they stay stopped. */
async function apiTokensStep(deps: Deps, username: string, actor: string) {
  try {
    const revoked = await deps.db.apiTokens.revokeAllOf(username, actor);
    return { done: revoked > 0 ? [`${revoked} API tokens revoked`] : [], failed: [] };
  } catch (error) {
    return { done: [], failed: [{ resource: 'API tokens', reason: reasonOf(error) }] };
  }
}

/** One pass of the deletion of a user whose deletion has started; safe to repeat. */
export async function continueUserDeletion(
  deps: Deps,
  username: string,
  actor: string,
): Promise<UserDeletionOutcome> {
  const outcome: UserDeletionOutcome = { username, complete: false, done: [], failures: [] };
  const projects = await projectsOf(deps.db, username);
  const steps: [string, () => Promise<{ done: string[]; failed: Omit<Failure, 'step'>[] }>][] = [
    ['API tokens', () => apiTokensStep(deps, username, actor)],
    ['resources', () => resourcesStep(deps, username, projects, actor)],
    ['private data', () => privateDataStep(deps, username, actor)],
    ['backend roles', () => rolesStep(deps, username, projects)],
  ];
  for (const [step, run] of steps) {
    const { done, failed } = await run();
    outcome.done.push(...done.map((resource) => ({ step, resource })));
    outcome.failures.push(...failed.map((failure) => ({ step, ...failure })));
    if (failed.length > 0) {
      await deps.db.users.recordDeletionAttempt(username, outcome.failures);
      return outcome;
    }
  }
  try {
    await deps.db.users.delete(username, actor);
  } catch (error) {
    // Another pass (the sweep, or a second request) finished it first.
    if (error instanceof NotFoundError) return { ...outcome, complete: true };
    outcome.failures.push({ step: 'account', resource: username, reason: reasonOf(error) });
    await deps.db.users.recordDeletionAttempt(username, outcome.failures);
    return outcome;
  }
  return { ...outcome, complete: true };
}

/** Starts (or, while unfinished, retries at once) the deletion of a user. */
export async function deleteUser(
  deps: Deps,
  username: string,
  actor: string,
): Promise<UserDeletionOutcome & { user: UserView }> {
  const user = await deps.db.users.startDeletion(username, actor);
  return { ...(await continueUserDeletion(deps, username, actor)), user };
}
