import { useState, type FormEvent } from 'react';
import { useRevalidator } from 'react-router';

import type { Route } from './+types/settings';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { errorMessage } from '../utils/format';
import { trpc } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';

export const meta: Route.MetaFunction = () => [{ title: 'Preferences · MLSpace' }];

const timeZones =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

export const handle = crumb(() => ({ label: 'Preferences' }));

export default function Settings() {
  const { user } = useRootData();
  const revalidator = useRevalidator();
  const [saved, setSaved] = useState(false);
  const update = trpc.me.updatePreferences.useMutation({
    onSuccess: () => {
      setSaved(true);
      void revalidator.revalidate();
    },
  });
  if (!user) return null;
  const { preferences } = user;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(false);
    update.mutate({
      timezone: form.get('timezone') as string,
      theme: form.get('theme') as 'system' | 'light' | 'dark',
      pageSize: Number(form.get('pageSize')) as 10 | 25 | 50 | 100,
    });
  }

  const fieldClass =
    'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950';
  return (
    <div className="max-w-xl">
      <PageHeader
        title="Preferences"
        description={`Signed in as ${user.username} (${user.email}).`}
      />
      <form
        onSubmit={submit}
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <label className="block text-sm font-medium">
          Time zone
          <select name="timezone" defaultValue={preferences.timezone} className={fieldClass}>
            {(timeZones.includes('UTC') ? timeZones : ['UTC', ...timeZones]).map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Theme
          <select name="theme" defaultValue={preferences.theme} className={fieldClass}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          Rows per table page
          <select
            name="pageSize"
            defaultValue={String(preferences.pageSize)}
            className={fieldClass}
          >
            {[10, 25, 50, 100].map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <ErrorNote message={errorMessage(update.error)} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save preferences'}
          </Button>
          {saved ? (
            <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}
