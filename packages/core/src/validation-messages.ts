import type * as z from 'zod';

/**
 * Zod's built-in wording ("Too small: expected number to be >=1") in plain words that read after
 * a field's label ("Instance count must be at least 1"). A schema's own message always wins; this
 * only fills in the rules a schema states without words (min, max, int, required).
 */
export const plainIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return 'is required';
      if (issue.expected === 'number')
        return Number.isNaN(issue.input) ? 'is required' : 'must be a number';
      return undefined;
    case 'too_small':
      return sizeRule('at least', issue.origin, issue.minimum);
    case 'too_big':
      return sizeRule('at most', issue.origin, issue.maximum);
    case 'invalid_value':
      return 'must be one of the offered choices';
    case 'invalid_key':
      return `has an invalid name: ${issue.issues[0]?.message ?? 'see the rules'}`;
    default:
      return undefined;
  }
};

function sizeRule(bound: string, origin: string, limit: number | bigint): string | undefined {
  if (origin === 'number' || origin === 'int') return `must be ${bound} ${limit}`;
  if (origin === 'string')
    return bound === 'at least' && Number(limit) === 1
      ? 'is required'
      : `must be ${bound} ${limit} characters`;
  if (origin === 'array') return `takes ${bound} ${limit}`;
  return undefined;
}
