import { Badge } from '../ui';

const tones = {
  InService: 'green',
  Completed: 'green',
  Created: 'blue',
  InProgress: 'amber',
  Creating: 'amber',
  Updating: 'amber',
  Stopping: 'amber',
  Deleting: 'amber',
  Stopped: 'slate',
  OutOfService: 'slate',
  Failed: 'red',
} as const;

/** Statuses that change on their own; pages poll while a resource is in one. */
export const changingMlStatuses = ['InProgress', 'Creating', 'Updating', 'Stopping', 'Deleting'];

export function MlStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status as keyof typeof tones] ?? 'slate'}>{status}</Badge>;
}
