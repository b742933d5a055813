/**
 * A token limited to projects sees nothing of other projects. The request's `db` is wrapped once,
 * in the tRPC context, where project access is decided for the caller:
 * - `membership.effectiveRole(project, caller)` and `projectAccess.of(project, caller)` refuse a
 *   project outside the token's list, so every project, resource, notebook and dataset check and
 *   the storage gate refuse it, naming the token's limit (each of them asks for the caller's role
 *   before anything else);
 * - the lists that span projects (my projects, my resources of each kind, what runs now, datasets
 *   I can see) leave other projects out, filling their pages from the next ones.
 * Other users' roles (members a procedure names) are read as they are.
 */
import { ForbiddenError, type Page } from '@mlspace/core';
import type { Db, VisibleDatasetScopes } from '@mlspace/db';

type PageRequest = { cursor?: string | null; limit: number };

export function projectLimitRefusal(projects: readonly string[], project: string): ForbiddenError {
  return new ForbiddenError(
    `This API token is limited to ${projects.length === 1 ? 'project' : 'projects'} ${projects.join(', ')}; it cannot reach project '${project}'.`,
  );
}

/** Reads pages of `read` from `page.cursor` on until `limit` kept items or the end. */
async function keptPage<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  keep: (item: T) => boolean,
  page: PageRequest,
): Promise<Page<T>> {
  const items: T[] = [];
  let cursor = page.cursor ?? null;
  for (;;) {
    const next = await read({ ...page, cursor, limit: page.limit - items.length });
    items.push(...next.items.filter(keep));
    cursor = next.cursor;
    if (cursor === null || items.length >= page.limit) return { items, cursor };
  }
}

export function limitDbToProjects(db: Db, username: string, projects: readonly string[]): Db {
  const allowed = new Set(projects.map((name) => name.toLowerCase()));
  const inScope = (project: string) => allowed.has(project.toLowerCase());
  const isCaller = (name: string) => name === username;

  function limitScopes<S extends VisibleDatasetScopes>(scopes: S): S {
    return {
      ...scopes,
      async *projectsFrom(from, chunk) {
        for await (const batch of scopes.projectsFrom(from, chunk)) {
          const kept = batch.filter((scope) => inScope(scope.name));
          if (kept.length > 0) yield kept;
        }
      },
    };
  }

  return {
    ...db,
    membership: {
      ...db.membership,
      async effectiveRole(project, member) {
        if (isCaller(member) && !inScope(project)) throw projectLimitRefusal(projects, project);
        return db.membership.effectiveRole(project, member);
      },
    },
    projectAccess: {
      ...db.projectAccess,
      async of(project, member) {
        if (isCaller(member) && !inScope(project)) throw projectLimitRefusal(projects, project);
        return db.projectAccess.of(project, member);
      },
    },
    projects: {
      ...db.projects,
      listForUser: (member, page, options) =>
        isCaller(member)
          ? keptPage(
              (next) => db.projects.listForUser(member, next, options),
              (project) => inScope(project.name),
              page,
            )
          : db.projects.listForUser(member, page, options),
    },
    resources: {
      ...db.resources,
      listByOwner: (owner, kind, input) =>
        isCaller(owner)
          ? keptPage(
              (next) => db.resources.listByOwner(owner, kind, { ...input, ...next }),
              (record) => inScope(record.project),
              input,
            )
          : db.resources.listByOwner(owner, kind, input),
    },
    running: {
      ...db.running,
      listByOwner: (owner, input) =>
        isCaller(owner)
          ? keptPage(
              (next) => db.running.listByOwner(owner, { ...input, ...next }),
              (record) => inScope(record.project),
              input,
            )
          : db.running.listByOwner(owner, input),
    },
    datasets: {
      ...db.datasets,
      visibleScopes: async (member) => {
        const scopes = await db.datasets.visibleScopes(member);
        return isCaller(member) ? limitScopes(scopes) : scopes;
      },
      visibleTo: async (member) => {
        const visible = await db.datasets.visibleTo(member);
        return isCaller(member) ? limitScopes(visible) : visible;
      },
    },
  };
}
