import { useState } from 'react';
import { useNavigate } from 'react-router';

import { updateProjectInputSchema } from '@mlspace/core';

import type { Route } from './+types/settings';
import { crumb } from '../../components/breadcrumbs';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/form/fields';
import { FormCard } from '../../components/form/form-page';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { CostControlsSection } from '../../components/cost-controls/cost-controls-section';
import { NotAllowed } from '../../components/not-allowed';
import { QuotasSection } from '../../components/quotas/quotas-section';
import { useProject, type ProjectDetail } from '../../components/project/use-project';
import { Button } from '../../components/ui';
import { useRootData } from '../../root';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';

export const meta: Route.MetaFunction = ({ params }) => [
  { title: `Settings · ${params.project} · MLSpace` },
];

export const handle = crumb(() => ({ label: 'Settings' }));

export default function ProjectSettings() {
  const detail = useProject();
  const timeZone = useRootData().user?.preferences.timezone ?? 'UTC';
  // Members read the project's quotas here too (read-only): they bound what members may start.
  if (!detail.permissions.manage) {
    return (
      <>
        <NotAllowed
          title="Only owners change a project's settings"
          message={`Ask an owner of ${detail.project.name} to change its settings.`}
        />
        <div className="mt-6">
          <QuotasSection project={detail.project.name} />
        </div>
      </>
    );
  }
  return (
    <>
      <SettingsTab detail={detail} />
      <div className="mt-6">
        <CostControlsSection project={detail.project.name} timeZone={timeZone} />
      </div>
      <div className="mt-6">
        <QuotasSection project={detail.project.name} />
      </div>
    </>
  );
}

function SettingsTab({ detail }: { detail: ProjectDetail }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const { project, permissions } = detail;
  const form = useSchemaForm({
    schema: updateProjectInputSchema,
    initial: { description: project.description },
    labels: { description: 'Description' },
    idPrefix: 'settings-',
  });
  const [confirming, setConfirming] = useState<'suspend' | 'reinstate' | 'delete' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    setConfirming(null);
    await Promise.all([
      utils.projects.get.invalidate({ name: project.name }),
      utils.projects.mine.invalidate(),
    ]);
  };
  const update = trpc.projects.update.useMutation({
    onSuccess: async () => {
      setNotice('Description saved.');
      await refresh();
    },
  });
  const suspend = trpc.projects.suspend.useMutation({
    onSuccess: async () => {
      setNotice(`Project ${project.name} suspended.`);
      await refresh();
    },
  });
  const reinstate = trpc.projects.reinstate.useMutation({
    onSuccess: async () => {
      setNotice(`Project ${project.name} reinstated.`);
      await refresh();
    },
  });
  const remove = trpc.projects.delete.useMutation({
    onSuccess: async (result) => {
      await utils.projects.mine.invalidate();
      await navigate(
        `/?deleted=${encodeURIComponent(project.name)}${result.complete ? '' : '&pending=1'}`,
      );
    },
  });
  const pending = { suspend, reinstate, delete: remove }[confirming ?? 'suspend'];

  return (
    <div className="space-y-6">
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <FormCard
        onSubmit={form.submit(async (input) => {
          await update.mutateAsync({ name: project.name, ...input });
        })}
        pending={form.pending}
        pendingLabel="Saving…"
        error={form.formError}
        submitLabel="Save description"
        submitDisabled={form.values.description === project.description}
      >
        <TextField
          form={form}
          name="description"
          multiline
          rows={4}
          help={`${form.values.description.length} / 4000 characters`}
        />
      </FormCard>
      <section
        aria-labelledby="lifecycle"
        className="space-y-3 rounded-lg border border-red-200 bg-white p-4 shadow-sm dark:border-red-900 dark:bg-slate-900"
      >
        <h2 id="lifecycle" className="font-medium">
          Suspend, reinstate or delete
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Suspending stops the project&apos;s notebooks and jobs and deletes its endpoints. A
          project can only be deleted once it is suspended.
        </p>
        <div className="flex gap-2">
          {project.suspended ? (
            <Button onClick={() => setConfirming('reinstate')} disabled={!permissions.suspend}>
              Reinstate project
            </Button>
          ) : (
            <Button
              variant="danger"
              onClick={() => setConfirming('suspend')}
              disabled={!permissions.suspend}
            >
              Suspend project
            </Button>
          )}
          {project.suspended ? (
            <Button
              variant="danger"
              onClick={() => setConfirming('delete')}
              disabled={!permissions.delete}
            >
              Delete project
            </Button>
          ) : null}
        </div>
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={`${confirming === 'delete' ? 'Delete' : confirming === 'reinstate' ? 'Reinstate' : 'Suspend'} ${project.name}?`}
        confirmLabel={`${
          confirming === 'delete' ? 'Delete' : confirming === 'reinstate' ? 'Reinstate' : 'Suspend'
        } project ${project.name}`}
        tone={confirming === 'reinstate' ? 'primary' : 'danger'}
        pending={pending.isPending}
        error={errorMessage(pending.error)}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming === 'delete') remove.mutate({ name: project.name });
          else if (confirming === 'reinstate') reinstate.mutate({ name: project.name });
          else suspend.mutate({ name: project.name });
        }}
      >
        {confirming === 'delete'
          ? 'The project and everything in it are deleted: notebooks, jobs, models, endpoint configurations, endpoints, its datasets and their files, its members and group links. This cannot be undone.'
          : confirming === 'reinstate'
            ? 'Members can create and start resources in the project again. Stopped resources stay stopped.'
            : 'Nothing can be created or started in the project until it is reinstated; running resources are stopped.'}
      </ConfirmDialog>
    </div>
  );
}
