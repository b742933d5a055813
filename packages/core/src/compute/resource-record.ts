import type { ComputeKind, ComputeStatus } from './status';

/**
 * The registry's record of one compute resource, as repositories return it. Names are unique per
 * kind (as in SageMaker, where they are unique per account and region).
 */
export interface ResourceRecord {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  status: ComputeStatus;
  instanceType: string | null;
  /** How many instances it holds (all variants of an endpoint; per training job of a tuning job). */
  instanceCount: number | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the resource last entered a running status (InService, InProgress). */
  startedAt: string | null;
  /** When it last stopped, completed or failed. */
  stoppedAt: string | null;
  /** Cost controls: when the scheduler should stop it (notebooks) ... */
  stopAt: string | null;
  /** ... or terminate it (endpoints, clusters). */
  terminateAt: string | null;
  /** A notebook's daily stop (wall clock and zone); the sweep schedules the next `stopAt` from it. */
  dailyStop: { time: string; timeZone: string } | null;
  /** An action a cascade or the sweep could not finish; the next sweep retries it. */
  pendingAction: 'stop' | 'delete' | null;
  /** Why the pending action failed last, shown to the owner. */
  lastError: string | null;
  /** Kind-specific settings (volume size, lifecycle scripts, variants), as the kind's service wrote them. */
  spec: Record<string, unknown>;
  /** Backend facts (ARN, local port); never secrets. */
  metadata: Record<string, string>;
  /** Why MLSpace last stopped it on its own ("Stopped after 60 minutes idle"); cleared by a start. */
  stopReason?: string | null;
  /** A notebook idle now: when it stops if still idle (the portal warns before). */
  idleStopAt?: string | null;
}
