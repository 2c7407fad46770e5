// Geometry and plain-words summaries of the analytics charts, shared by the app's SVG charts and the exported report.

export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
}

/** Bars for values, left to right, filling width × height with a small gap; the tallest reaches the top. */
export function barsOf(values: readonly number[], width: number, height: number): Bar[] {
  if (values.length === 0) return [];
  const max = Math.max(1, ...values);
  const step = width / values.length;
  const gap = Math.min(2, step * 0.2);
  return values.map((value, i) => {
    const h = (value / max) * height;
    return { x: i * step + gap / 2, y: height - h, width: Math.max(0.5, step - gap), height: h, value };
  });
}

/** 0 (none) to 4 (the busiest hours), for the heat map's shades. */
export function heatLevel(value: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4))) as 1 | 2 | 3 | 4;
}

/** The busiest weekday and hour of a 7 × 24 grid (Monday first), or null when it is empty. */
export function busiestCell(grid: readonly (readonly number[])[]): { weekday: number; hour: number; value: number } | null {
  let best: { weekday: number; hour: number; value: number } | null = null;
  grid.forEach((row, weekday) => {
    row.forEach((value, hour) => {
      if (value > 0 && (!best || value > best.value)) best = { weekday, hour, value };
    });
  });
  return best;
}

export function bestOf<T>(items: readonly T[], value: (t: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (value(item) > 0 && (best === null || value(item) > value(best))) best = item;
  return best;
}
