/** One input for a project's running resources, so the overview, its loader and the cost controls share one query. */
export function runningQueryInput(project: string) {
  return { project, cursor: null, limit: 100 };
}
