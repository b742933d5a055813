import { useState } from 'react';

import { importTerminologyInputSchema, terminologyFormats } from '@mlspace/core';

import type { Route } from './+types/translate.terminologies';
import { useConfirm } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { Field, FieldRow, SelectField, TextField, inputClass } from '../components/form/fields';
import { useSchemaForm } from '../components/form/use-schema-form';
import { sectionCrumbs } from '../components/project/section-crumbs';
import { ServiceDeactivated } from '../components/service-deactivated';
import { TranslationNav } from '../components/translation/translation-nav';
import { Button, ErrorNote, PageHeader } from '../components/ui';
import { useRootData } from '../root';
import { useServiceActive } from '../utils/active-services';
import { errorMessage, formatDateTime } from '../utils/format';
import { prefetchQueries } from '../utils/prefetch.server';
import { trpc, type Outputs } from '../utils/trpc';

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [utils.translation.terminologies.list.prefetch({})]);

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Terminologies · ${params.project} · MLSpace` },
];

export const handle = sectionCrumbs('Translation', 'translate', () => 'Terminologies');

type Summary = Outputs['translation']['terminologies']['list']['items'][number];

/** Import form: the file's text is read in the browser and sent with its format. */
function ImportTerminology({ onImported }: { onImported: () => Promise<unknown> }) {
  const importTerminology = trpc.translation.terminologies.import.useMutation();
  const [fileName, setFileName] = useState('');
  const form = useSchemaForm({
    schema: importTerminologyInputSchema,
    initial: { name: '', description: '', format: 'CSV', content: '' },
    labels: { name: 'Name', description: 'Description', format: 'Format', content: 'File' },
    idPrefix: 'terminology-',
  });
  return (
    <form
      noValidate
      aria-label="Import a terminology"
      className="mb-6 space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      onSubmit={form.submit(async (input) => {
        await importTerminology.mutateAsync(input);
        form.setValues({ name: '', description: '', format: 'CSV', content: '' });
        setFileName('');
        await onImported();
      })}
    >
      <h2 className="text-base font-semibold">Import a terminology</h2>
      <FieldRow>
        <TextField form={form} name="name" help="Letters, digits and hyphens." />
        <SelectField form={form} name="format" choices={[...terminologyFormats]} />
      </FieldRow>
      <TextField form={form} name="description" />
      <Field
        form={form}
        name="content"
        help={
          fileName ||
          'CSV: a header with the source language code then the targets (en,es), one term per row. TMX: one <tu> per term.'
        }
      >
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".csv,.tmx,text/csv,application/xml"
            className={inputClass}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              if (/\.tmx$/i.test(file.name)) form.set('format', 'TMX');
              if (/\.csv$/i.test(file.name)) form.set('format', 'CSV');
              void file.text().then((text) => form.set('content', text));
            }}
          />
        )}
      </Field>
      <ErrorNote message={form.formError} />
      <Button type="submit" variant="primary" disabled={form.pending}>
        {form.pending ? 'Importing…' : 'Import terminology'}
      </Button>
    </form>
  );
}

function TerminologyEntries({ name }: { name: string }) {
  const detail = trpc.translation.terminologies.get.useQuery({ name });
  if (!detail.data) return <ErrorNote message={errorMessage(detail.error)} />;
  const targets = detail.data.targetLanguages;
  return (
    <table className="mt-2 text-sm" data-testid={`terminology-entries-${name}`}>
      <caption className="sr-only">Terms of {name}</caption>
      <thead>
        <tr>
          <th className="pr-4 text-left font-medium">{detail.data.sourceLanguage}</th>
          {targets.map((code) => (
            <th key={code} className="pr-4 text-left font-medium">
              {code}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {detail.data.entries.map((entry) => (
          <tr key={entry.source}>
            <td className="pr-4">{entry.source}</td>
            {targets.map((code) => (
              <td key={code} className="pr-4">
                {entry.targets[code] ?? ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Terminologies are shared by every user; the one who imported one, or an admin, deletes it. */
export default function Terminologies() {
  const { user } = useRootData();
  const timeZone = user?.preferences.timezone ?? 'UTC';
  const active = useServiceActive('translate');
  const list = trpc.translation.terminologies.list.useQuery({});
  const utils = trpc.useUtils();
  const remove = trpc.translation.terminologies.delete.useMutation({
    onSuccess: () => utils.translation.terminologies.invalidate(),
  });
  const confirm = useConfirm();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <PageHeader
        title="Translation"
        description="Custom terminologies make the engine translate your terms your way; every user may use them."
      />
      <TranslationNav />
      <ServiceDeactivated service="translate" />
      {confirm.dialog}
      {active ? (
        <ImportTerminology onImported={() => utils.translation.terminologies.invalidate()} />
      ) : null}
      <ErrorNote message={errorMessage(list.error ?? remove.error)} />
      <DataTable<Summary>
        caption="Terminologies"
        rows={list.data?.items ?? []}
        rowKey={(row) => row.name}
        loading={list.isLoading}
        emptyText="No terminologies yet. Import one from a CSV or TMX file."
        columns={[
          {
            key: 'name',
            header: 'Name',
            render: (row) => (
              <div>
                <button
                  type="button"
                  className="font-medium text-brand-700 hover:underline dark:text-brand-100"
                  aria-expanded={open === row.name}
                  onClick={() => setOpen(open === row.name ? null : row.name)}
                >
                  {row.name}
                </button>
                {row.description ? (
                  <p className="text-xs text-slate-600 dark:text-slate-400">{row.description}</p>
                ) : null}
                {open === row.name ? <TerminologyEntries name={row.name} /> : null}
              </div>
            ),
          },
          {
            key: 'languages',
            header: 'Languages',
            render: (row) => `${row.sourceLanguage} → ${row.targetLanguages.join(', ')}`,
          },
          { key: 'terms', header: 'Terms', render: (row) => row.termCount },
          { key: 'importedBy', header: 'Imported by', render: (row) => row.importedBy ?? '—' },
          {
            key: 'created',
            header: 'Imported',
            className: 'whitespace-nowrap',
            render: (row) => (row.createdAt ? formatDateTime(row.createdAt, timeZone) : '—'),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (row) =>
              active && (user?.isAdmin || row.importedBy === user?.username) ? (
                <Button
                  variant="danger"
                  onClick={() =>
                    confirm.ask({
                      title: `Delete terminology ${row.name}?`,
                      description: 'Jobs and translations that name it will be refused.',
                      confirmLabel: 'Delete',
                      tone: 'danger',
                      action: () => remove.mutateAsync({ name: row.name }),
                    })
                  }
                >
                  Delete
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
