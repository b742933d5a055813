import { ValidationError, type HyperParameterRange } from '@mlspace/core';

export type Candidate = Record<string, string>;

/** Every combination of the ranges (categorical values and integer steps), in a stable order. */
export function gridCandidates(ranges: readonly HyperParameterRange[]): Candidate[] {
  let combinations: Candidate[] = [{}];
  ranges.forEach((range, index) => {
    const values = gridValues(range, index);
    combinations = combinations.flatMap((partial) =>
      values.map((value) => ({ ...partial, [range.name]: value })),
    );
  });
  return combinations;
}

function gridValues(range: HyperParameterRange, index: number): string[] {
  if (range.type === 'Categorical') return categoricalValues(range, index);
  if (range.type === 'Integer') {
    const [min, max] = bounds(range, index);
    if (max - min > 1000)
      throw new ValidationError(
        `ranges.${index}`,
        'an integer range in a grid may have at most 1000 values',
      );
    return Array.from({ length: Math.floor(max) - Math.ceil(min) + 1 }, (_, step) =>
      String(Math.ceil(min) + step),
    );
  }
  throw new ValidationError(
    `ranges.${index}.type`,
    'a Grid search takes categorical and integer ranges only: use Random for continuous ones',
  );
}

/** `count` random draws; integer and continuous ranges honour their scaling. */
export function randomCandidates(
  ranges: readonly HyperParameterRange[],
  count: number,
  random: () => number = Math.random,
): Candidate[] {
  ranges.forEach((range, index) =>
    range.type === 'Categorical' ? categoricalValues(range, index) : bounds(range, index),
  );
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      ranges.map((range, index) => [range.name, randomValue(range, index, random)]),
    ),
  );
}

function randomValue(range: HyperParameterRange, index: number, random: () => number): string {
  if (range.type === 'Categorical') {
    const values = categoricalValues(range, index);
    return values[Math.floor(random() * values.length)]!;
  }
  const [min, max] = bounds(range, index);
  const value = scaled(range.scaling ?? 'Auto', min, max, random(), index);
  if (range.type === 'Integer') return String(Math.min(max, Math.max(min, Math.round(value))));
  return String(Number(value.toPrecision(6)));
}

function scaled(
  scaling: NonNullable<HyperParameterRange['scaling']>,
  min: number,
  max: number,
  u: number,
  index: number,
): number {
  if (scaling === 'Logarithmic') {
    if (min <= 0)
      throw new ValidationError(
        `ranges.${index}.min`,
        'must be greater than 0 for logarithmic scaling',
      );
    return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
  }
  if (scaling === 'ReverseLogarithmic') {
    if (min < 0 || max >= 1)
      throw new ValidationError(
        `ranges.${index}`,
        'reverse logarithmic scaling needs 0 <= min and max < 1',
      );
    return 1 - Math.exp(Math.log(1 - max) + u * (Math.log(1 - min) - Math.log(1 - max)));
  }
  return min + u * (max - min);
}

function bounds(range: HyperParameterRange, index: number): [number, number] {
  const min = Number(range.min);
  const max = Number(range.max);
  if (range.min === undefined || !Number.isFinite(min))
    throw new ValidationError(`ranges.${index}.min`, 'must be a number');
  if (range.max === undefined || !Number.isFinite(max))
    throw new ValidationError(`ranges.${index}.max`, 'must be a number');
  if (max < min) throw new ValidationError(`ranges.${index}.max`, 'must not be less than min');
  return [min, max];
}

function categoricalValues(range: HyperParameterRange, index: number): string[] {
  if (!range.values?.length)
    throw new ValidationError(
      `ranges.${index}.values`,
      'a categorical range needs at least one value',
    );
  return range.values;
}
