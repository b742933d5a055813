import type { OidcRelyingParty } from '@mlspace/auth';
import type { ComputeBackend } from '@mlspace/core';
import type { DatasetStorage, ObjectIo, ReportStorage } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

import type { ProjectCascade } from './services/cascade';
import type { ConfigService } from './services/config-service';
import type { UsageService } from './services/usage';
import type { ApiSettings } from './settings';

/** Everything a procedure may use, built once per process (composition root: server.ts, lambda.ts). */
export interface ApiServices {
  settings: ApiSettings;
  db: Db;
  oidc: OidcRelyingParty;
  /** Readiness probes for GET /api/health, by dependency name. */
  healthChecks: Record<string, () => Promise<void>>;
  /** Resource kinds register here what suspending a project or removing a member does to them. */
  cascade: ProjectCascade;
  /** The dynamic configuration and its enforcement (services, instance types, project creation). */
  configService: ConfigService;
  /** Dataset files in S3 (bucket `settings.s3.dataBucket`): presigned uploads and downloads, listing, deletion. */
  datasetStorage: DatasetStorage;
  /** The compute-backend port (MLSPACE_BACKEND=local|aws); its status events update the registry. */
  compute: ComputeBackend;
  /** Admin reports' CSV objects under `reports/` in the data bucket. */
  reportStorage: ReportStorage;
  /** Usage, estimated cost and budgets, on a clock tests can move. */
  usage: UsageService;
  /** Whole objects the API reads and writes itself (labeling manifests and masks); absent in tests that need none. */
  objects?: ObjectIo;
}
