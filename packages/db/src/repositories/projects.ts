import {
  ConflictError,
  NotFoundError,
  createProjectInputSchema,
  projectDescriptionSchema,
  type MyProjectView,
  type Page,
  type PageInput,
  type ProjectDeletionView,
  type ProjectView,
} from '@mlspace/core';

import { decodeCursor, encodeCursor } from '../cursor';
import type { ProjectItem } from '../entities/project';
import type { Context } from '../model';
import type { ReachCache } from '../reach-cache';
import { queryPage } from '../query-page';
import { packTransactions } from '../transaction';
import { writeTransaction, writeTransactionIfConditionsHold, type TxOp } from '../tx';
import { validate } from '../validate';
import { auditOp } from './audit-op';
import { toProjectView } from './views';
import { queryParams } from '../query-params';

export interface CreateProjectRepositoryInput {
  name: string;
  description: string;
  createdBy: string;
}

export type ProjectStatusFilter = 'all' | 'active' | 'suspended';

export interface ListProjectsInput {
  cursor?: string | null;
  limit: number;
  filter?: string;
  status?: ProjectStatusFilter;
}

type PageRequest = Pick<PageInput, 'limit'> & { cursor?: string | null };

export function createProjectsRepository(context: Context, reach: ReachCache) {
  const { model } = context;
  const { project, projectMember } = model.entities;

  async function load(name: string): Promise<ProjectItem> {
    const { data } = await project.get({ name }).go();
    if (!data) throw new NotFoundError(`Project ${name} does not exist`);
    return data;
  }

  async function setSuspended(
    name: string,
    suspended: boolean,
    actor: string,
  ): Promise<ProjectView> {
    const current = await load(name);
    if (current.deletion) throw new ConflictError(`Project ${name} is being deleted`);
    if (current.suspended === suspended) return toProjectView(current);
    const at = context.now();
    await writeTransaction(
      model,
      [
        ({ project }) =>
          project
            .patch({ name })
            .set({ suspended, updatedAt: at })
            .where(
              (attributes, { eq, notExists }) =>
                `${eq(attributes.suspended, current.suspended)} AND ${notExists(attributes.deletion)}`,
            )
            .commit(),
        auditOp(
          {
            actor,
            action: suspended ? 'project.suspended' : 'project.reinstated',
            targetType: 'project',
            targetId: name,
            before: { suspended: current.suspended },
            after: { suspended },
          },
          at,
        ),
      ],
      () => `Project ${name} was changed or deleted at the same time; reload and try again`,
    );
    return toProjectView({ ...current, suspended, updatedAt: at });
  }

  return {
    /** The project, its creator as first owner, and the audit event commit together. */
    async create(input: CreateProjectRepositoryInput): Promise<ProjectView> {
      const { name, description } = validate(createProjectInputSchema, input);
      const at = context.now();
      const item = {
        name,
        description,
        searchText: `${name}\n${description}`.toLowerCase(),
        suspended: false,
        ownerCount: 1,
        createdBy: input.createdBy,
        createdAt: at,
        updatedAt: at,
        deletionIndex: 'none' as const,
        // A new project holds no dataset yet: lists skip it until its first one (ADR 011).
        holdsDatasets: false,
      };
      await writeTransaction(
        model,
        [
          ({ project }) => project.create(item).commit(),
          ({ projectMember }) =>
            projectMember
              .create({
                project: name,
                principalType: 'user',
                principalId: input.createdBy,
                role: 'owner',
                addedBy: input.createdBy,
                addedAt: at,
                updatedAt: at,
              })
              .commit(),
          auditOp(
            {
              actor: input.createdBy,
              action: 'project.created',
              targetType: 'project',
              targetId: name,
              after: { description },
            },
            at,
          ),
        ],
        (index) =>
          index === 0
            ? `A project named ${name} already exists`
            : `A leftover membership of ${input.createdBy} in a project named ${name} exists; try again`,
      ).catch(async (error: unknown) => {
        const { data: existing } = await project.get({ name }).go();
        if (existing?.deletion) {
          throw new ConflictError(
            `the previous project named ${existing.name} is still being deleted; choose another name or try again once its deletion is complete`,
            { field: 'name' },
          );
        }
        throw error;
      });
      return toProjectView(item);
    },

    async get(name: string): Promise<ProjectView | null> {
      const { data } = await project.get({ name }).go();
      return data ? toProjectView(data) : null;
    },

    async update(
      name: string,
      changes: { description: string },
      actor: string,
    ): Promise<ProjectView> {
      const description = validate(projectDescriptionSchema, changes.description, 'description');
      const current = await load(name);
      const at = context.now();
      await writeTransaction(
        model,
        [
          ({ project }) =>
            project
              .patch({ name })
              .set({
                description,
                searchText: `${current.name}\n${description}`.toLowerCase(),
                updatedAt: at,
              })
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.updated',
              targetType: 'project',
              targetId: name,
              before: { description: current.description },
              after: { description },
            },
            at,
          ),
        ],
        () => `Project ${name} was deleted at the same time`,
      );
      return toProjectView({ ...current, description, updatedAt: at });
    },

    suspend: (name: string, actor: string) => setSuspended(name, true, actor),
    reinstate: (name: string, actor: string) => setSuspended(name, false, actor),

    /**
     * Turns a suspended project into a tombstone being deleted: it keeps the name taken and is
     * listed for admins with what its deletion still waits for. Asking again changes nothing.
     */
    async startDeletion(name: string, actor: string): Promise<ProjectView> {
      const current = await load(name);
      if (current.deletion) return toProjectView(current);
      if (!current.suspended) {
        throw new ConflictError(`Project ${name} is not suspended; suspend it before deleting it`);
      }
      const at = context.now();
      const deletion: ProjectDeletionView = {
        requestedBy: actor,
        requestedAt: at,
        attempts: 0,
        lastAttemptAt: at,
        failures: [],
        waiting: [],
      };
      await writeTransaction(
        model,
        [
          ({ project }) =>
            project
              .patch({ name })
              .set({
                deletion: JSON.stringify(deletion),
                deletionIndex: 'deleting',
                updatedAt: at,
              })
              .where(
                (attributes, { eq, notExists }) =>
                  `${eq(attributes.suspended, true)} AND ${notExists(attributes.deletion)}`,
              )
              .commit(),
          auditOp(
            {
              actor,
              action: 'project.deletion_requested',
              targetType: 'project',
              targetId: name,
              before: { description: current.description },
            },
            at,
          ),
        ],
        () => `Project ${name} was reinstated or its deletion started at the same time`,
      );
      return toProjectView({ ...current, deletion: JSON.stringify(deletion), updatedAt: at });
    },

    /** Records one run of the deletion cascade: what failed and what it still waits for. */
    async recordDeletionAttempt(
      name: string,
      outcome: Pick<ProjectDeletionView, 'failures' | 'waiting'>,
    ): Promise<ProjectView | null> {
      const { data: current } = await project.get({ name }).go();
      if (!current?.deletion) return null;
      const previous = JSON.parse(current.deletion) as ProjectDeletionView;
      const deletion: ProjectDeletionView = {
        ...previous,
        attempts: previous.attempts + 1,
        lastAttemptAt: context.now(),
        failures: outcome.failures,
        waiting: outcome.waiting,
      };
      const recorded = await writeTransactionIfConditionsHold(model, [
        ({ project }) =>
          project
            .patch({ name })
            .set({ deletion: JSON.stringify(deletion) })
            .where((attributes, { exists }) => exists(attributes.deletion))
            .commit(),
      ]).catch(() => false);
      if (!recorded) return null; // finished meanwhile
      return toProjectView({ ...current, deletion: JSON.stringify(deletion) });
    },

    /** Projects whose deletion has not finished (in no set order); a Query on the sparse `deleting` index. */
    listDeleting(page: PageRequest): Promise<Page<ProjectView>> {
      const params = queryParams(project.query.deleting({ deletionIndex: 'deleting' }).params());
      return queryPage(context.client, params, {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = project.parse({ Item });
          return data ? toProjectView(data) : null;
        },
      });
    },

    /**
     * Only a suspended project can be deleted. Its memberships (users and group links) are
     * removed in transactions of at most 100 items; the project row and the audit event go in
     * the last one, conditioned on the project still being suspended.
     */
    async delete(name: string, actor: string): Promise<void> {
      const current = await load(name);
      if (!current.suspended) {
        throw new ConflictError(`Project ${name} is not suspended; suspend it before deleting it`);
      }
      const { data: members } = await projectMember.query
        .byProject({ project: name })
        .go({ pages: 'all' });
      const at = context.now();
      const memberOps = members.map((row): TxOp[] => [
        ({ projectMember }) =>
          projectMember
            .delete({
              project: name,
              principalType: row.principalType,
              principalId: row.principalId,
            })
            .commit(),
      ]);
      const finalOps: TxOp[] = [
        ({ project }) =>
          project
            .delete({ name })
            .where((attributes, { eq }) => eq(attributes.suspended, true))
            .commit(),
        auditOp(
          {
            actor,
            action: 'project.deleted',
            targetType: 'project',
            targetId: name,
            before: {
              description: current.description,
              members: members.map((row) => `${row.principalType}:${row.principalId}:${row.role}`),
            },
          },
          at,
        ),
      ];
      for (const batch of packTransactions(memberOps, finalOps)) {
        await writeTransaction(
          model,
          batch,
          () => `Project ${name} was reinstated or deleted at the same time`,
        );
      }
      // The mirror is a hint confirmed against link rows (ADR 011), so a group deleted meanwhile
      // or a failed removal leaves nothing anyone can reach through.
      await Promise.allSettled(
        members
          .filter((row) => row.principalType === 'group')
          .map((row) =>
            writeTransactionIfConditionsHold(model, [
              ({ group }) =>
                group
                  .patch({ name: row.principalId })
                  .delete({ linkedProjects: [current.name] })
                  .commit(),
            ]),
          ),
      );
    },

    /** Every project (admins), sorted by name; a Query on the `projects` partition of gsi1. */
    async listAll(input: ListProjectsInput): Promise<Page<ProjectView>> {
      const filter = input.filter?.trim().toLowerCase() ?? '';
      const status = input.status ?? 'all';
      const params = queryParams(
        project.query
          .allProjects({})
          .where((attributes, { contains, eq }) => {
            const conditions: string[] = [];
            if (filter) conditions.push(contains(attributes.searchText, filter));
            if (status !== 'all') conditions.push(eq(attributes.suspended, status === 'suspended'));
            return conditions.join(' AND ');
          })
          .params(),
      );
      return queryPage(context.client, params, {
        cursor: input.cursor,
        limit: input.limit,
        filtered: Boolean(filter) || status !== 'all',
        toView: (Item) => {
          const { data } = project.parse({ Item });
          return data ? toProjectView(data) : null;
        },
      });
    },

    /**
     * "My projects", sorted by project name, read through the user's reach (`reach.ts`: their
     * groups, then their projects a chunk at a time from the cursor on), which the reach cache
     * keeps while the reach epoch stands. The cursor is the last name returned.
     */
    async listForUser(
      username: string,
      page: PageRequest,
      options: { includeSuspended?: boolean } = {},
    ): Promise<Page<MyProjectView>> {
      // Reads the memberships this page shows, in name order (ADR 011), not all of them.
      const after = page.cursor ? decodeCursor(page.cursor).after?.toLowerCase() : undefined;
      const walk = (await reach.of(username)).projectsFrom(after, page.limit + 5);
      const items: MyProjectView[] = [];
      let lastKey: string | undefined;
      let more = false;
      try {
        for await (const batch of walk) {
          for (const reached of batch) {
            if (after !== undefined && reached.key <= after) continue;
            if (items.length === page.limit) {
              more = true;
              break;
            }
            lastKey = reached.key;
            const { item } = reached;
            if (item.deletion || (item.suspended && !options.includeSuspended)) continue;
            items.push({
              ...toProjectView(item),
              role: reached.role,
              directRole: reached.directRole,
              viaGroups: reached.viaGroups,
            });
          }
          if (more) break;
        }
      } finally {
        await walk.return(undefined);
      }
      return { items, cursor: more && lastKey ? encodeCursor({ after: lastKey }) : null };
    },
  };
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
