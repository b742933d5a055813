import { redirect } from 'react-router';

import type { Route } from './+types/overview';
import { useProject, type ProjectDetail } from '../../components/project/use-project';
import { projectPath, projectSections } from '../../components/project-sections';
import { useRootData } from '../../root';
import { formatDateTime } from '../../utils/format';

/** Links from before sections had routes (`?tab=members`) still open their section. */
export function loader({ params, url }: Route.LoaderArgs) {
  const tab = url.searchParams.get('tab');
  const section = projectSections.find((candidate) => candidate.key === tab);
  if (section?.path) throw redirect(projectPath(params.project, section.path));
  return null;
}

export default function ProjectOverview() {
  return <Overview detail={useProject()} />;
}

function Overview({ detail }: { detail: ProjectDetail }) {
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const { project } = detail;
  const facts: [string, string][] = [
    ['Created by', project.createdBy],
    ['Created', formatDateTime(project.createdAt, timeZone)],
    ['Last changed', formatDateTime(project.updatedAt, timeZone)],
    ['Direct owners', String(project.ownerCount)],
  ];
  return (
    <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {label}
          </dt>
          <dd className="mt-1 text-sm">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
