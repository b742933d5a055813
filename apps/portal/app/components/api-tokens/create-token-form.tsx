import { createApiTokenInputSchema, type CreatedApiToken } from '@mlspace/core';

import { FieldGroup, FieldNote, NumberField, RadioField, TextField } from '../form/fields';
import { FormCard } from '../form/form-page';
import { useSchemaForm } from '../form/use-schema-form';
import { trpc } from '../../utils/trpc';

interface TokenFormValues {
  name: string;
  scope: 'read' | 'write';
  projects: string[];
  expiresInDays: number;
}

const initial: TokenFormValues = { name: '', scope: 'read', projects: [], expiresInDays: 30 };

/** Creates a personal token; the parent shows the secret it answers with, once. */
export function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const utils = trpc.useUtils();
  const limits = trpc.apiTokens.limits.useQuery();
  const projects = trpc.projects.mine.useQuery({ limit: 100 });
  const create = trpc.apiTokens.create.useMutation({
    onSuccess: () => utils.apiTokens.mine.invalidate(),
  });
  const form = useSchemaForm({
    schema: createApiTokenInputSchema,
    initial: {
      ...initial,
      expiresInDays: Math.min(initial.expiresInDays, limits.data?.maxLifetimeDays ?? 30),
    },
    labels: {
      name: 'Token name',
      scope: 'Scope',
      projects: 'Projects',
      expiresInDays: 'Expires after (days)',
    },
    idPrefix: 'token-',
  });
  const chosen = form.values.projects;
  const maxDays = limits.data?.maxLifetimeDays;

  return (
    <FormCard
      onSubmit={form.submit(async (input) => {
        const created = await create.mutateAsync(input);
        form.restart(initial);
        onCreated(created);
      })}
      pending={form.pending}
      error={form.formError}
      submitLabel="Create token"
    >
      <TextField
        form={form}
        name="name"
        placeholder="laptop CLI"
        help="Says where the token is used, so you know which one to revoke."
      />
      <RadioField
        form={form}
        name="scope"
        choices={[
          { value: 'read', label: 'Read only: lists, details, logs, downloads' },
          { value: 'write', label: 'Read and write: also create, change and delete' },
        ]}
      />
      <FieldGroup
        legend={form.labelOf('projects')}
        help="Leave all unticked to reach every project you belong to; tick some to limit the token to them."
      >
        {(projects.data?.items ?? []).length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            You belong to no project yet: the token reaches your own datasets only.
          </p>
        ) : (
          <div
            id={form.idFor('projects')}
            tabIndex={-1}
            className="flex flex-wrap gap-x-6 gap-y-2 text-sm"
          >
            {(projects.data?.items ?? []).map((project) => (
              <label key={project.name} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(project.name)}
                  onChange={(event) =>
                    form.set(
                      'projects',
                      event.target.checked
                        ? [...chosen, project.name]
                        : chosen.filter((name) => name !== project.name),
                    )
                  }
                />
                {project.name}
              </label>
            ))}
          </div>
        )}
        <FieldNote
          id={`${form.idFor('projects')}-help`}
          problem={form.problemFor('projects', true)}
        />
      </FieldGroup>
      <NumberField
        form={form}
        name="expiresInDays"
        min={1}
        max={maxDays}
        help={
          maxDays
            ? `At most ${maxDays} days, as your administrator allows. At most ${limits.data?.creationsPerHour} tokens an hour.`
            : undefined
        }
      />
    </FormCard>
  );
}
