import { useEffect, useMemo, useRef, useState } from 'react';

import type { Outputs } from '../../utils/trpc';

type Current = Outputs['config']['get'];
type CatalogueType = Current['catalogue'][number];
export type InstanceKind = Current['instanceKinds'][number];

export const instanceKindNames: Record<InstanceKind, string> = {
  notebook: 'Notebooks',
  training: 'Training',
  transform: 'Transform',
  endpoint: 'Endpoints',
};

const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/** What a family is for, from its letters (`m5` general purpose, `g5` NVIDIA GPUs, ...). */
function familyPurpose(family: string, types: readonly CatalogueType[]): string {
  const accelerator = types.find((type) => type.accelerator)?.accelerator;
  if (accelerator) return accelerator;
  if (family.startsWith('t')) return 'Burstable';
  if (family.startsWith('m')) return 'General purpose';
  if (family.startsWith('c')) return 'Compute optimised';
  if (family.startsWith('r')) return 'Memory optimised';
  return '';
}

function specification(type: CatalogueType): string {
  const parts = [`${type.vcpus} vCPU`, `${type.memoryGiB} GiB`];
  if (type.accelerators > 0) parts.push(`${type.accelerators} × ${type.accelerator}`);
  return parts.join(' · ');
}

function matches(type: CatalogueType, filter: string): boolean {
  const haystack = `${type.name} ${specification(type)}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** A checkbox for a whole family, showing "some" when only part of it is allowed. */
function FamilyCheckbox({
  label,
  checked,
  some,
  onChange,
}: {
  label: string;
  checked: boolean;
  some: boolean;
  onChange: () => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = some && !checked;
  }, [some, checked]);
  return (
    <input ref={box} type="checkbox" aria-label={label} checked={checked} onChange={onChange} />
  );
}

/**
 * The instance types an administrator allows for each kind of resource, chosen from the types
 * SageMaker offers for that kind: one kind at a time, filtered by name or specification, grouped
 * by family with a checkbox for the whole family.
 */
export function InstanceTypePicker({
  catalogue,
  kinds,
  selected,
  onChange,
}: {
  catalogue: readonly CatalogueType[];
  kinds: readonly InstanceKind[];
  selected: Record<InstanceKind, string[]>;
  onChange: (kind: InstanceKind, names: string[]) => void;
}) {
  const [kind, setKind] = useState<InstanceKind>(kinds[0] ?? 'notebook');
  const [filter, setFilter] = useState('');
  const [acceleratedOnly, setAcceleratedOnly] = useState(false);
  const [allowedOnly, setAllowedOnly] = useState(false);
  const allowed = new Set(selected[kind]);
  const offered = useMemo(
    () => catalogue.filter((type) => type.uses.includes(kind)),
    [catalogue, kind],
  );
  const shown = offered.filter(
    (type) =>
      matches(type, filter) &&
      (!acceleratedOnly || type.accelerators > 0) &&
      (!allowedOnly || allowed.has(type.name)),
  );
  const families = new Map<string, CatalogueType[]>();
  for (const type of shown) families.set(type.family, [...(families.get(type.family) ?? []), type]);

  // Kept in catalogue order, so a saved list reads the way the picker shows it.
  const save = (names: Set<string>) =>
    onChange(
      kind,
      offered.map((type) => type.name).filter((name) => names.has(name)),
    );
  const toggle = (name: string) => {
    const next = new Set(allowed);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    save(next);
  };
  const toggleFamily = (types: readonly CatalogueType[]) => {
    const next = new Set(allowed);
    const all = types.every((type) => next.has(type.name));
    for (const type of types) {
      if (all) next.delete(type.name);
      else next.add(type.name);
    }
    save(next);
  };

  return (
    <div>
      <div className="mb-3 flex flex-wrap gap-2" role="group" aria-label="Resource kind">
        {kinds.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={option === kind}
            onClick={() => setKind(option)}
            className={`rounded-md border px-3 py-1.5 text-sm ${
              option === kind
                ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-slate-950'
                : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200 dark:hover:bg-slate-800'
            }`}
          >
            {instanceKindNames[option]}{' '}
            <span className="tabular-nums">({selected[option].length})</span>
          </button>
        ))}
      </div>
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <input
          type="search"
          aria-label="Filter instance types"
          placeholder="Filter: g5, 16 GiB, NVIDIA…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className={`${inputClass} w-full sm:w-72`}
        />
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={acceleratedOnly}
            onChange={() => setAcceleratedOnly(!acceleratedOnly)}
          />
          GPUs and accelerators only
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={allowedOnly}
            onChange={() => setAllowedOnly(!allowedOnly)}
          />
          Allowed only
        </label>
      </div>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {allowed.size} of the {offered.length} types SageMaker offers for{' '}
        {instanceKindNames[kind].toLowerCase()} are allowed
        {shown.length < offered.length ? `; ${shown.length} match the filter` : ''}.
      </p>
      <div
        className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800"
        data-testid="instance-type-list"
      >
        {shown.length === 0 ? (
          <p className="p-3 text-sm text-slate-600 dark:text-slate-400">
            No instance type matches the filter.
          </p>
        ) : null}
        {[...families].map(([family, types]) => {
          const checked = types.every((type) => allowed.has(type.name));
          const some = types.some((type) => allowed.has(type.name));
          const purpose = familyPurpose(family, types);
          return (
            <fieldset
              key={family}
              className="border-b border-slate-100 last:border-0 dark:border-slate-800"
            >
              <legend className="sr-only">
                {family} {purpose}
              </legend>
              <div className="sticky top-0 flex items-center gap-2 bg-slate-50 px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-300">
                <FamilyCheckbox
                  label={`Every ${family} type for ${instanceKindNames[kind]}`}
                  checked={checked}
                  some={some}
                  onChange={() => toggleFamily(types)}
                />
                <span className="font-mono normal-case">{family}</span>
                {purpose ? (
                  <span className="font-normal normal-case text-slate-500 dark:text-slate-400">
                    {purpose}
                  </span>
                ) : null}
              </div>
              <ul>
                {types.map((type) => (
                  <li key={type.name}>
                    <label className="flex flex-wrap items-center gap-x-3 gap-y-0.5 px-3 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60">
                      <input
                        type="checkbox"
                        aria-label={`${type.name} for ${instanceKindNames[kind]}`}
                        checked={allowed.has(type.name)}
                        onChange={() => toggle(type.name)}
                      />
                      <span className="w-40 font-mono text-xs">{type.name}</span>
                      <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
                        {specification(type)}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
