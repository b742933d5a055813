import { useState } from 'react';

import {
  quotaCategories,
  quotaCategoryLabels,
  type QuotaCategory,
  type QuotaLimits,
} from '@mlspace/core';

import { familyLimitsText, parseFamilyLimits } from '../quotas/family-limits';

const field =
  'w-24 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

/**
 * Every project's default quotas in the configuration editor: counts in the project and per
 * member (empty: no limit), and instances per family. Administrators override them per project on
 * the project's settings page.
 */
export function QuotaDefaultsEditor({
  value,
  onChange,
}: {
  value: QuotaLimits;
  onChange: (next: QuotaLimits) => void;
}) {
  const [families, setFamilies] = useState(() => familyLimitsText(value.instancesPerFamily));
  const [familyProblem, setFamilyProblem] = useState<string | null>(null);

  function setCount(scope: 'project' | 'perUser', category: QuotaCategory, text: string) {
    const trimmed = text.trim();
    const count = trimmed === '' ? null : Number(trimmed);
    onChange({ ...value, [scope]: { ...value[scope], [category]: count } });
  }

  return (
    <div className="space-y-3 text-sm">
      {(['project', 'perUser'] as const).map((scope) => (
        <fieldset key={scope} className="flex flex-wrap gap-3">
          <legend className="mb-1 font-medium">
            {scope === 'project' ? 'In each project' : 'Per member of a project'}
          </legend>
          {quotaCategories.map((category) => {
            const id = `default-quota-${scope}-${category}`;
            const count = value[scope][category];
            return (
              <label key={category} htmlFor={id} className="flex flex-col text-xs">
                {quotaCategoryLabels[category]}
                <input
                  id={id}
                  inputMode="numeric"
                  className={field}
                  value={count === null ? '' : String(count)}
                  placeholder="no limit"
                  onChange={(event) => setCount(scope, category, event.target.value)}
                />
              </label>
            );
          })}
        </fieldset>
      ))}
      <label htmlFor="default-quota-families" className="flex flex-col">
        <span>
          Instances per family, one per line (for example <code>ml.g5 = 8</code>)
        </span>
        <textarea
          id="default-quota-families"
          rows={3}
          value={families}
          onChange={(event) => {
            setFamilies(event.target.value);
            const parsed = parseFamilyLimits(event.target.value);
            if (typeof parsed === 'string') return setFamilyProblem(parsed);
            setFamilyProblem(null);
            onChange({ ...value, instancesPerFamily: parsed });
          }}
          className="mt-1 max-w-md rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
          aria-invalid={familyProblem ? true : undefined}
        />
      </label>
      {familyProblem ? (
        <p className="text-xs text-red-700 dark:text-red-300">{familyProblem}</p>
      ) : null}
    </div>
  );
}
