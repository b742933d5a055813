import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  defaultUserPreferences,
  userPreferencesSchema,
  type Page,
  type UserDeletionView,
  type UserPreferences,
  type UserView,
} from '@mlspace/core';

import { auditItem } from '../audit';
import { auditOp } from './audit-op';
import { userSearchText, type UserItem } from '../entities/user';
import { principalRows } from '../memberships';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { maxTransactionItems, packTransactions } from '../transaction';
import { writeTransaction, type TxOp } from '../tx';
import { groupRemovalOps } from './group-ops';
import { deleteSessionsOf } from './sessions';
import { ownerDecrementOp, projectsWhereLastOwner } from './owner-ops';
import { toUserView } from './user-views';
import { queryParams } from '../query-params';

export interface RecordLoginInput {
  username: string;
  email: string;
  displayName: string;
  suspendedIfNew: boolean;
  adminIfNew: boolean;
}

export type UserStatusFilter = 'all' | 'active' | 'suspended' | 'admins';

export interface ListUsersInput {
  cursor?: string | null;
  limit: number;
  filter?: string;
  status?: UserStatusFilter;
}

export function createUsersRepository(context: Context) {
  const { model } = context;
  const { user } = model.entities;

  async function load(username: string): Promise<UserItem> {
    const { data } = await user.get({ username }).go();
    if (!data) throw new NotFoundError(`User ${username} does not exist`);
    return data;
  }

  /** Changes user fields in one transaction with their audit event; `expected` guards against lost updates. */
  async function change(
    current: UserItem,
    changes: Partial<Pick<UserItem, 'suspended' | 'isAdmin' | 'preferences' | 'sessionEpoch'>>,
    action: string,
    actor: string,
    extraOps: TxOp[] = [],
    explainExtra: (index: number) => string = () => '',
  ): Promise<UserView> {
    const at = context.now();
    const before = Object.fromEntries(
      Object.keys(changes).map((key) => [key, current[key as keyof typeof changes]]),
    );
    await writeTransaction(
      model,
      [
        ({ user }) =>
          user
            .patch({ username: current.username })
            .set({ ...changes, updatedAt: at })
            .where((attributes, { eq }) => eq(attributes.updatedAt, current.updatedAt))
            .commit(),
        ({ auditEvent }) =>
          auditEvent
            .create(
              auditItem(
                {
                  actor,
                  action,
                  targetType: 'user',
                  targetId: current.username,
                  before,
                  after: changes,
                },
                at,
              ),
            )
            .commit(),
        ...extraOps,
      ],
      (index) =>
        index === 0
          ? `User ${current.username} was changed or deleted at the same time; reload and try again`
          : explainExtra(index - 2),
    );
    return toUserView({ ...current, ...changes, updatedAt: at });
  }

  return {
    async get(username: string): Promise<UserView | null> {
      const { data } = await user.get({ username }).go();
      return data ? toUserView(data) : null;
    },

    /** Creates the user on first login, else refreshes what the IdP says about them. */
    async recordLogin(input: RecordLoginInput): Promise<UserView> {
      const at = context.now();
      const profile = {
        email: input.email,
        displayName: input.displayName,
        searchText: userSearchText(input),
        lastLoginAt: at,
        updatedAt: at,
      };
      const created = {
        username: input.username,
        ...profile,
        isAdmin: input.adminIfNew,
        suspended: input.suspendedIfNew,
        preferences: defaultUserPreferences,
        createdAt: at,
        // A new account of a deleted user's name must not inherit that user's sessions.
        sessionEpoch: at,
        deletionIndex: 'none' as const,
      };
      const outcome = await model.transaction
        .write(({ user, auditEvent }) => [
          user.create(created).commit(),
          auditEvent
            .create(
              auditItem(
                {
                  actor: input.username,
                  action: 'user.created',
                  targetType: 'user',
                  targetId: input.username,
                  after: { isAdmin: created.isAdmin, suspended: created.suspended },
                },
                at,
              ),
            )
            .commit(),
        ])
        .go();
      if (!outcome.canceled) return toUserView(created);
      // Already there (or created by a concurrent first login): refresh instead, unless the
      // account is being deleted, which no sign-in may bring back.
      try {
        const { data } = await user
          .patch({ username: input.username })
          .set(profile)
          .where((attributes, { notExists }) => notExists(attributes.deletion))
          .go({ response: 'all_new' });
        return toUserView(data);
      } catch (error) {
        const { data } = await user.get({ username: input.username }).go();
        if (data?.deletion)
          throw new ForbiddenError(`The account ${input.username} is being deleted`);
        throw error;
      }
    },

    async list(input: ListUsersInput): Promise<Page<UserView>> {
      const filter = input.filter?.trim().toLowerCase() ?? '';
      const status = input.status ?? 'all';
      const params = queryParams(
        user.query
          .allUsers({})
          .where((attributes, { contains, eq }) => {
            const conditions: string[] = [];
            if (filter) conditions.push(contains(attributes.searchText, filter));
            if (status === 'active') conditions.push(eq(attributes.suspended, false));
            if (status === 'suspended') conditions.push(eq(attributes.suspended, true));
            if (status === 'admins') conditions.push(eq(attributes.isAdmin, true));
            return conditions.join(' AND ');
          })
          .params(),
      );
      return queryPage(context.client, params, {
        cursor: input.cursor,
        limit: input.limit,
        filtered: Boolean(filter) || status !== 'all',
        toView: (Item) => {
          const { data } = user.parse({ Item });
          return data ? toUserView(data) : null;
        },
      });
    },

    /**
     * Refused for the last owner of any project: a project must keep an owner who can act.
     * Suspending ends every session of the user (a new session epoch, in the same write), so a
     * later reactivation does not bring old browsers back: the user signs in again.
     */
    async setSuspended(username: string, suspended: boolean, actor: string): Promise<UserView> {
      const current = await load(username);
      if (current.suspended === suspended) return toUserView(current);
      if (!suspended) return change(current, { suspended }, 'user.reinstated', actor);
      const { projects } = await principalRows(context, 'user', username);
      const owned = projects.filter((row) => row.role === 'owner').map((row) => row.project);
      const { lastOwnerOf, others } = await projectsWhereLastOwner(context, owned);
      if (lastOwnerOf.length > 0) {
        throw new ConflictError(
          `${username} is the last owner of project ${lastOwnerOf.join(', ')}; add another owner before suspending them`,
        );
      }
      // Condition checks make a concurrent demotion of the other owner fail one of the two.
      const checked = others.slice(0, maxTransactionItems - 2);
      const suspendedView = await change(
        current,
        { suspended, sessionEpoch: context.now() },
        'user.suspended',
        actor,
        checked.map(
          (name): TxOp =>
            ({ project }) =>
              project
                .check({ name })
                .where((attributes, { gt }) => gt(attributes.ownerCount, 1))
                .commit(),
        ),
        (index) =>
          `${username} is the last owner of project ${checked[index] ?? ''}; add another owner before suspending them`,
      );
      await deleteSessionsOf(context, username);
      return suspendedView;
    },

    /** Ends every session of the user at once (one write), then removes their session items. */
    async signOutEverywhere(username: string, actor: string): Promise<UserView> {
      const current = await load(username);
      const view = await change(
        current,
        { sessionEpoch: context.now() },
        'user.signed_out_everywhere',
        actor,
      );
      await deleteSessionsOf(context, username);
      return view;
    },

    async setAdmin(username: string, isAdmin: boolean, actor: string): Promise<UserView> {
      const current = await load(username);
      if (current.isAdmin === isAdmin) return toUserView(current);
      return change(
        current,
        { isAdmin },
        isAdmin ? 'user.admin_granted' : 'user.admin_revoked',
        actor,
      );
    },

    /** Accepts a full or partial preferences object; the merged result must be valid. */
    async updatePreferences(
      username: string,
      prefs: Partial<UserPreferences>,
      actor: string,
    ): Promise<UserView> {
      const current = await load(username);
      const merged = userPreferencesSchema.safeParse({
        ...toUserView(current).preferences,
        ...prefs,
      });
      if (!merged.success) {
        const issue = merged.error.issues[0];
        throw new ValidationError(
          `preferences.${issue?.path.join('.') ?? ''}`,
          issue?.message ?? 'is invalid',
        );
      }
      return change(current, { preferences: merged.data }, 'user.preferences_updated', actor);
    },

    /**
     * The first step of deleting a user: the account becomes a tombstone that cannot sign in
     * (every session ends in the same write, as for suspension) and is listed for the sweep.
     * Refused, writing nothing, for the last owner of any project. Repeating it changes nothing.
     */
    async startDeletion(username: string, actor: string): Promise<UserView> {
      const current = await load(username);
      if (current.deletion) return toUserView(current);
      const { projects } = await principalRows(context, 'user', username);
      const owned = projects.filter((row) => row.role === 'owner').map((row) => row.project);
      const { lastOwnerOf } = await projectsWhereLastOwner(context, owned);
      if (lastOwnerOf.length > 0) {
        throw new ConflictError(
          `${username} is the only owner of project ${lastOwnerOf.join(', ')}; add another owner before deleting the user`,
        );
      }
      const at = context.now();
      const deletion: UserDeletionView = {
        requestedBy: actor,
        requestedAt: at,
        attempts: 0,
        lastAttemptAt: at,
        failures: [],
      };
      await writeTransaction(
        model,
        [
          ({ user }) =>
            user
              .patch({ username })
              .set({
                deletion: JSON.stringify(deletion),
                deletionIndex: 'deleting',
                sessionEpoch: at,
                updatedAt: at,
              })
              .where(
                (attributes, { eq, notExists }) =>
                  `${eq(attributes.updatedAt, current.updatedAt)} AND ${notExists(attributes.deletion)}`,
              )
              .commit(),
          auditOp(
            {
              actor,
              action: 'user.deletion_requested',
              targetType: 'user',
              targetId: username,
              before: { email: current.email, isAdmin: current.isAdmin },
            },
            at,
          ),
        ],
        () => `User ${username} was changed at the same time; reload and try again`,
      );
      await deleteSessionsOf(context, username);
      return toUserView({
        ...current,
        deletion: JSON.stringify(deletion),
        deletionIndex: 'deleting',
        sessionEpoch: at,
        updatedAt: at,
      });
    },

    /** Records one pass of the deletion cascade; null once the user is gone. */
    async recordDeletionAttempt(
      username: string,
      failures: UserDeletionView['failures'],
    ): Promise<UserView | null> {
      const { data: current } = await user.get({ username }).go();
      if (!current?.deletion) return null;
      const previous = JSON.parse(current.deletion) as UserDeletionView;
      const deletion: UserDeletionView = {
        ...previous,
        attempts: previous.attempts + 1,
        lastAttemptAt: context.now(),
        failures,
      };
      try {
        await user
          .patch({ username })
          .set({ deletion: JSON.stringify(deletion) })
          .where((attributes, { exists }) => exists(attributes.deletion))
          .go();
      } catch {
        return null; // finished meanwhile
      }
      return toUserView({ ...current, deletion: JSON.stringify(deletion) });
    },

    /** Users whose deletion has not finished (in no set order); a Query on the sparse `deleting` index. */
    listDeleting(page: { cursor?: string | null; limit: number }): Promise<Page<UserView>> {
      const params = queryParams(user.query.deleting({ deletionIndex: 'deleting' }).params());
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = user.parse({ Item });
          return data ? toUserView(data) : null;
        },
      });
    },

    /**
     * Removes the user and all their project and group memberships. More than one transaction
     * is needed when they have many memberships: owner rows go first (so a last-owner refusal
     * writes nothing), the user item and its audit event go last.
     */
    async delete(username: string, actor: string): Promise<void> {
      const current = await load(username);
      const rows = await principalRows(context, 'user', username);
      const owned = rows.projects.filter((row) => row.role === 'owner').map((row) => row.project);
      const { lastOwnerOf } = await projectsWhereLastOwner(context, owned);
      if (lastOwnerOf.length > 0) {
        throw new ConflictError(
          `${username} is the only owner of project ${lastOwnerOf.join(', ')}; add another owner before deleting the user`,
        );
      }
      const at = context.now();
      // A direct membership row and, for an owner, the project's owner count change together.
      const projectGroups = rows.projects.map((row): TxOp[] => [
        ...(row.role === 'owner' ? [ownerDecrementOp(row.project, at)] : []),
        ({ projectMember }) =>
          projectMember
            .delete({ project: row.project, principalType: 'user', principalId: username })
            .commit(),
      ]);
      const groupGroups = rows.groups.map((row): TxOp[] => [
        ...groupRemovalOps(row.group, username, 'removed', actor, at),
        ({ group }) => group.patch({ name: row.group }).subtract({ memberCount: 1 }).commit(),
      ]);
      const finalOps: TxOp[] = [
        ({ user }) => user.delete({ username }).commit(),
        ({ auditEvent }) =>
          auditEvent
            .create(
              auditItem(
                {
                  actor,
                  action: 'user.deleted',
                  targetType: 'user',
                  targetId: username,
                  before: {
                    email: current.email,
                    projects: rows.projects.map((row) => row.project),
                    groups: rows.groups.map((row) => row.group),
                  },
                },
                at,
              ),
            )
            .commit(),
      ];
      const batches = packTransactions([...projectGroups, ...groupGroups], finalOps);
      for (const batch of batches) {
        await writeTransaction(
          model,
          batch,
          () => `${username} became the last owner of a project meanwhile; try again`,
        );
      }
      // Already refused (the user is gone); removing the items leaves nothing behind.
      await deleteSessionsOf(context, username);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
