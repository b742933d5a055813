import { useEffect, useRef, useState, type PointerEvent } from 'react';

import { decodeMask, encodeMask, segmentationColour, type Mask } from '@mlspace/core';

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

/**
 * A segmentation mask painted with a round brush over the image, one class per pixel (0, the
 * eraser, is the background), kept at the image's own resolution. The painting is shown through a
 * canvas; what is submitted is the class of every pixel.
 */
export function MaskPainting({
  imageUrl,
  width,
  height,
  value,
  classValue,
  brush,
  onChange,
}: {
  imageUrl: string;
  width: number;
  height: number;
  value: Mask | null;
  /** The class painted: label index + 1, or 0 to erase. */
  classValue: number;
  /** The brush radius in image pixels. */
  brush: number;
  onChange: (mask: Mask) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useRef<Uint8Array>(value ? decodeMask(value) : new Uint8Array(width * height));
  const [painting, setPainting] = useState(false);

  function redraw() {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    const colours = new Map<number, [number, number, number]>();
    pixels.current.forEach((classOf, at) => {
      if (classOf === 0) return;
      const colour = colours.get(classOf) ?? rgb(segmentationColour(classOf));
      colours.set(classOf, colour);
      image.data.set([...colour, 150], at * 4);
    });
    context.putImageData(image, 0, 0);
  }

  useEffect(redraw);

  function paintAt(event: PointerEvent<HTMLCanvasElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    const cx = Math.round(((event.clientX - rect.left) / rect.width) * width);
    const cy = Math.round(((event.clientY - rect.top) / rect.height) * height);
    for (let y = Math.max(0, cy - brush); y <= Math.min(height - 1, cy + brush); y += 1)
      for (let x = Math.max(0, cx - brush); x <= Math.min(width - 1, cx + brush); x += 1)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= brush ** 2) pixels.current[y * width + x] = classValue;
    redraw();
  }

  return (
    <div className="relative inline-block max-w-full select-none" data-testid="mask-painting">
      <img
        src={imageUrl}
        alt="The object to label"
        width={width}
        height={height}
        className="block h-auto max-h-[70vh] w-auto max-w-full"
        draggable={false}
      />
      <canvas
        ref={canvas}
        width={width}
        height={height}
        aria-label="Painting area: press and drag to paint the chosen class"
        role="application"
        className="absolute inset-0 h-full w-full cursor-crosshair touch-none"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          setPainting(true);
          paintAt(event);
        }}
        onPointerMove={(event) => {
          if (painting) paintAt(event);
        }}
        onPointerUp={() => {
          setPainting(false);
          onChange(encodeMask(pixels.current, width, height));
        }}
      />
    </div>
  );
}
