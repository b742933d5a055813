import {
  statusChange,
  type StatusChange,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

/** Where the status derived from the tags is put, so the shared rules read it as any other. */
const derivedStatusField = 'MLSpaceDerivedStatus';

/**
 * For kinds SageMaker keeps no status for (models, endpoint configurations): their event carries
 * the resource's tags when it was created and none once it is deleted (SageMaker can no longer
 * read them), so `Created` or `Deleted` is read from whether tags are present.
 */
export function createdOrDeleted(
  change: Omit<StatusChange, 'statusField' | 'statuses'>,
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  const tags = event.detail.Tags;
  const tagged = Boolean(tags && typeof tags === 'object' && Object.keys(tags).length > 0);
  return statusChange(
    { ...change, statusField: derivedStatusField, statuses: ['Created', 'Deleted'] },
    { ...event, detail: { ...event.detail, [derivedStatusField]: tagged ? 'Created' : 'Deleted' } },
    systemTag,
  );
}
