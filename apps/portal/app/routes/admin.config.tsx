import { useEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link, useRevalidator } from 'react-router';

import type { Route } from './+types/admin.config';
import { TokenLifetimeEditor } from '../components/api-tokens/token-lifetime-editor';
import { ConfigDiffList } from '../components/config-diff-list';
import {
  EmrInstanceTypeList,
  EmrProblemList,
  emrProblems,
} from '../components/config/emr-problems';
import { FoundationModelPicker } from '../components/config/foundation-model-picker';
import { InstanceTypePicker } from '../components/config/instance-type-picker';
import { QuotaDefaultsEditor } from '../components/config/quota-defaults';
import { Badge, Button, ErrorNote, PageHeader } from '../components/ui';
import { diffConfig, rebaseEdits } from '../utils/config-diff';
import { errorMessage } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { crumb } from '../components/breadcrumbs';
import { prefetchQueries } from '../utils/prefetch.server';

type Current = Outputs['config']['get'];
type AppConfig = Current['config'];

export const meta: Route.MetaFunction = () => [{ title: 'Configuration · MLSpace' }];

const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {description ? (
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      ) : null}
      {children}
    </section>
  );
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Collects the problems of an import message "document: N problem(s): a: x; b: y" into lines. */
function problemLines(message: string | null): string[] {
  if (!message) return [];
  const marker = message.indexOf('problem(s): ');
  return marker >= 0 ? message.slice(marker + 'problem(s): '.length).split('; ') : [message];
}

export const loader = ({ context }: Route.LoaderArgs) =>
  prefetchQueries(context, (utils) => [
    utils.config.get.prefetch(),
    utils.config.foundationModels.prefetch(),
  ]);

export const handle = crumb(() => ({ label: 'Configuration' }));

