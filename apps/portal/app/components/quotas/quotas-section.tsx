import { useEffect, useState, type FormEvent } from 'react';

import {
  quotaCategories,
  quotaCategoryLabels,
  quotaOverridesSchema,
  type QuotaCategory,
  type QuotaOverrides,
} from '@mlspace/core';

import { DataTable } from '../data-table';
import { Button, ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { familyLimitsText, parseFamilyLimits } from './family-limits';

const field =
  'w-24 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

type Scope = 'project' | 'perUser';
type Drafts = Record<Scope, Record<QuotaCategory, string>>;

const emptyDrafts = (): Drafts => ({
  project: { notebooks: '', jobs: '', endpoints: '', clusters: '' },
  perUser: { notebooks: '', jobs: '', endpoints: '', clusters: '' },
});

/**
 * A project's quotas on its settings page: what applies and what is used now, for everyone with the
 * project; administrators also change this project's overrides (empty keeps the default).
 */
export function QuotasSection({ project }: { project: string }) {
  const utils = trpc.useUtils();
  const quotas = trpc.projects.quotas.useQuery({ project });
  const save = trpc.projects.setQuotas.useMutation({
    onSuccess: async () => {
      setNotice('Quotas saved. They apply to creates and starts from now on.');
      await utils.projects.quotas.invalidate({ project });
    },
  });
  const [drafts, setDrafts] = useState<Drafts>(emptyDrafts);
  const [families, setFamilies] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = quotas.data;

  useEffect(() => {
    if (!data) return;
    const next = emptyDrafts();
    for (const scope of ['project', 'perUser'] as const)
      for (const category of quotaCategories) {
        const value = data.overrides[scope][category];
        next[scope][category] = value === undefined ? '' : value === null ? 'none' : String(value);
      }
    setDrafts(next);
    setFamilies(familyLimitsText(data.overrides.instancesPerFamily));
  }, [data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const overrides: QuotaOverrides = { project: {}, perUser: {}, instancesPerFamily: {} };
    for (const scope of ['project', 'perUser'] as const)
      for (const category of quotaCategories) {
        const text = drafts[scope][category].trim();
        if (text === '') continue;
        overrides[scope][category] = text === 'none' ? null : Number(text);
      }
    const parsedFamilies = parseFamilyLimits(families);
    if (typeof parsedFamilies === 'string') return setProblem(parsedFamilies);
    overrides.instancesPerFamily = parsedFamilies;
    const parsed = quotaOverridesSchema.safeParse(overrides);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setProblem(`${issue?.path.join('.') ?? 'quotas'}: ${issue?.message ?? 'not valid'}`);
    }
    setProblem(null);
    save.mutate({ project, overrides: parsed.data });
  }

  return (
    <section
      aria-labelledby="quotas"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <h2 id="quotas" className="font-medium">
          Quotas
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          How much may run at once in this project. A create or start that would go over a quota is
          refused, naming what uses it. {data?.mayEdit ? '' : 'Administrators set quotas.'}
        </p>
      </div>
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <ErrorNote message={errorMessage(quotas.error)} />
      <DataTable
        caption="Quotas and what is used now"
        columns={[
          { key: 'quota', header: 'Quota', render: (row) => row.label },
          { key: 'used', header: 'In use', render: (row) => row.used },
          {
            key: 'limit',
            header: 'Limit',
            render: (row) => (row.limit === null ? 'No limit' : row.limit),
          },
        ]}
        rows={data?.usage ?? []}
        rowKey={(row) => row.quota}
        loading={quotas.isPending}
        emptyText="No quotas."
      />
      {data?.mayEdit ? (
        <form onSubmit={submit} className="space-y-3" noValidate aria-label="Change quotas">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            This project&apos;s overrides: a number replaces the default, <code>none</code> lifts
            the limit, empty keeps the default.
          </p>
          {(['project', 'perUser'] as const).map((scope) => (
            <fieldset key={scope} className="flex flex-wrap gap-3">
              <legend className="mb-1 text-sm font-medium">
                {scope === 'project' ? 'In the project' : 'Per member'}
              </legend>
              {quotaCategories.map((category) => {
                const id = `quota-${scope}-${category}`;
                const fallback = data.defaults[scope][category];
                return (
                  <label key={category} htmlFor={id} className="flex flex-col text-xs">
                    {quotaCategoryLabels[category]}
                    <input
                      id={id}
                      className={field}
                      value={drafts[scope][category]}
                      placeholder={fallback === null ? 'no limit' : `default ${fallback}`}
                      onChange={(event) =>
                        setDrafts((current) => ({
                          ...current,
                          [scope]: { ...current[scope], [category]: event.target.value },
                        }))
                      }
                    />
                  </label>
                );
              })}
            </fieldset>
          ))}
          <label htmlFor="quota-families" className="flex flex-col text-sm">
            <span>
              Instances per family, one per line (for example <code>ml.g5 = 8</code>)
            </span>
            <textarea
              id="quota-families"
              rows={3}
              value={families}
              onChange={(event) => setFamilies(event.target.value)}
              className="mt-1 max-w-md rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <ErrorNote message={problem ?? errorMessage(save.error)} />
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save quotas'}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
