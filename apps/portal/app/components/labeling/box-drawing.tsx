import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

import { segmentationColour, type Box } from '@mlspace/core';

/** Boxes smaller than this (in image pixels) are a click, not a box. */
const minimumSide = 2;

interface Point {
  x: number;
  y: number;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * Boxes drawn with the mouse (or a pen or finger: pointer events) over an image, in the image's own
 * pixels whatever its displayed size. Each box is focusable: arrow keys move it a pixel (Shift: ten),
 * Alt+arrows resize it, Delete or Backspace removes it.
 */
export function BoxDrawing({
  imageUrl,
  width,
  height,
  labels,
  classId,
  boxes,
  onChange,
  readOnly = false,
}: {
  imageUrl: string;
  width: number;
  height: number;
  labels: readonly string[];
  /** The class a new box gets. */
  classId: number;
  boxes: readonly Box[];
  onChange?: (boxes: Box[]) => void;
  readOnly?: boolean;
}) {
  const surface = useRef<SVGSVGElement>(null);
  const [start, setStart] = useState<Point | null>(null);
  const [draft, setDraft] = useState<Box | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  function imagePoint(event: PointerEvent<SVGSVGElement>): Point {
    const rect = surface.current!.getBoundingClientRect();
    return {
      x: clamp(Math.round(((event.clientX - rect.left) / rect.width) * width), 0, width),
      y: clamp(Math.round(((event.clientY - rect.top) / rect.height) * height), 0, height),
    };
  }

  function boxBetween(a: Point, b: Point): Box {
    return {
      classId,
      left: Math.min(a.x, b.x),
      top: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
  }

  function onPointerDown(event: PointerEvent<SVGSVGElement>) {
    if (readOnly || event.button !== 0) return;
    // A press on an existing box selects it rather than starting a new one.
    if ((event.target as Element).getAttribute('data-box') !== null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = imagePoint(event);
    setStart(point);
    setDraft(boxBetween(point, point));
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    if (!start) return;
    setDraft(boxBetween(start, imagePoint(event)));
  }

  function onPointerUp(event: PointerEvent<SVGSVGElement>) {
    if (!start) return;
    const box = boxBetween(start, imagePoint(event));
    setStart(null);
    setDraft(null);
    if (box.width >= minimumSide && box.height >= minimumSide) {
      onChange?.([...boxes, box]);
      setSelected(boxes.length);
    }
  }

  function onBoxKey(index: number, event: KeyboardEvent<SVGRectElement>) {
    if (readOnly) return;
    const box = boxes[index]!;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onChange?.(boxes.filter((_, at) => at !== index));
      setSelected(null);
      return;
    }
    const step = event.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const [dx, dy] = move;
    const next = event.altKey
      ? {
          ...box,
          width: clamp(box.width + dx, minimumSide, width - box.left),
          height: clamp(box.height + dy, minimumSide, height - box.top),
        }
      : {
          ...box,
          left: clamp(box.left + dx, 0, width - box.width),
          top: clamp(box.top + dy, 0, height - box.height),
        };
    onChange?.(boxes.map((current, at) => (at === index ? next : current)));
  }

  const stroke = Math.max(1, Math.round(Math.max(width, height) / 200));
  return (
    <div className="relative inline-block max-w-full select-none" data-testid="box-drawing">
      <img
        src={imageUrl}
        alt="The object to label"
        width={width}
        height={height}
        className="block h-auto max-h-[70vh] w-auto max-w-full"
        draggable={false}
      />
      <svg
        ref={surface}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className={`absolute inset-0 h-full w-full touch-none ${readOnly ? '' : 'cursor-crosshair'}`}
        role={readOnly ? 'img' : 'application'}
        aria-label={
          readOnly
            ? `${boxes.length} box${boxes.length === 1 ? '' : 'es'} on the image`
            : 'Drawing area: press and drag to draw a box'
        }
        data-testid="box-surface"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          setStart(null);
          setDraft(null);
        }}
      >
        {boxes.map((box, index) => (
          <rect
            key={index}
            data-box={index}
            x={box.left}
            y={box.top}
            width={box.width}
            height={box.height}
            fill={segmentationColour(box.classId + 1)}
            fillOpacity={selected === index ? 0.35 : 0.15}
            stroke={segmentationColour(box.classId + 1)}
            strokeWidth={selected === index ? stroke * 2 : stroke}
            tabIndex={readOnly ? undefined : 0}
            role={readOnly ? undefined : 'button'}
            aria-label={`${labels[box.classId] ?? 'box'} at ${box.left}, ${box.top}, ${box.width} by ${box.height}${readOnly ? '' : '; arrows move, Alt+arrows resize, Delete removes'}`}
            className="outline-none focus:stroke-[6]"
            onFocus={() => setSelected(index)}
            onPointerDown={() => setSelected(index)}
            onKeyDown={(event) => onBoxKey(index, event)}
          />
        ))}
        {draft ? (
          <rect
            x={draft.left}
            y={draft.top}
            width={draft.width}
            height={draft.height}
            fill="none"
            stroke={segmentationColour(classId + 1)}
            strokeWidth={stroke}
            strokeDasharray={`${stroke * 3} ${stroke * 2}`}
          />
        ) : null}
      </svg>
    </div>
  );
}
