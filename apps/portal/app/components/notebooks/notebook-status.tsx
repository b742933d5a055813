import { Badge } from '../ui';

const tones = {
  InService: 'green',
  Pending: 'amber',
  Updating: 'amber',
  Stopping: 'amber',
  Deleting: 'amber',
  Stopped: 'slate',
  Failed: 'red',
} as const;

/** Statuses that change on their own; pages poll while a notebook is in one. */
export const changingStatuses = ['Pending', 'Updating', 'Stopping', 'Deleting'];

export function NotebookStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status as keyof typeof tones] ?? 'slate'}>{status}</Badge>;
}
