import { useState } from 'react';
import { useNavigate } from 'react-router';

import { createGroupInputSchema } from '@mlspace/core';

import type { Route } from './+types/admin.groups.new';
import { crumb } from '../components/breadcrumbs';
import { TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { UserPicker } from '../components/user-picker';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Create group · MLSpace' }];

export const handle = crumb(() => [
  { label: 'Groups', to: '/admin/groups' },
  { label: 'Create group' },
]);

export default function NewGroup() {
  const navigate = useNavigate();
  const [members, setMembers] = useState<string[]>([]);
  const create = trpc.groups.create.useMutation();
  const addMembers = trpc.groups.addMembers.useMutation();
  const form = useSchemaForm({
    schema: createGroupInputSchema,
    initial: { name: '', description: '' },
    labels: { name: 'Name', description: 'Description' },
    idPrefix: 'group-',
  });

  return (
    <FormPage
      title="Create group"
      onSubmit={form.submit(async (input) => {
        await create.mutateAsync(input);
        if (members.length > 0)
          await addMembers.mutateAsync({ name: input.name, usernames: members });
        await navigate(`/groups/${encodeURIComponent(input.name)}`);
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create group"
      cancelTo="/admin/groups"
    >
      <TextField form={form} name="name" help="Letters and digits, up to 24, unique." />
      <TextField form={form} name="description" multiline />
      <div className="space-y-1">
        <span className="text-sm font-medium">Members</span>
        <UserPicker selected={members} onChange={setMembers} />
      </div>
    </FormPage>
  );
}
