import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';

import type { Route } from './+types/models.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { DatasetLocations } from '../components/ml/dataset-locations';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { SimpleForm } from '../components/ml/simple-form';
import { computeNameProblem, s3UriProblem } from '../utils/ml-rules';
import { serverFieldProblem } from '../utils/server-field-errors';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create model · ${params.project} · MLSpace` },
];

const kind = kindBySegment('models');

/** Shows that models is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create model');

export default onlyWhileActive('models', NewModel);

function NewModel() {
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const jobs = trpc.training.list.useQuery({ project, limit: 100, status: 'Completed' });
  const create = trpc.models.create.useMutation();
  const [name, setName] = useState('');
  const [source, setSource] = useState<'training' | 'artefact'>('training');
  const [trainingJob, setTrainingJob] = useState(search.get('trainingJob') ?? '');
  const [artefact, setArtefact] = useState('');
  const [image, setImage] = useState('');
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const completed = jobs.data?.items ?? [];
  const problems = {
    name: computeNameProblem(name),
    source:
      source === 'training'
        ? trainingJob
          ? null
          : 'Pick a completed training job'
        : artefact || image
          ? artefact
            ? s3UriProblem(artefact)
            : null
          : 'Give a model artefact or a container image',
    code: code ? s3UriProblem(code) : null,
  };
  const show = (problem: string | null) => (touched ? problem : null);

  async function submit() {
    setTouched(true);
    if (problems.name || problems.source || problems.code) return;
    const model = await create
      .mutateAsync({
        project,
        name,
        trainingJobName: source === 'training' ? trainingJob : undefined,
        modelDataS3Uri: source === 'artefact' && artefact ? artefact.trim() : undefined,
        image: image.trim() || undefined,
        inferenceCodeS3Uri: code.trim() || undefined,
      })
      .catch(() => null);
    if (model) void navigate(mlPath(project, kind, model.name));
  }

  return (
    <SimpleForm
      backTo={mlPath(project, kind)}
      title="Create model"
      description="A model artefact plus the code that serves it."
      submitLabel="Create model"
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
    >
      <DatasetLocations id="dataset-locations" />
      <FormField id="model-name" label="Name" problem={touched || name ? problems.name : null}>
        <input
          id="model-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
          autoComplete="off"
        />
      </FormField>
      <div className="flex gap-6 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            checked={source === 'training'}
            onChange={() => setSource('training')}
          />{' '}
          From a training job
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            checked={source === 'artefact'}
            onChange={() => setSource('artefact')}
          />{' '}
          From an artefact or image
        </label>
      </div>
      {source === 'training' ? (
        <FormField
          id="training-job"
          label="Training job"
          help="Completed training jobs of this project."
          problem={show(problems.source) ?? serverFieldProblem(create.error, 'trainingJobName')}
        >
          <select
            id="training-job"
            value={trainingJob}
            onChange={(event) => setTrainingJob(event.target.value)}
            className={fieldClass}
          >
            <option value="">Pick a training job…</option>
            {completed.map((job) => (
              <option key={job.name}>{job.name}</option>
            ))}
          </select>
        </FormField>
      ) : (
        <>
          <FormField
            id="artefact"
            label="Model artefact (model.tar.gz)"
            problem={show(problems.source) ?? serverFieldProblem(create.error, 'modelDataS3Uri')}
          >
            <input
              id="artefact"
              list="dataset-locations"
              value={artefact}
              onChange={(event) => setArtefact(event.target.value)}
              className={fieldClass}
              placeholder="s3://bucket/…/model.tar.gz"
            />
          </FormField>
          <FormField
            id="image"
            label="Container image (optional)"
            help="On AWS, an ECR image URI; locally the built-in scikit-learn/XGBoost server is used."
          >
            <input
              id="image"
              value={image}
              onChange={(event) => setImage(event.target.value)}
              className={fieldClass}
            />
          </FormField>
        </>
      )}
      <FormField
        id="inference-code"
        label="Inference code (optional)"
        help="An inference.py (or sourcedir.tar.gz) with model_fn, input_fn, predict_fn, output_fn. Without it, scikit-learn and XGBoost models are served with CSV and JSON input."
        problem={show(problems.code) ?? serverFieldProblem(create.error, 'inferenceCodeS3Uri')}
      >
        <input
          id="inference-code"
          list="dataset-locations"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          className={fieldClass}
          placeholder="s3://bucket/…/inference.py"
        />
      </FormField>
    </SimpleForm>
  );
}
