import { useState } from 'react';

import {
  labelingTaskTypeInfo,
  type Annotation,
  type Box,
  type EntitySpan,
  type LabelingTaskType,
  type Mask,
} from '@mlspace/core';

import { Button } from '../ui';
import { BoxDrawing } from './box-drawing';
import { EntitySpans } from './entity-spans';
import { MaskPainting } from './mask-painting';

/** One object to label, as the worker's page and the create form's preview show it. */
export interface TaskObject {
  imageUrl: string | null;
  imageSize: { width: number; height: number } | null;
  text: string | null;
  /** Adjustment and verification: the reviewed job's boxes, to start from or to judge. */
  reviewedBoxes?: Box[];
}

/** Ground Truth's bounding-box output as boxes (`annotations` with `class_id`, `left`, …). */
export function boxesOfOutput(value: unknown): Box[] {
  const annotations = (value as { annotations?: unknown } | null)?.annotations;
  if (!Array.isArray(annotations)) return [];
  return annotations.map((entry: Record<string, number>) => ({
    classId: entry.class_id ?? 0,
    left: entry.left ?? 0,
    top: entry.top ?? 0,
    width: entry.width ?? 1,
    height: entry.height ?? 1,
  }));
}

function LabelPicker({
  labels,
  value,
  onChange,
  legend,
}: {
  labels: readonly string[];
  value: number;
  onChange: (label: number) => void;
  legend: string;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {labels.map((label, index) => (
          <label
            key={label}
            className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800"
          >
            <input
              type="radio"
              name={legend}
              checked={value === index}
              onChange={() => onChange(index)}
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The labeling tool for one object: the editor of the task type's shape (class choices, boxes,
 * a mask brush, entity spans), Submit, and "Cannot label" with a reason. In a preview nothing is
 * sent.
 */
export function TaskWorkspace({
  taskType,
  labels,
  object,
  shortInstruction,
  onSubmit,
  pending = false,
  preview = false,
}: {
  taskType: LabelingTaskType;
  labels: readonly string[];
  object: TaskObject;
  shortInstruction: string;
  onSubmit?: (annotation: Annotation) => void;
  pending?: boolean;
  preview?: boolean;
}) {
  const info = labelingTaskTypeInfo[taskType];
  const [label, setLabel] = useState(0);
  const [chosen, setChosen] = useState<number[]>([]);
  const [boxes, setBoxes] = useState<Box[]>(
    taskType === 'AdjustmentBoundingBox' ? (object.reviewedBoxes ?? []) : [],
  );
  const [mask, setMask] = useState<Mask | null>(null);
  const [brush, setBrush] = useState(6);
  const [entities, setEntities] = useState<EntitySpan[]>([]);
  const [refusal, setRefusal] = useState('');

  const width = object.imageSize?.width ?? 1;
  const height = object.imageSize?.height ?? 1;

  function annotation(): Annotation {
    switch (info.shape) {
      case 'class':
        return { kind: 'class', label };
      case 'verdict':
        return { kind: 'verdict', label };
      case 'classes':
        return { kind: 'classes', labels: chosen };
      case 'boxes':
        return { kind: 'boxes', boxes };
      case 'mask':
        return {
          kind: 'mask',
          mask: mask ?? { width, height, runs: [0, width * height] },
        };
      case 'entities':
        return { kind: 'entities', entities };
    }
  }

  const media =
    info.media === 'image' && object.imageUrl ? (
      info.shape === 'boxes' || info.shape === 'verdict' ? (
        <BoxDrawing
          imageUrl={object.imageUrl}
          width={width}
          height={height}
          labels={labels}
          classId={label}
          boxes={info.shape === 'verdict' ? (object.reviewedBoxes ?? []) : boxes}
          onChange={setBoxes}
          readOnly={info.shape === 'verdict'}
        />
      ) : info.shape === 'mask' ? (
        <MaskPainting
          imageUrl={object.imageUrl}
          width={width}
          height={height}
          value={mask}
          classValue={label + 1}
          brush={brush}
          onChange={setMask}
        />
      ) : (
        <img
          src={object.imageUrl}
          alt="The object to label"
          className="block h-auto max-h-[70vh] w-auto max-w-full rounded-md"
        />
      )
    ) : info.shape === 'entities' ? (
      <EntitySpans
        text={object.text ?? ''}
        labels={labels}
        label={label}
        entities={entities}
        onChange={setEntities}
      />
    ) : (
      <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-950">
        {object.text ?? 'The text to classify appears here.'}
      </p>
    );

  return (
    <div className="space-y-4" data-testid="task-workspace">
      <p className="text-base font-medium">{shortInstruction}</p>
      {info.shape === 'classes' ? (
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Every label that applies</legend>
          <div className="flex flex-wrap gap-2">
            {labels.map((name, index) => (
              <label
                key={name}
                className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
              >
                <input
                  type="checkbox"
                  checked={chosen.includes(index)}
                  onChange={(event) =>
                    setChosen((current) =>
                      event.target.checked
                        ? [...current, index].sort((a, b) => a - b)
                        : current.filter((value) => value !== index),
                    )
                  }
                />
                {name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <LabelPicker
          labels={labels}
          value={label}
          onChange={setLabel}
          legend={
            info.shape === 'boxes'
              ? 'Class of the next box'
              : info.shape === 'mask'
                ? 'Class to paint'
                : info.shape === 'entities'
                  ? 'Entity type to mark'
                  : info.shape === 'verdict'
                    ? 'Your verdict on these boxes'
                    : 'Label'
          }
        />
      )}
      {info.shape === 'mask' ? (
        <label className="flex items-center gap-2 text-sm">
          Brush size
          <input
            type="range"
            min={1}
            max={40}
            value={brush}
            onChange={(event) => setBrush(Number(event.target.value))}
          />
        </label>
      ) : null}
      <div className="overflow-auto">{media}</div>
      {info.shape === 'boxes' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="box-count">
          {boxes.length} box{boxes.length === 1 ? '' : 'es'} drawn. Press and drag on the image to
          draw one; select a box and use the arrow keys to move it or Delete to remove it.
        </p>
      ) : null}
      {preview ? null : (
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="primary" disabled={pending} onClick={() => onSubmit?.(annotation())}>
            {pending ? 'Submitting…' : 'Submit'}
          </Button>
          <label className="flex min-w-0 flex-1 flex-col text-sm">
            Cannot label it? Say why
            <input
              value={refusal}
              onChange={(event) => setRefusal(event.target.value)}
              className="mt-1 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <Button
            disabled={pending || refusal.trim() === ''}
            onClick={() => onSubmit?.({ kind: 'cannotLabel', reason: refusal.trim() })}
          >
            Cannot label
          </Button>
        </div>
      )}
    </div>
  );
}
