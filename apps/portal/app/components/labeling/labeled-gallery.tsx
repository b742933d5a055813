import { labelingTaskTypeInfo, type LabelingTaskType } from '@mlspace/core';

import { useState } from 'react';

import { Button, ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { BoxDrawing } from './box-drawing';
import { boxesOfOutput } from './task-workspace';

/** What a consolidated label says, in words (classes, counts of boxes or spans). */
function labelSummary(
  output: Record<string, unknown> | null,
  attribute: string,
  labels: readonly string[],
) {
  if (!output) return null;
  const metadata = output[`${attribute}-metadata`] as Record<string, unknown> | undefined;
  const failure = metadata?.['failure-reason'];
  if (typeof failure === 'string') return `Failed: ${failure}`;
  if (typeof metadata?.['class-name'] === 'string') return metadata['class-name'];
  const value = output[attribute];
  if (Array.isArray(value))
    return value.map((index: number) => labels[index]).join(', ') || 'No label';
  const annotations = (value as { annotations?: unknown } | undefined)?.annotations;
  if (Array.isArray(annotations))
    return `${annotations.length} box${annotations.length === 1 ? '' : 'es'}`;
  if (annotations && typeof annotations === 'object')
    return `${(annotations as { entities: unknown[] }).entities.length} entities`;
  if (typeof value === 'string') return 'Mask written';
  return null;
}

/** The job's objects with their consolidated labels, a page at a time. */
export function LabeledGallery({
  name,
  taskType,
  labels,
  live,
}: {
  name: string;
  taskType: LabelingTaskType;
  labels: readonly string[];
  live: boolean;
}) {
  // The cursors of the pages shown so far, so "Previous" goes back through opaque cursors.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = trpc.labeling.objects.useQuery(
    { name, cursor, limit: 24 },
    { refetchInterval: live ? 3000 : false },
  );
  const info = labelingTaskTypeInfo[taskType];
  const attribute = info.shape === 'mask' ? `${name}-ref` : name;
  return (
    <div>
      <ErrorNote message={errorMessage(page.error)} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="labeled-gallery">
        {(page.data?.items ?? []).map((object) => {
          const boxes = info.shape === 'boxes' ? boxesOfOutput(object.output?.[attribute]) : [];
          return (
            <li
              key={object.index}
              className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
              data-testid={`labeled-object-${object.index}`}
            >
              {object.imageUrl && object.imageSize ? (
                <BoxDrawing
                  imageUrl={object.imageUrl}
                  width={object.imageSize.width}
                  height={object.imageSize.height}
                  labels={labels}
                  classId={0}
                  boxes={boxes}
                  readOnly
                />
              ) : (
                <p className="line-clamp-4 text-sm">{object.source}</p>
              )}
              <p className="mt-2 text-sm">
                <span className="font-medium">
                  {object.state === 'pending'
                    ? `Waiting: ${object.answered} of ${object.workers.length} answers`
                    : labelSummary(object.output, attribute, labels)}
                </span>
              </p>
            </li>
          );
        })}
      </ul>
      {cursors.length > 1 || page.data?.cursor ? (
        <div className="mt-3 flex gap-2">
          <Button
            disabled={cursors.length <= 1}
            onClick={() => setCursors((stack) => stack.slice(0, -1))}
          >
            Previous
          </Button>
          <Button
            disabled={!page.data?.cursor}
            onClick={() => setCursors((stack) => [...stack, page.data?.cursor ?? null])}
          >
            Next
          </Button>
        </div>
      ) : null}
    </div>
  );
}
