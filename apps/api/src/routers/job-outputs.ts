import * as z from 'zod';

import { ValidationError, type Page } from '@mlspace/core';

import { serviceOfComputeKind } from '../services/config-service';
import { authorizeJobOutputs, outputFileKey, type OutputJobKind } from '../services/job-outputs';
import { serviceProcedure } from '../trpc';
import { nameInput } from './ml-common';

export interface OutputFileView {
  /** The path inside the job's output folder, e.g. `output/model.tar.gz`. */
  path: string;
  size: number;
  lastModified: string | null;
}

export interface OutputPageView extends Page<OutputFileView> {
  /** The folder listed, or null when the job names no output location. */
  location: string | null;
}

/** `outputs` (one page of the job's output folder) and `outputUrl` (a download link to one file). */
export function outputProcedures(kind: OutputJobKind) {
  const procedure = serviceProcedure(serviceOfComputeKind[kind]);
  return {
    outputs: procedure
      .input(
        nameInput.extend({
          cursor: z.string().max(2048).nullish(),
          limit: z.number().int().min(1).max(1000).default(100),
        }),
      )
      .query(async ({ ctx, input }): Promise<OutputPageView> => {
        const folder = await authorizeJobOutputs(ctx, ctx.caller.user, kind, input.name);
        if (!folder) return { location: null, items: [], cursor: null };
        const page = await ctx.datasetStorage.listObjects(folder.prefix, {
          token: input.cursor,
          limit: input.limit,
        });
        return {
          location: folder.uri,
          items: page.objects.map((object) => ({
            path: object.key.slice(folder.prefix.length),
            size: object.size,
            lastModified: object.lastModified,
          })),
          cursor: page.nextToken,
        };
      }),

    // A presigned link changes nothing, so it stays available while the service is deactivated.
    outputUrl: procedure
      .meta({ readOnly: true })
      .input(nameInput.extend({ path: z.string().min(1, 'must not be empty').max(1024) }))
      .mutation(async ({ ctx, input }): Promise<{ url: string }> => {
        const folder = await authorizeJobOutputs(ctx, ctx.caller.user, kind, input.name);
        if (!folder) throw new ValidationError('name', 'names a job without an output location');
        const key = outputFileKey(folder, input.path);
        return {
          url: await ctx.datasetStorage.presignGet(key, input.path.split('/').pop() ?? input.path),
        };
      }),
  };
}