export default function AdminConfig() {
  const revalidator = useRevalidator();
  const utils = trpc.useUtils();
  const current = trpc.config.get.useQuery();
  const [draft, setDraft] = useState<AppConfig | null>(null);
  /** The version the draft was started from, so a conflict can reapply my edits onto the newer one. */
  const [base, setBase] = useState<AppConfig | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [importDocument, setImportDocument] = useState<{ name: string; value: unknown } | null>(
    null,
  );
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (current.data && draft === null) {
      setDraft(current.data.config);
      setBase(current.data.config);
    }
  }, [current.data, draft]);

  const afterWrite = async (version: number) => {
    setSaved(version);
    setReviewing(false);
    setReason('');
    setImportDocument(null);
    await utils.config.invalidate();
    const fresh = await utils.config.get.fetch();
    setDraft(fresh.config);
    setBase(fresh.config);
    void revalidator.revalidate();
  };
  const update = trpc.config.update.useMutation({ onSuccess: (view) => afterWrite(view.version) });
  const importConfig = trpc.config.import.useMutation({
    onSuccess: (view) => afterWrite(view.version),
  });
  const changes = useMemo(
    () => (current.data && draft ? diffConfig(current.data.config, draft) : []),
    [current.data, draft],
  );

  if (current.error) return <ErrorNote message={errorMessage(current.error)} />;
  if (!current.data || !draft)
    return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const data = current.data;

  const set = (next: Partial<AppConfig>) => {
    setSaved(null);
    setDraft({ ...draft, ...next });
  };

  /** After a conflict: load what the other admin saved and put my edits on top of it. */
  async function reloadAndReapply() {
    update.reset();
    await utils.config.get.invalidate();
    const fresh = await utils.config.get.fetch();
    if (draft && base) setDraft(rebaseEdits(base, draft, fresh.config));
    setBase(fresh.config);
  }

  async function exportJson() {
    const exported = await utils.config.export.fetch();
    const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `mlspace-config-v${exported.version}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function chooseImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setImportError(null);
    importConfig.reset();
    if (!file) return;
    try {
      setImportDocument({ name: file.name, value: JSON.parse(await file.text()) as unknown });
      setReviewing(false);
    } catch (error) {
      setImportError(`${file.name} is not JSON: ${errorMessage(error)}`);
    }
  }

  const conflict =
    update.error?.data?.code === 'CONFLICT' || importConfig.error?.data?.code === 'CONFLICT';
  const importProblems = problemLines(
    importError ??
      (importConfig.error?.data?.code === 'BAD_REQUEST' ? importConfig.error.message : null),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Dynamic configuration"
        description={`Version ${data.version}, saved by ${data.changedBy} — “${data.reason}”.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link
              to="/admin/config/history"
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              History
            </Link>
            <Button onClick={() => void exportJson()}>Export JSON</Button>
            <Button onClick={() => fileInput.current?.click()}>Import JSON</Button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              aria-label="Import configuration file"
              className="hidden"
              onChange={(event) => void chooseImport(event)}
            />
          </div>
        }
      />
      {saved !== null ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          Saved as version {saved}.
        </p>
      ) : null}

      {importDocument || importProblems.length > 0 ? (
        <Section
          title="Import"
          description={
            importDocument
              ? `From ${importDocument.name}. It replaces the whole configuration as a new version.`
              : undefined
          }
        >
          {importProblems.length > 0 ? (
            <div
              role="alert"
              className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            >
              <p className="font-medium">The file was not imported:</p>
              <ul aria-label="Import errors" className="ml-5 list-disc">
                {importProblems.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {importDocument ? (
            <div className="flex flex-wrap items-end gap-3">
              <label className="flex-1 text-sm font-medium">
                Reason for the import
                <input
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  className={`${inputClass} mt-1 block w-full`}
                />
              </label>
              <Button
                variant="primary"
                disabled={importConfig.isPending || !reason.trim()}
                onClick={() =>
                  importConfig.mutate({
                    expectedVersion: data.version,
                    reason,
                    document: importDocument.value,
                  })
                }
              >
                Import as version {data.version + 1}
              </Button>
              <Button
                onClick={() => {
                  setImportDocument(null);
                  importConfig.reset();
                }}
              >
                Cancel
              </Button>
            </div>
          ) : null}
        </Section>
      ) : null}

      <Section
        title="Activated services"
        description="A deactivated service disappears from the portal and its procedures refuse."
      >
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {data.services.map((service) => {
            const name = service.name;
            const available = service.unavailableReason === null;
            return (
              <label
                key={name}
                className={`flex items-center justify-between gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800 ${available ? '' : 'opacity-70'}`}
              >
                <span>
                  <span className="font-medium">{service.label}</span>
                  {available ? null : (
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      Deactivated: {service.unavailableReason}
                    </span>
                  )}
                </span>
                <input
                  type="checkbox"
                  role="switch"
                  data-testid={`toggle-${name}`}
                  aria-label={`${service.label} activated`}
                  disabled={!available}
                  checked={available && draft.services[name]}
                  onChange={() =>
                    set({ services: { ...draft.services, [name]: !draft.services[name] } })
                  }
                  className="h-4 w-4"
                />
              </label>
            );
          })}
        </div>
      </Section>

      <Section
        title="Allowed instance types"
        description="What users may choose when they create each kind of resource."
      >
        <InstanceTypePicker
          catalogue={data.catalogue}
          kinds={data.instanceKinds}
          selected={draft.instanceTypes}
          onChange={(kind, names) =>
            set({ instanceTypes: { ...draft.instanceTypes, [kind]: names } })
          }
        />
      </Section>

      <Section
        title="Container image repositories"
        description="ECR repositories users may run their own training and model images from, one per line. End a line with /* to allow every repository under that namespace. Nothing listed: no user images."
      >
        <label className="block text-sm font-medium" htmlFor="allowed-image-repositories">
          Allowed image repositories
        </label>
        <textarea
          id="allowed-image-repositories"
          rows={3}
          defaultValue={draft.allowedImageRepositories.join('\n')}
          placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer"
          onBlur={(event) =>
            set({
              allowedImageRepositories: event.target.value
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean),
            })
          }
          className={`${inputClass} mt-1 block w-full font-mono text-xs`}
        />
        {data.deploymentMode === 'local' ? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Local mode runs no container images; this list applies once MLSpace runs on AWS.
          </p>
        ) : null}
      </Section>

      <Section
        title="Foundation models"
        description="Bedrock models project members may invoke: in each project's playground, and from notebooks through their project roles (IAM is updated when you save)."
      >
        <FoundationModelPicker
          selected={draft.bedrock.allowedModels}
          bedrockActive={draft.services.bedrock}
          onChange={(allowedModels) => set({ bedrock: { allowedModels } })}
        />
      </Section>

      <Section
        title="Default quotas"
        description="How much each project may run at once; administrators override them per project on its settings page."
      >
        <QuotaDefaultsEditor value={draft.quotas} onChange={(quotas) => set({ quotas })} />
      </Section>

      <Section
        title="API tokens"
        description="How long a personal API token may live. Notebooks' own credentials last an hour and are renewed while they run."
      >
        <TokenLifetimeEditor
          value={draft.apiTokens.maxLifetimeDays}
          onChange={(maxLifetimeDays) => set({ apiTokens: { maxLifetimeDays } })}
        />
      </Section>

      <Section title="Project creation" description="Who may create projects.">
        <div className="flex flex-wrap items-center gap-4 text-sm">
          {(['everyone', 'admins', 'groups'] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2">
              <input
                type="radio"
                name="projectCreation"
                checked={draft.projectCreation.mode === mode}
                onChange={() => set({ projectCreation: { ...draft.projectCreation, mode } })}
              />
              {mode === 'everyone'
                ? 'Everyone'
                : mode === 'admins'
                  ? 'Admins only'
                  : 'Members of allowed groups (and admins)'}
            </label>
          ))}
        </div>
        {draft.projectCreation.mode === 'groups' ? (
          <label className="mt-3 block text-sm font-medium">
            Allowed groups (comma-separated)
            <input
              defaultValue={draft.projectCreation.allowedGroups.join(', ')}
              onBlur={(event) =>
                set({
                  projectCreation: {
                    ...draft.projectCreation,
                    allowedGroups: splitList(event.target.value),
                  },
                })
              }
              className={`${inputClass} mt-1 block w-full max-w-lg`}
            />
          </label>
        ) : null}
      </Section>

      <Section
        title="EMR"
        description="Cluster types, applications and auto scaling offered when creating EMR clusters."
      >
        <div className="mb-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">EMR cluster types</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <tr>
                <th className="py-1 pr-2">Name</th>
                <th className="py-1 pr-2">Master type</th>
                <th className="py-1 pr-2">Core type</th>
                <th className="py-1 pr-2">Core count</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.emr.clusterTypes.map((cluster, index) => {
                const patch = (next: Partial<typeof cluster>) =>
                  set({
                    emr: {
                      ...draft.emr,
                      clusterTypes: draft.emr.clusterTypes.map((item, at) =>
                        at === index ? { ...item, ...next } : item,
                      ),
                    },
                  });
                return (
                  <tr key={index}>
                    <td className="py-1 pr-2">
                      <input
                        aria-label={`Cluster type ${index + 1} name`}
                        value={cluster.name}
                        onChange={(event) => patch({ name: event.target.value })}
                        className={inputClass}
                      />
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        aria-label={`Cluster type ${index + 1} master type`}
                        list="emr-instance-types"
                        value={cluster.masterInstanceType}
                        onChange={(event) => patch({ masterInstanceType: event.target.value })}
                        className={inputClass}
                      />
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        aria-label={`Cluster type ${index + 1} core type`}
                        list="emr-instance-types"
                        value={cluster.coreInstanceType}
                        onChange={(event) => patch({ coreInstanceType: event.target.value })}
                        className={inputClass}
                      />
                    </td>
                    <td className="py-1 pr-2">
                      <input
                        type="number"
                        min={1}
                        aria-label={`Cluster type ${index + 1} core count`}
                        value={cluster.coreInstanceCount}
                        onChange={(event) =>
                          patch({ coreInstanceCount: Number(event.target.value) })
                        }
                        className={`${inputClass} w-20`}
                      />
                    </td>
                    <td className="py-1">
                      <Button
                        variant="danger"
                        onClick={() =>
                          set({
                            emr: {
                              ...draft.emr,
                              clusterTypes: draft.emr.clusterTypes.filter((_, at) => at !== index),
                            },
                          })
                        }
                      >
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Button
          onClick={() =>
            set({
              emr: {
                ...draft.emr,
                clusterTypes: [
                  ...draft.emr.clusterTypes,
                  {
                    name: 'New',
                    masterInstanceType: 'm5.xlarge',
                    coreInstanceType: 'm5.xlarge',
                    coreInstanceCount: 2,
                  },
                ],
              },
            })
          }
        >
          Add cluster type
        </Button>
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          <label className="text-sm font-medium">
            Applications (comma-separated)
            <input
              defaultValue={draft.emr.applications.join(', ')}
              onBlur={(event) =>
                set({ emr: { ...draft.emr, applications: splitList(event.target.value) } })
              }
              className={`${inputClass} mt-1 block w-full`}
            />
          </label>
          <label className="text-sm font-medium">
            Release label
            <input
              value={draft.emr.releaseLabel}
              onChange={(event) => set({ emr: { ...draft.emr, releaseLabel: event.target.value } })}
              className={`${inputClass} mt-1 block w-full`}
            />
          </label>
        </div>
        <fieldset className="mt-4 flex flex-wrap items-end gap-4 text-sm">
          <legend className="mb-2 font-medium">Auto scaling</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={draft.emr.autoScaling.enabled}
              onChange={() =>
                set({
                  emr: {
                    ...draft.emr,
                    autoScaling: {
                      ...draft.emr.autoScaling,
                      enabled: !draft.emr.autoScaling.enabled,
                    },
                  },
                })
              }
            />
            Enabled
          </label>
          {(
            [
              ['minInstances', 'Min instances'],
              ['maxInstances', 'Max instances'],
              ['scaleOutCpuPercent', 'Scale out above CPU %'],
              ['scaleInCpuPercent', 'Scale in below CPU %'],
            ] as const
          ).map(([field, label]) => (
            <label key={field}>
              {label}
              <input
                type="number"
                value={draft.emr.autoScaling[field]}
                onChange={(event) =>
                  set({
                    emr: {
                      ...draft.emr,
                      autoScaling: {
                        ...draft.emr.autoScaling,
                        [field]: Number(event.target.value),
                      },
                    },
                  })
                }
                className={`${inputClass} mt-1 block w-28`}
              />
            </label>
          ))}
        </fieldset>
        <EmrInstanceTypeList id="emr-instance-types" />
        <EmrProblemList problems={emrProblems(draft)} />
      </Section>

      <Section
        title="System banner"
        description="Shown at the top and bottom of every page, the sign-in page included."
      >
        <div className="flex flex-wrap items-end gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              aria-label="Show the banner"
              checked={draft.banner.enabled}
              onChange={() => set({ banner: { ...draft.banner, enabled: !draft.banner.enabled } })}
            />
            Show the banner
          </label>
          <label className="min-w-72 flex-1 font-medium">
            Text
            <input
              aria-label="Banner text"
              value={draft.banner.text}
              onChange={(event) => set({ banner: { ...draft.banner, text: event.target.value } })}
              className={`${inputClass} mt-1 block w-full`}
            />
          </label>
          <label className="font-medium">
            Text colour
            <input
              type="color"
              aria-label="Banner text colour"
              value={draft.banner.textColor}
              onChange={(event) =>
                set({ banner: { ...draft.banner, textColor: event.target.value } })
              }
              className="mt-1 block h-9 w-16"
            />
          </label>
          <label className="font-medium">
            Background
            <input
              type="color"
              aria-label="Banner background colour"
              value={draft.banner.backgroundColor}
              onChange={(event) =>
                set({ banner: { ...draft.banner, backgroundColor: event.target.value } })
              }
              className="mt-1 block h-9 w-16"
            />
          </label>
        </div>
        {draft.banner.text ? (
          <div
            className="mt-3 rounded px-4 py-1.5 text-center text-sm font-medium"
            style={{ color: draft.banner.textColor, backgroundColor: draft.banner.backgroundColor }}
          >
            {draft.banner.text}
          </div>
        ) : null}
      </Section>

      <div className="sticky bottom-0 rounded-lg border border-slate-200 bg-white/95 p-4 shadow-lg backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        {reviewing ? (
          <div className="space-y-3">
            <h2 className="font-semibold">
              Review {changes.length} change{changes.length === 1 ? '' : 's'}
            </h2>
            <ConfigDiffList changes={changes} />
            <label className="block text-sm font-medium">
              Reason for this change (kept in the history)
              <textarea
                data-testid="config-reason"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                rows={2}
                className={`${inputClass} mt-1 block w-full`}
              />
            </label>
            <ErrorNote message={errorMessage(update.error)} />
            {conflict ? (
              <Button onClick={() => void reloadAndReapply()}>
                Reload the latest version and reapply my edits
              </Button>
            ) : null}
            <div className="flex gap-2">
              <Button
                variant="primary"
                data-testid="config-save"
                disabled={update.isPending || !reason.trim() || changes.length === 0}
                onClick={() =>
                  update.mutate({ expectedVersion: data.version, reason, config: draft })
                }
              >
                {update.isPending ? 'Saving…' : `Save as version ${data.version + 1}`}
              </Button>
              <Button onClick={() => setReviewing(false)}>Back to editing</Button>
            </div>
          </div>
        ) : (
          <div className="flex items-center gap-3">
            <Button
              variant="primary"
              data-testid="config-review"
              disabled={changes.length === 0}
              onClick={() => {
                update.reset();
                setReviewing(true);
              }}
            >
              Review changes
            </Button>
            {changes.length > 0 ? (
              <Badge tone="amber">
                {changes.length} unsaved change{changes.length === 1 ? '' : 's'}
              </Badge>
            ) : (
              <span className="text-sm text-slate-500 dark:text-slate-400">
                No unsaved changes.
              </span>
            )}
            {changes.length > 0 ? (
              <Button
                onClick={() => {
                  setDraft(data.config);
                  setBase(data.config);
                }}
              >
                Discard
              </Button>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
