import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import type { Route } from './+types/training.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import {
  TrainingDefinitionFields,
  type TrainingDefinitionValue,
} from '../components/ml/training-definition';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { computeNameProblem } from '../utils/ml-rules';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create training job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('training');

/** Shows that training is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create training job');

export default onlyWhileActive('training', NewTrainingJob);

function NewTrainingJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const create = trpc.training.create.useMutation();
  const [name, setName] = useState('');
  const [definition, setDefinition] = useState<{
    value: TrainingDefinitionValue;
    problem: string | null;
  } | null>(null);
  const [touched, setTouched] = useState(false);
  const nameProblem = computeNameProblem(name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (nameProblem || !definition || definition.problem) return;
    const job = await create.mutateAsync({ project, name, ...definition.value }).catch(() => null);
    if (job) void navigate(mlPath(project, kind, job.name));
  }

  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Create training job"
        description={`Runs in project ${project}; the model artefact goes to the output location.`}
      />
      <form onSubmit={(event) => void submit(event)} className="space-y-5" noValidate>
        <FormField
          id="job-name"
          label="Name"
          help="Letters, digits and hyphens; unique across MLSpace."
          problem={touched || name ? nameProblem : null}
        >
          <input
            id="job-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setTouched(true)}
            className={fieldClass}
            autoComplete="off"
          />
        </FormField>
        <TrainingDefinitionFields
          project={project}
          touched={touched}
          onChange={(value, problem) => setDefinition({ value, problem })}
          serverError={create.error}
        />
        {touched && definition?.problem ? <ErrorNote message={definition.problem} /> : null}
        <ErrorNote message={errorMessage(create.error)} />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create training job'}
          </Button>
          <Link
            to={mlPath(project, kind)}
            className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:underline"
          >
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
