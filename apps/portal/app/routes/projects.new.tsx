import { useState } from 'react';
import { useNavigate } from 'react-router';

import type { Route } from './+types/projects.new';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import {
  descriptionProblem as describeDescription,
  projectNameProblem,
} from '../utils/project-rules';
import { trpc } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';

export const meta: Route.MetaFunction = () => [{ title: 'Create project · MLSpace' }];

export const handle = crumb(() => ({ label: 'Create project' }));

export default function NewProject() {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const create = trpc.projects.create.useMutation({
    onSuccess: async (project) => {
      await utils.projects.mine.invalidate();
      await navigate(`/projects/${encodeURIComponent(project.name)}`);
    },
  });
  const nameProblem = projectNameProblem(name);
  const descriptionProblem = describeDescription(description);
  const inputClass =
    'w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Create project"
        description="A project holds members, groups, data and compute. Its name cannot be changed later."
      />
      <form
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!nameProblem && !descriptionProblem) create.mutate({ name, description });
        }}
      >
        <div className="space-y-1">
          <label htmlFor="project-name" className="text-sm font-medium">
            Name
          </label>
          <input
            id="project-name"
            className={inputClass}
            value={name}
            autoComplete="off"
            aria-invalid={Boolean((touched || name) && nameProblem)}
            aria-describedby="project-name-help"
            onChange={(event) => setName(event.target.value)}
          />
          <p
            id="project-name-help"
            className={`text-xs ${(touched || name) && nameProblem ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
          >
            {(touched || name) && nameProblem
              ? `Name ${nameProblem}.`
              : '3 to 24 letters and digits, unique.'}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor="project-description" className="text-sm font-medium">
            Description
          </label>
          <textarea
            id="project-description"
            rows={4}
            className={inputClass}
            value={description}
            aria-invalid={Boolean(descriptionProblem)}
            aria-describedby="project-description-help"
            onChange={(event) => setDescription(event.target.value)}
          />
          <p
            id="project-description-help"
            className={`text-xs ${descriptionProblem ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
          >
            {descriptionProblem
              ? `Description ${descriptionProblem}.`
              : `${description.length} / 4000 characters`}
          </p>
        </div>
        <ErrorNote message={errorMessage(create.error)} />
        <div className="flex gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={create.isPending || Boolean(touched && (nameProblem || descriptionProblem))}
          >
            {create.isPending ? 'Creating…' : 'Create project'}
          </Button>
          <Button onClick={() => void navigate('/')}>Cancel</Button>
        </div>
      </form>
    </div>
  );
}
