import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/endpoint-configs.new';
import { onlyWhileActive } from '../components/service-deactivated';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { SimpleForm } from '../components/ml/simple-form';
import { computeNameProblem, s3UriProblem, wholeNumberProblem } from '../utils/ml-rules';
import { serverFieldProblem } from '../utils/server-field-errors';
import { trpc } from '../utils/trpc';
import { mlSectionCrumbs } from '../components/project/section-crumbs';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create endpoint configuration · ${params.project} · MLSpace` },
];

const kind = kindBySegment('endpoint-configs');

/** Shows that endpoints is deactivated instead of a form that could only fail. */
export const handle = mlSectionCrumbs(() => 'Create endpoint configuration');

export default onlyWhileActive('endpoints', NewEndpointConfig);

function NewEndpointConfig() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const models = trpc.models.list.useQuery({ project, limit: 100 });
  const options = trpc.endpointConfigs.options.useQuery({ project });
  const create = trpc.endpointConfigs.create.useMutation();
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [instanceType, setInstanceType] = useState('');
  const [count, setCount] = useState(1);
  const [capture, setCapture] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!instanceType && options.data?.instanceTypes[0])
      setInstanceType(options.data.instanceTypes[0]);
  }, [options.data, instanceType]);
  const problems = {
    name: computeNameProblem(name),
    model: model ? null : 'Pick a model',
    count: wholeNumberProblem(count, 1, 10, 'Instance count'),
    capture: capture.trim() ? s3UriProblem(capture) : null,
  };

  async function submit() {
    setTouched(true);
    if (problems.name || problems.model || problems.count || problems.capture) return;
    const config = await create
      .mutateAsync({
        project,
        name,
        variants: [
          {
            variantName: 'AllTraffic',
            modelName: model,
            instanceType,
            initialInstanceCount: count,
          },
        ],
        dataCapture: capture.trim()
          ? { s3Uri: capture.trim(), samplingPercentage: 100 }
          : undefined,
      })
      .catch(() => null);
    if (config) void navigate(mlPath(project, kind, config.name));
  }

  return (
    <SimpleForm
      backTo={mlPath(project, kind)}
      title="Create endpoint configuration"
      description="One production variant (AllTraffic) serving a model."
      submitLabel="Create endpoint configuration"
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
    >
      <FormField id="config-name" label="Name" problem={touched || name ? problems.name : null}>
        <input
          id="config-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={fieldClass}
          autoComplete="off"
        />
      </FormField>
      <FormField id="variant-model" label="Model" problem={touched ? problems.model : null}>
        <select
          id="variant-model"
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
      <div className="grid grid-cols-2 gap-4">
        <FormField id="variant-instance-type" label="Instance type">
          <select
            id="variant-instance-type"
            value={instanceType}
            onChange={(event) => setInstanceType(event.target.value)}
            className={fieldClass}
          >
            {(options.data?.instanceTypes ?? []).map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </FormField>
        <FormField id="variant-count" label="Instance count" problem={problems.count}>
          <input
            id="variant-count"
            type="number"
            min={1}
            max={10}
            value={count}
            onChange={(event) => setCount(Number(event.target.value))}
            className={fieldClass}
          />
        </FormField>
      </div>
      <FormField
        id="data-capture"
        label="Data capture location (optional)"
        help="Requests and responses are captured here: a dataset of this project or its output folder."
        problem={
          (touched ? problems.capture : null) ??
          serverFieldProblem(create.error, 'dataCapture.s3Uri')
        }
      >
        <input
          id="data-capture"
          value={capture}
          onChange={(event) => setCapture(event.target.value)}
          placeholder={options.data?.defaultOutputS3Uri}
          className={fieldClass}
        />
      </FormField>
    </SimpleForm>
  );
}
