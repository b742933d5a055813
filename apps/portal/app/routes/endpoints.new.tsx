import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

import type { Route } from './+types/endpoints.new';
import { FormField, fieldClass } from '../components/ml/form-field';
import { kindBySegment, mlPath } from '../components/ml/kinds';
import { SimpleForm } from '../components/ml/simple-form';
import { computeNameProblem } from '../utils/ml-rules';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [{ title: `Create endpoint · ${params.project} · MLSpace` }];

const kind = kindBySegment('endpoints');

export default function NewEndpoint() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const configs = trpc.endpointConfigs.list.useQuery({ project, limit: 100 });
  const create = trpc.endpoints.create.useMutation();
  const [name, setName] = useState('');
  const [config, setConfig] = useState('');
  const [touched, setTouched] = useState(false);
  const problems = { name: computeNameProblem(name), config: config ? null : 'Pick an endpoint configuration' };

  async function submit() {
    setTouched(true);
    if (problems.name || problems.config) return;
    const endpoint = await create.mutateAsync({ project, name, endpointConfigName: config }).catch(() => null);
    if (endpoint) void navigate(mlPath(project, kind, endpoint.name));
  }

  return (
    <SimpleForm backTo={mlPath(project, kind)} backLabel={`Endpoints of ${project}`} title="Create endpoint" description="Serves the configuration's model for real-time inference." submitLabel="Create endpoint" pending={create.isPending} error={create.error} onSubmit={submit}>
      <FormField id="endpoint-name" label="Name" problem={touched || name ? problems.name : null}>
        <input id="endpoint-name" value={name} onChange={(event) => setName(event.target.value)} className={fieldClass} autoComplete="off" />
      </FormField>
      <FormField id="endpoint-config" label="Endpoint configuration" problem={touched ? problems.config : null}>
        <select id="endpoint-config" value={config} onChange={(event) => setConfig(event.target.value)} className={fieldClass}>
          <option value="">Pick a configuration…</option>
          {(configs.data?.items ?? []).map((item) => (
            <option key={item.name}>{item.name}</option>
          ))}
        </select>
      </FormField>
    </SimpleForm>
  );
}
