import { useNavigate } from 'react-router';

import { createProjectInputSchema } from '@mlspace/core';

import type { Route } from './+types/projects.new';
import { crumb } from '../components/breadcrumbs';
import { TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Create project · MLSpace' }];

export const handle = crumb(() => ({ label: 'Create project' }));

export default function NewProject() {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const create = trpc.projects.create.useMutation();
  const form = useSchemaForm({
    schema: createProjectInputSchema,
    initial: { name: '', description: '' },
    labels: { name: 'Name', description: 'Description' },
    idPrefix: 'project-',
  });

  return (
    <FormPage
      title="Create project"
      description="A project holds members, groups, data and compute. Its name cannot be changed later."
      onSubmit={form.submit(async (input) => {
        const project = await create.mutateAsync(input);
        await utils.projects.mine.invalidate();
        await navigate(`/projects/${encodeURIComponent(project.name)}`);
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create project"
      cancelTo="/"
    >
      <TextField form={form} name="name" help="3 to 24 letters and digits, unique." />
      <TextField
        form={form}
        name="description"
        multiline
        rows={4}
        help={`${form.values.description.length} / 4000 characters`}
      />
    </FormPage>
  );
}
