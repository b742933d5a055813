import {
  ConflictError,
  NotFoundError,
  createProjectInputSchema,
  highestRole,
  projectDescriptionSchema,
  type MyProjectView,
  type Page,
  type PageInput,
  type ProjectDeletionView,
  type ProjectRole,
  type ProjectView,
} from '@mlspace/core';

import { decodeCursor, encodeCursor } from '../cursor';
import type { ProjectItem } from '../entities/project';
import { principalRows } from '../memberships';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { packTransactions } from '../transaction';
import { writeTransaction, type TxOp } from '../tx';
import { validate } from '../validate';
import { auditOp } from './audit-op';
import { toProjectView } from './views';

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

export function createProjectsRepository(context: Context) {
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
      try {
        await project
          .patch({ name })
          .set({ deletion: JSON.stringify(deletion) })
          .where((attributes, { exists }) => exists(attributes.deletion))
          .go();
      } catch {
        return null; // finished meanwhile
      }
      return toProjectView({ ...current, deletion: JSON.stringify(deletion) });
    },

    /** Projects whose deletion has not finished (in no set order); a Query on the sparse `deleting` index. */
    listDeleting(page: PageRequest): Promise<Page<ProjectView>> {
      const params = project.query.deleting({ deletionIndex: 'deleting' }).params();
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
    },

    /** Every project (admins), sorted by name; a Query on the `projects` partition of gsi1. */
    async listAll(input: ListProjectsInput): Promise<Page<ProjectView>> {
      const filter = input.filter?.trim().toLowerCase() ?? '';
      const status = input.status ?? 'all';
      const params = project.query
        .allProjects({})
        .where((attributes, { contains, eq }) => {
          const conditions: string[] = [];
          if (filter) conditions.push(contains(attributes.searchText, filter));
          if (status !== 'all') conditions.push(eq(attributes.suspended, status === 'suspended'));
          return conditions.join(' AND ');
        })
        .params();
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
     * "My projects": direct memberships and group memberships come from one Query on the user's
     * gsi2 partition, the groups' project links from one Query per group (in parallel), and the
     * projects themselves from one BatchGet per page. Sorted by project name; the cursor is the
     * last name returned.
     */
    async listForUser(
      username: string,
      page: PageRequest,
      options: { includeSuspended?: boolean } = {},
    ): Promise<Page<MyProjectView>> {
      const rows = await principalRows(context, 'user', username);
      const links = await Promise.all(
        rows.groups.map((row) => principalRows(context, 'group', row.group)),
      );
      const reach = new Map<
        string,
        { direct: ProjectRole | null; groups: { group: string; role: ProjectRole }[] }
      >();
      const entry = (name: string) => {
        const existing = reach.get(name) ?? { direct: null, groups: [] };
        reach.set(name, existing);
        return existing;
      };
      for (const row of rows.projects) entry(row.project).direct = row.role;
      links.forEach((groupRows, index) => {
        const group = rows.groups[index]?.group ?? '';
        for (const row of groupRows.projects)
          entry(row.project).groups.push({ group, role: row.role });
      });
      const after = page.cursor ? decodeCursor(page.cursor).after : undefined;
      const names = [...reach.keys()].sort().filter((name) => after === undefined || name > after);

      const items: MyProjectView[] = [];
      let lastName: string | undefined;
      let offset = 0;
      while (items.length < page.limit && offset < names.length) {
        // Fetch only what this page can still use (plus slack for suspended projects skipped).
        const batch = names.slice(offset, offset + Math.min(100, page.limit - items.length + 5));
        offset += batch.length;
        const { data } = await project.get(batch.map((name) => ({ name }))).go();
        const byName = new Map(data.map((item) => [item.name.toLowerCase(), item]));
        for (const name of batch) {
          const item = byName.get(name.toLowerCase());
          lastName = name;
          if (!item || item.deletion || (item.suspended && !options.includeSuspended)) continue;
          const via = reach.get(name) ?? { direct: null, groups: [] };
          const role =
            highestRole([via.direct, ...via.groups.map((link) => link.role)]) ?? 'member';
          items.push({
            ...toProjectView(item),
            role,
            directRole: via.direct,
            viaGroups: via.groups,
          });
          if (items.length === page.limit) break;
        }
      }
      const more = lastName !== undefined && names.indexOf(lastName) < names.length - 1;
      return { items, cursor: more && lastName ? encodeCursor({ after: lastName }) : null };
    },
  };
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
