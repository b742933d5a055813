import { useState } from 'react';
import { useRevalidator } from 'react-router';

import { userPreferencesSchema, type UserPreferences } from '@mlspace/core';

import type { Route } from './+types/settings';
import { ApiTokensSection } from '../components/api-tokens/api-tokens-section';
import { myTokenListInput, myTokenListSpec } from '../components/api-tokens/token-views';
import { crumb } from '../components/breadcrumbs';
import { SelectField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { TimeZoneField, useBrowserTimeZones } from '../components/form/time-zone-picker';
import { useSchemaForm } from '../components/form/use-schema-form';
import { parseListState } from '../components/list/list-state';
import { useRootData } from '../root';
import { activeUser } from '../utils/caller.server';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const meta: Route.MetaFunction = () => [{ title: 'Preferences · MLSpace' }];

export const loader = ({ context, url }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => {
    const limit = activeUser(context).preferences.pageSize;
    const state = parseListState(myTokenListSpec, url.searchParams);
    return [
      utils.apiTokens.mine.prefetch(myTokenListInput(state, limit)),
      utils.apiTokens.limits.prefetch(),
      utils.projects.mine.prefetch({ limit: 100 }),
    ];
  });

export const handle = crumb(() => ({ label: 'Preferences' }));

export default function Settings() {
  const { user } = useRootData();
  if (!user) return null;
  return (
    <>
      <PreferencesForm
        preferences={user.preferences}
        who={`Signed in as ${user.username} (${user.email}).`}
      />
      <ApiTokensSection timeZone={user.preferences.timezone} pageSize={user.preferences.pageSize} />
    </>
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
