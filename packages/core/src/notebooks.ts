import * as z from 'zod';

import { computeNameSchema } from './compute/names';
import type { NotebookStatus } from './compute/status';

const scriptSchema = z.string().max(16_384, 'must be at most 16 KiB');

export const lifecycleScriptsSchema = z.object({
  onCreate: scriptSchema.optional(),
  onStart: scriptSchema.optional(),
});

export const notebookVolumeSchema = z
  .number()
  .int('must be a whole number of GB')
  .min(5, 'must be at least 5 GB')
  .max(16_384, 'must be at most 16384 GB');

export const createNotebookInputSchema = z.object({
  project: z.string().min(1, 'is required'),
  name: computeNameSchema,
  instanceType: z.string().min(1, 'is required'),
  volumeSizeGb: notebookVolumeSchema.default(5),
  lifecycle: lifecycleScriptsSchema.default({}),
  /** A cluster of the same project to attach (its address or Livy endpoint reaches Jupyter). */
  clusterName: z.string().min(1).max(63).optional(),
});
export type CreateNotebookInput = z.infer<typeof createNotebookInputSchema>;

export const updateNotebookInputSchema = z.object({
  name: computeNameSchema,
  instanceType: z.string().min(1, 'is required').optional(),
  volumeSizeGb: notebookVolumeSchema.optional(),
  lifecycle: lifecycleScriptsSchema.optional(),
  /** null detaches the notebook from its cluster. */
  clusterName: z.string().min(1).max(63).nullable().optional(),
});
export type UpdateNotebookInput = z.infer<typeof updateNotebookInputSchema>;

export interface NotebookView {
  name: string;
  project: string;
  owner: string;
  status: NotebookStatus;
  instanceType: string;
  volumeSizeGb: number;
  lifecycle: { onCreate: string; onStart: string };
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  stopAt: string | null;
  /** The attached cluster, reached from Jupyter (locally `DASK_SCHEDULER_ADDRESS`). */
  clusterName: string | null;
  /** Minutes without activity after which it is stopped; null: never for idleness. */
  idleTimeoutMinutes: number | null;
  /** Idle now and due to stop at this time unless used ("Stops in 10 min if still idle"). */
  idleStopAt: string | null;
  /** Why MLSpace stopped it last ("Stopped after 60 minutes idle"); null after a start. */
  stopReason: string | null;
}
