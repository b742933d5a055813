import { Badge } from '../ui';

const tones = {
  Starting: 'amber',
  Bootstrapping: 'amber',
  Running: 'green',
  Waiting: 'green',
  Terminating: 'amber',
  Terminated: 'slate',
  TerminatedWithErrors: 'red',
} as const;

/** Statuses that change on their own; pages poll while a cluster is in one. */
export const changingClusterStatuses = ['Starting', 'Bootstrapping', 'Running', 'Terminating'];

/** EMR's state names, spaced for reading ("Terminated with errors"). */
export function clusterStatusLabel(status: string): string {
  return status === 'TerminatedWithErrors' ? 'Terminated with errors' : status;
}

export function ClusterStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={tones[status as keyof typeof tones] ?? 'slate'}>
      {clusterStatusLabel(status)}
    </Badge>
  );
}
