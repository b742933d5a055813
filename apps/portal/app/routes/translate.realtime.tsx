import { useState } from 'react';
import { useParams } from 'react-router';

import { translateTextInputSchema } from '@mlspace/core';

import type { Route } from './+types/translate.realtime';
import { SelectField, TextField, FieldRow } from '../components/form/fields';
import { useSchemaForm } from '../components/form/use-schema-form';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { TranslationEngineNote } from '../components/translation/engine-note';
import { sourceChoices, targetChoices } from '../components/translation/language-choices';
import {
  TranslationSettingsFields,
  settingsInput,
} from '../components/translation/settings-fields';
import { TerminologyField } from '../components/translation/terminology-field';
import { TranslationNav } from '../components/translation/translation-nav';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { errorMessage } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc, type Outputs } from '../utils/trpc';

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.translation.capabilities.prefetch(),
    utils.translation.terminologies.list.prefetch({}),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Translation · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Translation', 'translate');

type Result = Outputs['translation']['translateText'];

/** Text in, text out, with the project's engine, a terminology and the engine's settings. */
export default function TranslateRealtime() {
  const { project = '' } = useParams();
  const capabilities = trpc.translation.capabilities.useQuery();
  const terminologies = trpc.translation.terminologies.list.useQuery({});
  const translate = trpc.translation.translateText.useMutation();
  const [result, setResult] = useState<Result | null>(null);
  const caps = capabilities.data;
  const sources = sourceChoices(caps);
  const form = useSchemaForm({
    schema: translateTextInputSchema,
    initial: {
      project,
      text: '',
      sourceLanguage: sources[0]?.value ?? 'auto',
      targetLanguage: '',
      terminologyNames: [] as string[],
      settings: { formality: '', profanity: '' },
    },
    labels: {
      text: 'Text',
      sourceLanguage: 'Source language',
      targetLanguage: 'Target language',
      terminologyNames: 'Terminology',
      'settings.formality': 'Formality',
      'settings.profanity': 'Profanity',
    },
    toInput: (values) => ({ ...values, settings: settingsInput(values.settings) }),
    idPrefix: 'translate-',
  });
  const source = (form.get('sourceLanguage') as string) || 'auto';
  const targets = targetChoices(caps, source);
  return (
    <div>
      <PageHeader
        title="Translation"
        description="Translate text in real time; batch jobs translate whole datasets."
      />
      <TranslationNav />
      <ServiceDeactivated service="translate" />
      <TranslationEngineNote capabilities={caps} />
      <ErrorNote message={errorMessage(capabilities.error)} />
      <form
        noValidate
        className="grid gap-4 lg:grid-cols-2"
        onSubmit={form.submit(async (input) => setResult(await translate.mutateAsync(input)))}
      >
        <div className="space-y-4">
          <FieldRow>
            <SelectField form={form} name="sourceLanguage" choices={sources} />
            <SelectField
              form={form}
              name="targetLanguage"
              placeholder="Pick a language…"
              choices={targets}
            />
          </FieldRow>
          <TextField form={form} name="text" multiline rows={8} help="Up to 10,000 bytes." />
          <TerminologyField
            form={form}
            names={(terminologies.data?.items ?? []).map((item) => item.name)}
          />
          <TranslationSettingsFields
            form={form}
            formality={caps?.formality ?? false}
            profanity={caps?.profanity ?? false}
          />
          <ErrorNote message={form.formError} />
          <Button type="submit" variant="primary" disabled={form.pending}>
            {form.pending ? 'Translating…' : 'Translate'}
          </Button>
        </div>
        <section aria-labelledby="translation-output" className="space-y-2">
          <h2 id="translation-output" className="text-sm font-medium">
            Translation
          </h2>
          <output
            data-testid="translation-output"
            className="block min-h-48 whitespace-pre-wrap rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {result?.text ?? ''}
          </output>
          {result ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              From {caps?.languageLabels[result.sourceLanguage] ?? result.sourceLanguage}
              {source === 'auto' ? ' (detected)' : ''}.
              {result.appliedTerms.length > 0
                ? ` Terminology matches: ${result.appliedTerms
                    .map((term) => `${term.source} → ${term.target}`)
                    .join(', ')}.`
                : ''}
            </p>
          ) : null}
        </section>
      </form>
    </div>
  );
}
