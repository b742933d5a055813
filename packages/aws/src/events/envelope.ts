/**
 * What every SageMaker state-change event shares. EventBridge wraps the change in its envelope
 * (`source`, `detail-type`, `time`, ...); the `detail` is the resource's Describe* output with its
 * `Tags` as a map ("Events that Amazon SageMaker AI sends to Amazon EventBridge", SageMaker
 * Developer Guide).
 */
import type { ComputeStatusEvent } from '@mlspace/core';

export interface SageMakerStateChangeEvent {
  source: string;
  'detail-type': string;
  time: string;
  detail: Record<string, unknown>;
  /** ARNs of the resources the event is about (Ground Truth names its job only here). */
  resources?: string[];
}

/** What a resource runs on, as its Describe output says (to record one MLSpace did not create). */
export interface ResourceSize {
  instanceType?: string;
  instanceCount?: number;
}

/**
 * Either a status to apply, with the resource's size for a record the events job creates (work
 * started from a notebook with the SDK), or why the event changes nothing.
 */
export type StateChangeOutcome =
  { apply: ComputeStatusEvent; size: ResourceSize } | { ignore: string };

export const ignore = (reason: string): StateChangeOutcome => ({ ignore: reason });

/**
 * The event's instant as ISO 8601 with milliseconds, or null. EventBridge writes whole seconds
 * (`2018-10-06T12:26:13Z`); one example in AWS's guide shows epoch milliseconds instead.
 */
export function eventInstant(time: string): string | null {
  const millis = /^\d+$/.test(time) ? Number(time) : Date.parse(time);
  return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}

/** The object at `field`, or an empty one. */
export function objectField(
  detail: Record<string, unknown>,
  field: string,
): Record<string, unknown> {
  const value = detail[field];
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `InstanceType` and `InstanceCount` of a ResourceConfig-like object. */
export function sizeOf(resources: Record<string, unknown>): ResourceSize {
  const count = resources.InstanceCount;
  return {
    instanceType: textField(resources, 'InstanceType'),
    instanceCount: typeof count === 'number' && count > 0 ? count : undefined,
  };
}

export function textField(detail: Record<string, unknown>, field: string): string | undefined {
  const value = detail[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function tagsOf(detail: Record<string, unknown>): Record<string, string> {
  const tags = detail.Tags;
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return {};
  return Object.fromEntries(
    Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export type Ownership = { project?: string; owner?: string };

/**
 * The project and user of a resource this deployment made (its `system` tag), or a reason to
 * ignore the event. A resource that is gone may be reported without tags (SageMaker cannot read
 * them any more); such a removal is taken by name alone, since names are unique per account and
 * region and the registry ignores names it does not hold.
 */
export function ownership(
  detail: Record<string, unknown>,
  systemTag: string,
  removal: boolean,
): Ownership | { ignore: string } {
  const tags = tagsOf(detail);
  if (tags.system === systemTag) return { project: tags.project, owner: tags.user };
  if (removal && tags.system === undefined) return {};
  return {
    ignore:
      tags.system === undefined
        ? 'the resource carries no system tag'
        : `the resource belongs to another system (${tags.system})`,
  };
}

/** Keeps only the facts that are present, so a missing one never erases a stored one. */
export function presentFacts(facts: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(facts).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export interface StatusChange {
  kind: ComputeStatusEvent['kind'];
  nameField: string;
  statusField: string;
  /** The statuses core knows for this kind, as SageMaker spells them, and `Deleted` where the
   * kind's events report a removal. */
  statuses: readonly string[];
  /** The record's metadata from the detail (ARN and what the kind keeps). */
  metadata: (detail: Record<string, unknown>, status: string) => Record<string, string>;
  /** Turns the event's spelling into the API's (endpoint events write `IN_SERVICE`). */
  spelling?: (status: string) => string;
  /** What the resource runs on, from the detail. */
  size: (detail: Record<string, unknown>) => ResourceSize;
}

/** The rules every kind shares: one resource, named, of this system, in a status core knows. */
export function statusChange(
  change: StatusChange,
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  const { detail } = event;
  const name = textField(detail, change.nameField);
  if (!name) return ignore(`the event names no resource (${change.nameField} is missing)`);
  const reported = textField(detail, change.statusField);
  if (!reported) return ignore(`the event has no ${change.statusField}`);
  const status = change.spelling ? change.spelling(reported) : reported;
  if (!change.statuses.includes(status))
    return ignore(`${change.statusField} ${reported} is not a status MLSpace knows`);
  const owned = ownership(detail, systemTag, status === 'Deleted');
  if ('ignore' in owned) return owned;
  const at = eventInstant(event.time);
  if (!at) return ignore(`the event time ${event.time} is not a time`);
  return {
    apply: {
      kind: change.kind,
      name,
      status: status as ComputeStatusEvent['status'],
      at,
      failureReason: textField(detail, 'FailureReason'),
      metadata: change.metadata(detail, status),
      ...owned,
    },
    size: change.size(detail),
  };
}
