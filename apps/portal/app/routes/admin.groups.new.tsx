import { useState } from 'react';
import { useNavigate } from 'react-router';

import type { Route } from './+types/admin.groups.new';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { UserPicker } from '../components/user-picker';
import { errorMessage } from '../utils/format';
import { descriptionProblem, groupNameProblem } from '../utils/project-rules';
import { trpc } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';

export const meta: Route.MetaFunction = () => [{ title: 'Create group · MLSpace' }];

export const handle = crumb(() => [
  { label: 'Groups', to: '/admin/groups' },
  { label: 'Create group' },
]);

export default function NewGroup() {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const create = trpc.groups.create.useMutation();
  const addMembers = trpc.groups.addMembers.useMutation();
  const nameProblem = name ? groupNameProblem(name) : null;
  const textProblem = descriptionProblem(description);
  const inputClass =
    'w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

  return (
    <div className="max-w-2xl">
      <PageHeader title="Create group" />
      <form
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name || nameProblem || textProblem) return;
          void (async () => {
            await create.mutateAsync({ name, description });
            if (members.length > 0) await addMembers.mutateAsync({ name, usernames: members });
            await navigate(`/groups/${name}`);
          })().catch(() => undefined);
        }}
      >
        <label className="block space-y-1">
          <span className="text-sm font-medium">Name</span>
          <input
            className={inputClass}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={Boolean(nameProblem)}
          />
          <span
            className={`block text-xs ${nameProblem ? 'text-red-700' : 'text-slate-500 dark:text-slate-400'}`}
          >
            {nameProblem ? `Name ${nameProblem}.` : 'Letters and digits, up to 24, unique.'}
          </span>
        </label>
        <label className="block space-y-1">
          <span className="text-sm font-medium">Description</span>
          <textarea
            rows={3}
            className={inputClass}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
          {textProblem ? (
            <span className="block text-xs text-red-700">Description {textProblem}.</span>
          ) : null}
        </label>
        <div className="space-y-1">
          <span className="text-sm font-medium">Members</span>
          <UserPicker selected={members} onChange={setMembers} />
        </div>
        <ErrorNote message={errorMessage(create.error ?? addMembers.error)} />
        <Button
          type="submit"
          variant="primary"
          disabled={!name || Boolean(nameProblem || textProblem) || create.isPending}
        >
          Create group
        </Button>
      </form>
    </div>
  );
}
