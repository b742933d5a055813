import { useState } from 'react';
import { useRevalidator } from 'react-router';

import { userPreferencesSchema, type UserPreferences } from '@mlspace/core';

import type { Route } from './+types/settings';
import { crumb } from '../components/breadcrumbs';
import { SelectField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { TimeZoneField, useBrowserTimeZones } from '../components/form/time-zone-picker';
import { useSchemaForm } from '../components/form/use-schema-form';
import { useRootData } from '../root';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Preferences · MLSpace' }];

export const handle = crumb(() => ({ label: 'Preferences' }));

export default function Settings() {
  const { user } = useRootData();
  if (!user) return null;
  return (
    <PreferencesForm
      preferences={user.preferences}
      who={`Signed in as ${user.username} (${user.email}).`}
    />
  );
}

function PreferencesForm({ preferences, who }: { preferences: UserPreferences; who: string }) {
  const revalidator = useRevalidator();
  const [saved, setSaved] = useState(false);
  const update = trpc.me.updatePreferences.useMutation();
  const form = useSchemaForm({
    schema: userPreferencesSchema,
    initial: { ...preferences, pageSize: String(preferences.pageSize) },
    labels: { timezone: 'Time zone', theme: 'Theme', pageSize: 'Rows per table page' },
    toInput: (values) => ({ ...values, pageSize: Number(values.pageSize) }),
    idPrefix: 'preferences-',
  });
  const { here } = useBrowserTimeZones();

  return (
    <FormPage
      title="Preferences"
      description={who}
      onSubmit={(event) => {
        setSaved(false);
        form.submit(async (input) => {
          await update.mutateAsync(input);
          setSaved(true);
          await revalidator.revalidate();
        })(event);
      }}
      pending={form.pending}
      error={form.formError}
      submitLabel="Save preferences"
      pendingLabel="Saving…"
      after={
        saved ? (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Saved.
          </span>
        ) : null
      }
    >
      <TimeZoneField
        form={form}
        name="timezone"
        help={`Times are shown in this zone.${here ? ` This browser is in ${here}.` : ''}`}
      />
      {here && form.values.timezone !== here ? (
        <button
          type="button"
          onClick={() => form.set('timezone', here)}
          className="-mt-3 text-sm text-brand-700 hover:underline dark:text-brand-100"
        >
          Use {here}
        </button>
      ) : null}
      <SelectField
        form={form}
        name="theme"
        choices={[
          { value: 'system', label: 'Follow the system' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
      />
      <SelectField form={form} name="pageSize" choices={['10', '25', '50', '100']} />
    </FormPage>
  );
}
