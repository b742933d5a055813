import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/transform.new';
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
  { title: `Create transform job · ${params.project} · MLSpace` },
];

const kind = kindBySegment('transform');

/** Shows that transform is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create transform job');

export default onlyWhileActive('transform', NewTransformJob);

function NewTransformJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const models = trpc.models.list.useQuery({ project, limit: 100 });
  const options = trpc.transform.options.useQuery({ project });
  const create = trpc.transform.create.useMutation();
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [contentType, setContentType] = useState<'text/csv' | 'application/json'>('text/csv');
  const [splitType, setSplitType] = useState<'Line' | 'None'>('Line');
  const [instanceType, setInstanceType] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!output && options.data) setOutput(options.data.defaultOutputS3Uri);
    if (!instanceType && options.data?.instanceTypes[0])
      setInstanceType(options.data.instanceTypes[0]);
  }, [options.data, output, instanceType]);
  const problems = {
    name: computeNameProblem(name),
    model: model ? null : 'Pick a model',
    input: s3UriProblem(input),
    output: s3UriProblem(output),
  };
  const show = (problem: string | null) => (touched ? problem : null);

  async function submit() {
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    const job = await create
      .mutateAsync({
        project,
        name,
        modelName: model,
        inputS3Uri: input.trim(),
        outputS3Uri: output.trim(),
        contentType,
        splitType,
        instanceType,
      })
      .catch(() => null);
    if (job) void navigate(mlPath(project, kind, job.name));
  }

  return (
    <SimpleForm
      backTo={mlPath(project, kind)}
      title="Create transform job"
      description="Runs a model over every file under an S3 prefix; each file's predictions go to <output>/<file>.out."
      submitLabel="Create transform job"
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
    >
      <DatasetLocations id="dataset-locations" />
      <FormField id="transform-name" label="Name" problem={touched || name ? problems.name : null}>
        <input
          id="transform-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
          autoComplete="off"
        />
      </FormField>
      <FormField id="transform-model" label="Model" problem={show(problems.model)}>
        <select
          id="transform-model"
          value={model}
          onChange={(event) => setModel(event.target.value)}
          className={fieldClass}
        >
          <option value="">Pick a model…</option>
          {(models.data?.items ?? []).map((item) => (
            <option key={item.name}>{item.name}</option>
          ))}
        </select>
      </FormField>
      <FormField
        id="transform-input"
        label="Input (S3 prefix or file)"
        problem={show(problems.input) ?? serverFieldProblem(create.error, 'inputS3Uri')}
      >
        <input
          id="transform-input"
          list="dataset-locations"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          className={fieldClass}
        />
      </FormField>
      <div className="grid grid-cols-3 gap-4">
        <FormField id="transform-content-type" label="Content type">
          <select
            id="transform-content-type"
            value={contentType}
            onChange={(event) => setContentType(event.target.value as typeof contentType)}
            className={fieldClass}
          >
            <option>text/csv</option>
            <option>application/json</option>
          </select>
        </FormField>
        <FormField
          id="transform-split"
          label="Split"
          help="Line: one record per line; None: whole files."
        >
          <select
            id="transform-split"
            value={splitType}
            onChange={(event) => setSplitType(event.target.value as typeof splitType)}
            className={fieldClass}
          >
            <option>Line</option>
            <option>None</option>
          </select>
        </FormField>
        <FormField id="transform-instance-type" label="Instance type">
          <select
            id="transform-instance-type"
            value={instanceType}
            onChange={(event) => setInstanceType(event.target.value)}
            className={fieldClass}
          >
            {(options.data?.instanceTypes ?? []).map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField
        id="transform-output"
        label="Output location"
        problem={show(problems.output) ?? serverFieldProblem(create.error, 'outputS3Uri')}
      >
        <input
          id="transform-output"
          value={output}
          onChange={(event) => setOutput(event.target.value)}
          className={fieldClass}
        />
      </FormField>
    </SimpleForm>
  );
}
