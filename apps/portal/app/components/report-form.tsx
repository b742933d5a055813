import { useDeferredValue, useState } from 'react';

import { errorMessage } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { inputClass } from './form/fields';
import { Button, ErrorNote } from './ui';
import { UserPicker } from './user-picker';

type Choice = 'all' | 'project' | 'user' | 'personnel' | 'modelUsage';
type Report = Outputs['reports']['generate'];

const choices: { value: Choice; label: string; help: string }[] = [
  { value: 'all', label: 'All resources', help: 'Every resource of every project.' },
  {
    value: 'project',
    label: 'Resources of projects',
    help: 'Everything in the projects you pick.',
  },
  {
    value: 'user',
    label: 'Resources of users',
    help: 'Everything the people you pick created, in any project.',
  },
  {
    value: 'personnel',
    label: 'Personnel',
    help: 'Every user: name, email, admin, suspended, created, last sign-in.',
  },
  {
    value: 'modelUsage',
    label: 'Foundation model usage',
    help: 'Requests and tokens of every project, user and model in one month.',
  },
];

const thisMonth = () => new Date().toISOString().slice(0, 7);

type ReportRequest =
  | { report: 'personnel' }
  | { report: 'resources'; scope: 'system' }
  | { report: 'resources'; scope: 'project'; targets: string[] }
  | { report: 'resources'; scope: 'user'; targets: string[] };

function requestOf(choice: Exclude<Choice, 'modelUsage'>, targets: string[]): ReportRequest {
  if (choice === 'personnel') return { report: 'personnel' };
  if (choice === 'all') return { report: 'resources', scope: 'system' };
  if (choice === 'project') return { report: 'resources', scope: 'project', targets };
  return { report: 'resources', scope: 'user', targets };
}

/** What to report on, then Generate: as the reference's report configuration. */
export function ReportForm({ onGenerated }: { onGenerated: (report: Report) => Promise<void> }) {
  const [choice, setChoice] = useState<Choice>('all');
  const [projects, setProjects] = useState<string[]>([]);
  const [users, setUsers] = useState<string[]>([]);
  const [month, setMonth] = useState(thisMonth);
  const generate = trpc.reports.generate.useMutation({ onSuccess: onGenerated });
  const usageReport = trpc.playground.usageReport.useMutation({ onSuccess: onGenerated });
  const pending = generate.isPending || usageReport.isPending;
  const targets = choice === 'project' ? projects : choice === 'user' ? users : [];
  const missingTargets = (choice === 'project' || choice === 'user') && targets.length === 0;
  return (
    <section
      aria-labelledby="report-form-title"
      className="mb-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="report-form-title" className="mb-3 text-base font-semibold">
        New report
      </h2>
      <fieldset className="mb-4">
        <legend className="mb-2 text-sm font-medium">Report on</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5">
          {choices.map((option) => (
            <label
              key={option.value}
              className="flex gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-brand-600 dark:border-slate-700"
            >
              <input
                type="radio"
                name="report-choice"
                value={option.value}
                checked={choice === option.value}
                onChange={() => setChoice(option.value)}
                className="mt-1"
              />
              <span>
                <span className="block font-medium">{option.label}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {option.help}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {choice === 'project' ? <ProjectChooser selected={projects} onChange={setProjects} /> : null}
      {choice === 'user' ? (
        <div className="mb-4 max-w-xl">
          <p className="mb-1 text-sm font-medium">Users</p>
          <UserPicker selected={users} onChange={setUsers} />
        </div>
      ) : null}
      {choice === 'modelUsage' ? (
        <label className="mb-4 block max-w-xs text-sm font-medium">
          Month
          <input
            type="month"
            value={month}
            onChange={(event) => setMonth(event.target.value)}
            className={`${inputClass} mt-1`}
          />
        </label>
      ) : null}
      <ErrorNote message={errorMessage(generate.error ?? usageReport.error)} />
      <Button
        variant="primary"
        onClick={() =>
          choice === 'modelUsage'
            ? usageReport.mutate({ month })
            : generate.mutate(requestOf(choice, targets))
        }
        disabled={pending || missingTargets || (choice === 'modelUsage' && !month)}
      >
        {pending ? 'Generating…' : 'Generate report'}
      </Button>
      {missingTargets ? (
        <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
          Pick at least one {choice === 'project' ? 'project' : 'user'}.
        </span>
      ) : null}
    </section>
  );
}

/** Projects by name fragment (admins see all, suspended ones too), ticked into the report. */
function ProjectChooser({
  selected,
  onChange,
}: {
  selected: string[];
  onChange: (names: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter.trim());
  const found = trpc.projects.listAll.useQuery({ filter: deferred || undefined, limit: 10 });
  const names = [
    ...selected,
    ...(found.data?.items ?? [])
      .map((item) => item.name)
      .filter((name) => !selected.includes(name)),
  ];
  return (
    <fieldset className="mb-4 max-w-xl">
      <legend className="mb-1 text-sm font-medium">Projects</legend>
      <input
        type="search"
        aria-label="Find projects"
        placeholder="Find projects by name…"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        className={`${inputClass} mb-2`}
      />
      <ul className="max-h-48 overflow-auto rounded-md border border-slate-200 p-2 dark:border-slate-700">
        {names.length === 0 ? (
          <li className="text-sm text-slate-600 dark:text-slate-400">No project matches.</li>
        ) : null}
        {names.map((name) => (
          <li key={name}>
            <label className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                checked={selected.includes(name)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...selected, name]
                      : selected.filter((picked) => picked !== name),
                  )
                }
              />
              {name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
