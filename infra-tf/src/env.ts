// The only file in infra-tf that reads process.env: optional overrides for CI and benchmarks.
import { z } from 'zod';

const envSchema = z.object({
  MLSPACE_INFRA_CONFIG: z.string().optional(),
  MLSPACE_INFRA_OUTDIR: z.string().optional(),
});

const parsed = envSchema.parse(process.env);

export const env = {
  configPath: parsed.MLSPACE_INFRA_CONFIG,
  outdir: parsed.MLSPACE_INFRA_OUTDIR,
};
