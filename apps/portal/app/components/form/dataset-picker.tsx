import { useState, type ReactNode } from 'react';

import { datasetPrefix, resolveStorageLocation, type DatasetScope } from '@mlspace/core';

import { trpc } from '../../utils/trpc';
import { Field, inputClass } from './fields';
import type { BoundForm } from './use-schema-form';

type Source = DatasetScope | 'output' | 'typed' | 'none';

/** Inputs are read from any dataset the caller sees; outputs go to the current project only. */
export type LocationAccess = 'read' | 'write';

interface Picked {
  source: Source;
  /** The chosen dataset's location (`s3://bucket/…/datasets/<name>/`), '' for none. */
  dataset: string;
  /** The prefix or file inside the dataset or output folder. */
  path: string;
}

/**
 * Reads a location back into picker choices with core's own parser, so a prefilled or typed
 * location shows as the dataset and path it names.
 */
export function pickedFromUri(uri: string, outputUri: string | undefined): Picked | null {
  if (!uri) return null;
  if (outputUri && (uri === outputUri || uri.startsWith(`${outputUri}/`)))
    return { source: 'output', dataset: '', path: uri.slice(outputUri.length + 1) };
  const bucket = uri.startsWith('s3://') ? uri.slice(5).split('/')[0] : undefined;
  if (bucket) {
    try {
      const location = resolveStorageLocation(uri, bucket, 'location');
      if (location.kind === 'dataset') {
        const { scope, scopeId, name } = location.dataset;
        return {
          source: scope,
          dataset: `s3://${bucket}/${datasetPrefix(scope, scopeId, name)}`,
          path: location.path,
        };
      }
    } catch {
      // Not a dataset: shown as typed, and the API's storage gate says what is wrong with it.
    }
  }
  return { source: 'typed', dataset: '', path: uri };
}

/** The location the choices name; a dataset location ends with `/`, the output folder does not. */
export function uriOf(picked: Picked, outputUri: string | undefined): string {
  if (picked.source === 'none') return '';
  if (picked.source === 'typed') return picked.path;
  if (picked.source === 'output')
    return outputUri ? (picked.path ? `${outputUri}/${picked.path}` : outputUri) : '';
  return picked.dataset ? `${picked.dataset}${picked.path}` : '';
}

/**
 * A storage location chosen, not typed: where (my datasets, the project's, a group's, global
 * ones, or the project's output folder), then the dataset, then optionally a prefix or file in it.
 * The form's value is the canonical `s3://` location. "Type a location" stays for a location
 * shared as text; the API's storage gate checks whatever is chosen.
 */
