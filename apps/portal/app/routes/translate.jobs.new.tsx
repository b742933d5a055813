import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';

import { createTranslationJobInputSchema } from '@mlspace/core';

import type { Route } from './+types/translate.jobs.new';
import { LocationField } from '../components/form/dataset-picker';
import { Field, SelectField, TextField } from '../components/form/fields';
import { FormPage } from '../components/form/form-page';
import { useSchemaForm } from '../components/form/use-schema-form';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { onlyWhileActive } from '../components/service-deactivated';
import { TranslationEngineNote } from '../components/translation/engine-note';
import { sourceChoices, targetChoices } from '../components/translation/language-choices';
import { translatePath, translationJobPath } from '../components/translation/paths';
import {
  TranslationSettingsFields,
  settingsInput,
} from '../components/translation/settings-fields';
import { TerminologyField } from '../components/translation/terminology-field';
import { formatBytes } from '../utils/upload';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc } from '../utils/trpc';

export const loader = ({ context, params }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.translation.capabilities.prefetch(),
    utils.translation.terminologies.list.prefetch({}),
    utils.translation.jobs.options.prefetch({ project: params.project }),
  ]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Create batch translation job · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Translation', 'translate/jobs', () => 'Create batch job');

/** Shows that Translate is deactivated instead of a form that could only fail. */
export default onlyWhileActive('translate', NewTranslationJob);

function NewTranslationJob() {
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const capabilities = trpc.translation.capabilities.useQuery();
  const terminologies = trpc.translation.terminologies.list.useQuery({});
  const options = trpc.translation.jobs.options.useQuery({ project });
  const create = trpc.translation.jobs.create.useMutation();
  const caps = capabilities.data;
  const sources = sourceChoices(caps);
  const form = useSchemaForm({
    schema: createTranslationJobInputSchema,
    initial: {
      project,
      name: '',
      inputS3Uri: '',
      outputS3Uri: '',
      sourceLanguage: sources.find((choice) => choice.value !== 'auto')?.value ?? 'auto',
      targetLanguages: [] as string[],
      terminologyNames: [] as string[],
      settings: { formality: '', profanity: '' },
    },
    labels: {
      name: 'Name',
      inputS3Uri: 'Documents (a dataset, or a folder in one)',
      outputS3Uri: 'Output location',
      sourceLanguage: 'Source language',
      targetLanguages: 'Target languages',
      terminologyNames: 'Terminology',
      'settings.formality': 'Formality',
      'settings.profanity': 'Profanity',
    },
    toInput: (values) => ({ ...values, settings: settingsInput(values.settings) }),
    idPrefix: 'translation-job-',
  });
  useEffect(() => {
    if (options.data && !form.values.outputS3Uri) {
      // The first of the project's datasets is the user's choice; until then, its output folder.
      form.set('outputS3Uri', options.data.defaultOutputS3Uri);
    }
  }, [options.data]);
  const source = (form.get('sourceLanguage') as string) || 'auto';
  const chosenTargets = (form.get('targetLanguages') as string[] | undefined) ?? [];
  const types = caps?.documentTypes ?? [];
  return (
    <FormPage
      title="Create batch translation job"
      description={`Each document is translated by its type (${types
        .map((type) => type.extensions.join(', '))
        .join(
          ', ',
        )}), up to ${caps ? formatBytes(caps.maxDocumentBytes) : '…'} each; a document that fails is reported with its reason while the others complete.`}
      onSubmit={form.submit(async (input) => {
        const job = await create.mutateAsync(input);
        await navigate(translationJobPath(project, job.name));
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create batch job"
      cancelTo={translatePath(project, 'jobs')}
    >
      <TranslationEngineNote capabilities={caps} />
      <TextField
        form={form}
        name="name"
        help="Letters, digits and hyphens; unique across MLSpace."
      />
      <LocationField
        form={form}
        name="inputS3Uri"
        access="read"
        project={project}
        outputUri={options.data?.defaultOutputS3Uri}
      />
      <LocationField
        form={form}
        name="outputS3Uri"
        access="write"
        project={project}
        outputUri={options.data?.defaultOutputS3Uri}
        help="Translations go to <output>/<job name>/<language>/ locally."
      />
      <SelectField form={form} name="sourceLanguage" choices={sources} />
      <Field form={form} name="targetLanguages" nested>
        {(control) => (
          <div
            id={control.id}
            tabIndex={-1}
            aria-describedby={control['aria-describedby']}
            className="flex flex-wrap gap-x-6 gap-y-2 text-sm"
          >
            {targetChoices(caps, source).map((choice) => (
              <label key={choice.value} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosenTargets.includes(choice.value)}
                  onChange={(event) =>
                    form.set(
                      'targetLanguages',
                      event.target.checked
                        ? [...chosenTargets, choice.value]
                        : chosenTargets.filter((code) => code !== choice.value),
                    )
                  }
                />
                {choice.label}
              </label>
            ))}
          </div>
        )}
      </Field>
      <TerminologyField
        form={form}
        names={(terminologies.data?.items ?? []).map((item) => item.name)}
      />
      <TranslationSettingsFields
        form={form}
        formality={caps?.formality ?? false}
        profanity={caps?.profanity ?? false}
      />
    </FormPage>
  );
}
