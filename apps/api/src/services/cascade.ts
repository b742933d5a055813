/**
 * What happens to a project's resources when the project is suspended, deleted or a member leaves.
 * Each resource kind (and the project's datasets and backend roles) registers a hook; the cascade
 * runs every hook, keeps going past failures and reports per kind what it did and what it
 * could not do, so callers can record and retry it.
 */
import type { ResourceKind } from '@mlspace/core';

/** What a project owns: its compute resources, its datasets and files, its backend roles. */
export type CascadeKind = ResourceKind | 'dataset' | 'projectRoles' | 'modelUsage' | 'usage';

/**
 * Deletion runs in stages, each only once every earlier stage finished: files go only when no
 * job or notebook can write them any more, and roles only when nothing runs as them.
 */
export const deletionStages = ['compute', 'dependents', 'storage', 'access'] as const;
export type DeletionStage = (typeof deletionStages)[number];

export interface CascadeOutcome {
  /** Resources acted on (stopped, deleted, terminated). */
  done: string[];
  /** Resources that could not be acted on, with the reason. */
  failed: { resource: string; reason: string }[];
  /** Resources acted on that are not gone yet (a notebook still stopping); deletion waits for them. */
  waiting?: { resource: string; reason: string }[];
}

export interface ProjectCascadeHook {
  kind: CascadeKind;
  onProjectSuspended?: (project: string, actor: string) => Promise<CascadeOutcome>;
  onMemberRemoved?: (project: string, username: string, actor: string) => Promise<CascadeOutcome>;
  /** The project's hard-stop budget is reached: stop what keeps costing (its notebooks). */
  onBudgetReached?: (project: string, actor: string) => Promise<CascadeOutcome>;
  /** Removes (stopping first where needed) what the project owns of this kind; must be safe to repeat. */
  onProjectDeleted?: (project: string, actor: string) => Promise<CascadeOutcome>;
  /** When this kind is deleted relative to the others; `compute` unless said otherwise. */
  deletionStage?: DeletionStage;
}

export interface CascadeReport {
  event:
    'project.suspended' | 'project.member_removed' | 'project.deleted' | 'project.budget_reached';
  project: string;
  kinds: ({ kind: CascadeKind } & CascadeOutcome)[];
  /** True when every hook finished without failures (and, for deletion, nothing is left waiting). */
  complete: boolean;
}

export interface ProjectCascade {
  register(hook: ProjectCascadeHook): void;
  registeredKinds(): CascadeKind[];
  projectSuspended(project: string, actor: string): Promise<CascadeReport>;
  memberRemoved(project: string, username: string, actor: string): Promise<CascadeReport>;
  budgetReached(project: string, actor: string): Promise<CascadeReport>;
  /** One pass of the deletion; callers repeat it (the sweep does) until it is complete. */
  projectDeleted(project: string, actor: string): Promise<CascadeReport>;
}

async function runHook(kind: CascadeKind, run: () => Promise<CascadeOutcome>) {
  try {
    return { kind, ...(await run()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind, done: [], failed: [{ resource: `all ${kind} resources`, reason }] };
  }
}

const finished = (outcome: CascadeOutcome) =>
  outcome.failed.length === 0 && (outcome.waiting ?? []).length === 0;

export function createProjectCascade(): ProjectCascade {
  const hooks: ProjectCascadeHook[] = [];

  async function run(
    event: CascadeReport['event'],
    project: string,
    pick: (hook: ProjectCascadeHook) => (() => Promise<CascadeOutcome>) | null,
  ): Promise<CascadeReport> {
    const runs = hooks.flatMap((hook) => {
      const call = pick(hook);
      return call ? [runHook(hook.kind, call)] : [];
    });
    const kinds = await Promise.all(runs);
    return { event, project, kinds, complete: kinds.every((kind) => kind.failed.length === 0) };
  }

  return {
    register(hook) {
      if (hooks.some((existing) => existing.kind === hook.kind)) {
        throw new Error(`A cascade hook for ${hook.kind} is already registered`);
      }
      hooks.push(hook);
    },
    registeredKinds: () => hooks.map((hook) => hook.kind),
    projectSuspended: (project, actor) =>
      run('project.suspended', project, (hook) =>
        hook.onProjectSuspended ? () => hook.onProjectSuspended!(project, actor) : null,
      ),
    memberRemoved: (project, username, actor) =>
      run('project.member_removed', project, (hook) =>
        hook.onMemberRemoved ? () => hook.onMemberRemoved!(project, username, actor) : null,
      ),
    budgetReached: (project, actor) =>
      run('project.budget_reached', project, (hook) =>
        hook.onBudgetReached ? () => hook.onBudgetReached!(project, actor) : null,
      ),
    async projectDeleted(project, actor) {
      const kinds: CascadeReport['kinds'] = [];
      for (const stage of deletionStages) {
        const runs = hooks
          .filter((hook) => hook.onProjectDeleted && (hook.deletionStage ?? 'compute') === stage)
          .map((hook) => runHook(hook.kind, () => hook.onProjectDeleted!(project, actor)));
        const outcomes = await Promise.all(runs);
        kinds.push(...outcomes);
        if (!outcomes.every(finished))
          return { event: 'project.deleted', project, kinds, complete: false };
      }
      return { event: 'project.deleted', project, kinds, complete: true };
    },
  };
}