export function LocationField({
  form,
  name,
  access,
  project,
  outputUri,
  optional = false,
  help,
}: {
  form: BoundForm;
  name: string;
  access: LocationAccess;
  /** Offers "None" first: the location may be left out. */
  optional?: boolean;
  project: string;
  /** The project's output folder for this kind of job (`options.defaultOutputS3Uri`). */
  outputUri: string | undefined;
  help?: ReactNode;
}) {
  const value = (form.get(name) as string | undefined) ?? '';
  const derived = pickedFromUri(value, outputUri);
  const [chosen, setChosen] = useState<Source | null>(null);
  const source: Source =
    chosen ?? derived?.source ?? (optional ? 'none' : access === 'write' ? 'output' : 'private');
  const picked: Picked =
    derived && derived.source === source ? derived : { source, dataset: '', path: '' };
  const label = form.labelOf(name);
  const emit = (next: Picked) => form.set(name, uriOf(next, outputUri));
  const sources: { value: Source; label: string }[] = [
    ...(optional ? [{ value: 'none' as const, label: 'None' }] : []),
    ...(access === 'read'
      ? [
          { value: 'private' as const, label: 'My private datasets' },
          { value: 'project' as const, label: `Datasets of project ${project}` },
          { value: 'group' as const, label: 'Group datasets' },
          { value: 'global' as const, label: 'Global datasets' },
        ]
      : [{ value: 'project' as const, label: `Datasets of project ${project}` }]),
    ...(outputUri
      ? [{ value: 'output' as const, label: `Output folder of project ${project}` }]
      : []),
    { value: 'typed', label: 'Type a location' },
  ];

  return (
    <Field
      form={form}
      name={name}
      help={
        <>
          {help}
          {value && source !== 'typed' ? (
            <span className="block break-all font-mono">{value}</span>
          ) : null}
        </>
      }
    >
      {(control) => (
        <div className="grid gap-2 sm:grid-cols-2">
          <select
            {...control}
            value={source}
            onChange={(event) => {
              const next = event.target.value as Source;
              setChosen(next);
              emit({ source: next, dataset: '', path: next === 'typed' ? value : '' });
            }}
            className={inputClass}
          >
            {sources.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {source === 'none' ? null : source === 'typed' ? (
            <input
              aria-label={`${label}: location`}
              aria-describedby={control['aria-describedby']}
              aria-invalid={control['aria-invalid']}
              value={value}
              onChange={(event) => emit({ ...picked, path: event.target.value })}
              onBlur={control.onBlur}
              placeholder="s3://bucket/…"
              className={inputClass}
            />
          ) : source === 'output' ? (
            <PathInput label={label} picked={picked} onChange={emit} onBlur={control.onBlur} />
          ) : (
            <DatasetChoice
              label={label}
              project={project}
              picked={picked}
              onChange={emit}
              onBlur={control.onBlur}
              invalid={control['aria-invalid']}
            />
          )}
        </div>
      )}
    </Field>
  );
}

function DatasetChoice({
  label,
  project,
  picked,
  onChange,
  onBlur,
  invalid,
}: {
  label: string;
  project: string;
  picked: Picked;
  onChange: (picked: Picked) => void;
  onBlur: () => void;
  invalid: boolean;
}) {
  const scope = picked.source as DatasetScope;
  const datasets = trpc.datasets.list.useQuery(
    { scope, project: scope === 'project' ? project : undefined, limit: 100 },
    { staleTime: 30_000 },
  );
  const items = datasets.data?.items ?? [];
  const chosen = items.find((dataset) => dataset.location === picked.dataset);
  return (
    <>
      <select
        aria-label={`${label}: dataset`}
        aria-invalid={invalid}
        value={picked.dataset}
        onChange={(event) => onChange({ ...picked, dataset: event.target.value, path: '' })}
        onBlur={onBlur}
        className={inputClass}
      >
        <option value="">
          {datasets.isLoading
            ? 'Loading datasets…'
            : items.length
              ? 'Pick a dataset…'
              : 'No datasets here'}
        </option>
        {items.map((dataset) => (
          <option key={dataset.location} value={dataset.location}>
            {dataset.name}
            {scope === 'private' || scope === 'project' ? '' : ` (${dataset.createdBy})`}
          </option>
        ))}
      </select>
      {picked.dataset ? (
        <div className="sm:col-span-2">
          <PathInput
            label={label}
            picked={picked}
            onChange={onChange}
            onBlur={onBlur}
            suggestions={
              chosen ? { scope: chosen.scope, scopeId: chosen.scopeId, name: chosen.name } : null
            }
          />
        </div>
      ) : null}
    </>
  );
}

/** The optional prefix or file inside the chosen dataset or folder, with the dataset's files offered. */
function PathInput({
  label,
  picked,
  onChange,
  onBlur,
  suggestions = null,
}: {
  label: string;
  picked: Picked;
  onChange: (picked: Picked) => void;
  onBlur: () => void;
  suggestions?: { scope: DatasetScope; scopeId: string; name: string } | null;
}) {
  const files = trpc.datasets.files.useQuery(
    { ref: suggestions ?? { scope: 'global', name: 'none' }, limit: 100 },
    { enabled: suggestions !== null, staleTime: 30_000 },
  );
  const listId = `${label.replace(/\W+/g, '-')}-paths`;
  const paths = new Set<string>();
  for (const file of files.data?.items ?? []) {
    const parts = file.name.split('/');
    for (let depth = 1; depth < parts.length; depth += 1)
      paths.add(`${parts.slice(0, depth).join('/')}/`);
    paths.add(file.name);
  }
  return (
    <>
      <input
        aria-label={`${label}: path inside (optional)`}
        list={paths.size ? listId : undefined}
        value={picked.path}
        onChange={(event) => onChange({ ...picked, path: event.target.value })}
        onBlur={onBlur}
        placeholder="Prefix or file inside (optional)"
        autoComplete="off"
        className={inputClass}
      />
      {paths.size ? (
        <datalist id={listId}>
          {[...paths].map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}
