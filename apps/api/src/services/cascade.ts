/**
 * What happens to a project's resources when the project is suspended or a member leaves. Each
 * resource kind registers a hook; the cascade runs every hook, keeps going past failures (Q20) and
 * reports per kind what it did and what it could not do, so callers can record and retry it.
 */
import type { ResourceKind } from '@mlspace/core';

export interface CascadeOutcome {
  /** Resources acted on (stopped, deleted, terminated). */
  done: string[];
  /** Resources that could not be acted on, with the reason. */
  failed: { resource: string; reason: string }[];
}

export interface ProjectCascadeHook {
  kind: ResourceKind;
  onProjectSuspended?: (project: string, actor: string) => Promise<CascadeOutcome>;
  onMemberRemoved?: (project: string, username: string, actor: string) => Promise<CascadeOutcome>;
}

export interface CascadeReport {
  event: 'project.suspended' | 'project.member_removed';
  project: string;
  kinds: ({ kind: ResourceKind } & CascadeOutcome)[];
  /** True when every hook finished without failures. */
  complete: boolean;
}

export interface ProjectCascade {
  register(hook: ProjectCascadeHook): void;
  registeredKinds(): ResourceKind[];
  projectSuspended(project: string, actor: string): Promise<CascadeReport>;
  memberRemoved(project: string, username: string, actor: string): Promise<CascadeReport>;
}

async function runHook(kind: ResourceKind, run: () => Promise<CascadeOutcome>) {
  try {
    return { kind, ...(await run()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind, done: [], failed: [{ resource: `all ${kind} resources`, reason }] };
  }
}

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
  };
}
