// Linear value scales with round tick steps (1, 2 or 5 times a power of ten).

export interface LinearScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  /** Map a value to a y coordinate between `bottom` (at min) and `top` (at max). */
  readonly toY: (value: number) => number;
}

const TICK_COUNT = 5;

/** Build a scale covering `low` to `high` and zero, so bars always start from a visible axis. */
export function linearScale(low: number, high: number, bottom: number, top: number): LinearScale {
  let min = Math.min(0, low);
  let max = Math.max(0, high);
  if (min === max) max = min + 1;

  const step = roundStep((max - min) / TICK_COUNT);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;

  const ticks: number[] = [];
  const tickCount = Math.round((max - min) / step);
  for (let index = 0; index <= tickCount; index += 1) {
    // toPrecision removes the binary noise of repeated steps such as 0.1 + 0.2.
    ticks.push(Number((min + index * step).toPrecision(12)));
  }

  const toY = (value: number) => bottom - ((value - min) / (max - min)) * (bottom - top);
  return { min, max, ticks, toY };
}

function roundStep(rawStep: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const normalized = rawStep / magnitude;
  for (const factor of [1, 2, 5]) {
    if (normalized <= factor) return factor * magnitude;
  }
  return 10 * magnitude;
}
