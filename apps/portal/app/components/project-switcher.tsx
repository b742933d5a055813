import { useNavigate, useParams } from 'react-router';

import { trpc } from '../utils/trpc';

/** The header's "current project" dropdown: my projects, navigating to the chosen one. */
export function ProjectSwitcher() {
  const navigate = useNavigate();
  const { project } = useParams();
  const mine = trpc.projects.mine.useQuery({ limit: 100 }, { staleTime: 30_000 });
  const projects = mine.data?.items ?? [];
  return (
    <select
      aria-label="Current project"
      value={projects.some((item) => item.name === project) ? project : ''}
      onChange={(event) => {
        if (event.target.value)
          void navigate(`/projects/${encodeURIComponent(event.target.value)}`);
      }}
      className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
    >
      <option value="">{projects.length ? 'Choose a project…' : 'No projects yet'}</option>
      {projects.map((item) => (
        <option key={item.name} value={item.name}>
          {item.name}
          {item.suspended ? ' (suspended)' : ''}
        </option>
      ))}
    </select>
  );
}
