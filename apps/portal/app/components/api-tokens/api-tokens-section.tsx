import { useState } from 'react';

import type { ApiTokenView, CreatedApiToken } from '@mlspace/core';

import { useConfirm } from '../confirm-dialog';
import { ResourceTable, type Column } from '../list/resource-table';
import { useList } from '../list/use-list';
import { Badge, Button, ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { CreateTokenForm } from './create-token-form';
import { TokenSecret } from './token-secret';
import {
  myTokenListInput,
  myTokenListSpec,
  tokenDetailColumns,
  tokenStatusLabel,
} from './token-views';

/** The settings page's API tokens: create one (its secret shown once), list and revoke mine. */
export function ApiTokensSection({ timeZone, pageSize }: { timeZone: string; pageSize: number }) {
  const list = useList(myTokenListSpec);
  const utils = trpc.useUtils();
  const page = trpc.apiTokens.mine.useQuery(myTokenListInput(list.state, pageSize));
  const revoke = trpc.apiTokens.revoke.useMutation({
    onSuccess: () => utils.apiTokens.mine.invalidate(),
  });
  const confirm = useConfirm();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const now = new Date();

  const columns: Column<ApiTokenView>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (row) => {
        const status = tokenStatusLabel(row, now);
        return (
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{row.name}</span>
            <Badge tone={status.tone}>{status.label}</Badge>
          </div>
        );
      },
    },
    ...tokenDetailColumns(timeZone),
    {
      key: 'actions',
      header: 'Actions',
      className: 'text-right',
      render: (row) =>
        tokenStatusLabel(row, now).label === 'Active' ? (
          <Button
            variant="danger"
            aria-label={`Revoke ${row.name}`}
            disabled={revoke.isPending}
            onClick={() =>
              confirm.ask({
                title: `Revoke ${row.name}?`,
                description: `Every script, CLI or notebook using ${row.name} is refused from its next call. This cannot be undone: create a new token to replace it.`,
                confirmLabel: `Revoke ${row.name}`,
                action: () => revoke.mutateAsync({ id: row.id }),
              })
            }
          >
            Revoke
          </Button>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="api-tokens-heading" className="mt-10 max-w-5xl space-y-4">
      <div>
        <h2 id="api-tokens-heading" className="text-xl font-semibold tracking-tight">
          API tokens
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Tokens let scripts, the CLI and other languages call MLSpace as you, sent as{' '}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A read-only token
          cannot change anything; a token limited to projects sees nothing of the others. Your
          notebooks get short-lived tokens of their own. Revoke a token as soon as it is no longer
          used.
        </p>
      </div>
      {created ? <TokenSecret name={created.token.name} secret={created.secret} /> : null}
      <div className="max-w-3xl">
        <CreateTokenForm onCreated={setCreated} />
      </div>
      <ErrorNote message={errorMessage(page.error ?? revoke.error)} />
      <ResourceTable
        caption="My API tokens"
        columns={columns}
        rows={page.data?.items ?? []}
        rowKey={(row) => row.id}
        loading={page.isLoading}
        list={list}
        nextCursor={page.data?.cursor}
        pageSize={pageSize}
        empty={{
          message: 'You have no API tokens. Create one above to call MLSpace from a script.',
        }}
      />
      {confirm.dialog}
    </section>
  );
}
