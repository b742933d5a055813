import type { JobMetric } from '@mlspace/core';
import { ValidationError } from '@mlspace/core';

import type { MetricDefinition } from '@mlspace/core';

/** Compiles the job's metric definitions; each regex must have a capture group for the value. */
export function compileMetricDefinitions(
  definitions: readonly MetricDefinition[],
  field = 'metricDefinitions',
) {
  return definitions.map((definition, index) => {
    let regex: RegExp;
    try {
      regex = new RegExp(definition.regex);
    } catch (error) {
      throw new ValidationError(
        `${field}.${index}.regex`,
        `is not a valid regular expression (${(error as Error).message})`,
      );
    }
    if (new RegExp(`${regex.source}|`).exec('')!.length < 2) {
      throw new ValidationError(
        `${field}.${index}.regex`,
        'needs one capture group around the value',
      );
    }
    return { name: definition.name, regex };
  });
}

/** The metric values one log line reports, by the job's definitions. */
export function metricsInLine(
  compiled: ReturnType<typeof compileMetricDefinitions>,
  line: string,
  at: string,
): JobMetric[] {
  const found: JobMetric[] = [];
  for (const { name, regex } of compiled) {
    const value = Number.parseFloat(regex.exec(line)?.[1] ?? '');
    if (Number.isFinite(value)) found.push({ name, value, at });
  }
  return found;
}

/** The last value of each metric, the way SageMaker reports final metrics. */
export function finalMetrics(series: readonly JobMetric[]): JobMetric[] {
  const last = new Map<string, JobMetric>();
  for (const point of series) last.set(point.name, point);
  return [...last.values()];
}
