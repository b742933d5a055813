import { useRef } from 'react';

import { segmentationColour, type EntitySpan } from '@mlspace/core';

import { Button } from '../ui';

/** The offset inside `root`'s text of a point of a selection. */
function offsetIn(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * Named entities: select words of the text (mouse, or Shift+arrows with the keyboard) and press
 * "Mark as <label>"; marked spans are highlighted and listed, each with a Remove button.
 */
export function EntitySpans({
  text,
  labels,
  label,
  entities,
  onChange,
}: {
  text: string;
  labels: readonly string[];
  label: number;
  entities: readonly EntitySpan[];
  onChange: (entities: EntitySpan[]) => void;
}) {
  const root = useRef<HTMLParagraphElement>(null);

  function markSelection() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || !root.current) return;
    const range = selection.getRangeAt(0);
    if (!root.current.contains(range.startContainer) || !root.current.contains(range.endContainer))
      return;
    const startOffset = offsetIn(root.current, range.startContainer, range.startOffset);
    const endOffset = offsetIn(root.current, range.endContainer, range.endOffset);
    if (endOffset <= startOffset) return;
    onChange([...entities, { label, startOffset, endOffset }]);
    selection.removeAllRanges();
  }

  const marks = [...entities].sort((a, b) => a.startOffset - b.startOffset);
  const pieces: { text: string; entity?: EntitySpan }[] = [];
  let at = 0;
  for (const entity of marks) {
    if (entity.startOffset < at) continue;
    if (entity.startOffset > at) pieces.push({ text: text.slice(at, entity.startOffset) });
    pieces.push({ text: text.slice(entity.startOffset, entity.endOffset), entity });
    at = entity.endOffset;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });

  return (
    <div className="space-y-3">
      <p
        ref={root}
        tabIndex={0}
        data-testid="entity-text"
        className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 leading-7 dark:border-slate-700 dark:bg-slate-950"
      >
        {pieces.map((piece, index) =>
          piece.entity ? (
            <mark
              key={index}
              style={{ backgroundColor: `${segmentationColour(piece.entity.label + 1)}55` }}
              className="rounded px-0.5 text-inherit"
              title={labels[piece.entity.label]}
            >
              {piece.text}
            </mark>
          ) : (
            <span key={index}>{piece.text}</span>
          ),
        )}
      </p>
      <Button onClick={markSelection}>Mark selection as {labels[label]}</Button>
      {entities.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {entities.map((entity, index) => (
            <li key={index} className="flex items-center gap-2">
              <span className="font-medium">{labels[entity.label]}</span>
              <span>“{text.slice(entity.startOffset, entity.endOffset)}”</span>
              <Button
                variant="secondary"
                onClick={() => onChange(entities.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
