import { notebookVolumeSchema } from '@mlspace/core';

import { parseWithSchema, sentence } from '../components/form/field-messages';

/**
 * Core's volume rule in words, for the notebook page's resize control until it moves to the form
 * kit (`components/form`); delete once nothing imports this.
 */
export function volumeProblem(volume: number): string | null {
  const [problem] = parseWithSchema(notebookVolumeSchema, volume).problems;
  return problem ? sentence('Volume size', problem.message) : null;
}
