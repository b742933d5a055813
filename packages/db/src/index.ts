export * from './client';
export * from './create-table';
export * from './table';
export * from './service';
export { withAuditCredential } from './audit';
export type {
  ListUsersInput,
  RecordLoginInput,
  UserStatusFilter,
  UsersRepository,
} from './repositories/users';
export type { AuditEventView, AuditRepository, ListAuditInput } from './repositories/audit';
export type {
  CreateProjectRepositoryInput,
  ListProjectsInput,
  ProjectStatusFilter,
  ProjectsRepository,
} from './repositories/projects';
export type { MembershipRepository } from './repositories/membership';
export type { CreateGroupRepositoryInput, GroupsRepository } from './repositories/groups';
export { maxUsersPerAdd } from './repositories/membership';
export { maxUsersPerGroupAdd } from './repositories/groups';
export type { ConfigRepository, SaveConfigInput, StoredConfigVersion } from './repositories/config';
export { staleConfigMessage } from './repositories/config';
export type {
  ListResourcesInput,
  RegisterResourceInput,
  ResourceChanges,
  ResourcesRepository,
  PendingAction,
  ScheduleChanges,
} from './repositories/resources';
export type { RunningPageInput, RunningRepository } from './repositories/running';
export type { UnsettledRepository } from './repositories/unsettled';
export type { CostControlsRepository } from './repositories/cost-controls';
export type { BudgetsRepository, BudgetWarning } from './repositories/budgets';
export type { LiveMeter, LiveRun, UsageRepository } from './repositories/usage';
export { liveUsage } from './repositories/usage';
export type { QuotaAdmission, QuotasRepository } from './repositories/quotas';
export { QuotaConditionFailed } from './repositories/quotas';
export type { ReportRecord, ReportsRepository } from './repositories/reports';
export type {
  CreateSessionInput,
  SessionRecord,
  SessionsRepository,
} from './repositories/sessions';
export type { CreateDatasetRepositoryInput, DatasetsRepository } from './repositories/datasets';
export type { VisibleDatasetScopes, VisibleScope } from './repositories/dataset-scopes';
export type { ReachCacheOptions } from './reach-cache';
export type { LabelingRepository } from './repositories/labeling';
export type {
  ApiTokenPageInput,
  ApiTokensRepository,
  CreateApiTokenRecordInput,
  StoredApiToken,
} from './repositories/api-tokens';
export type { ModelUsageIncrement, ModelUsageRepository } from './repositories/model-usage';
export type { DatasetPageCacheOptions } from './dataset-page-cache';
export type { VisibleDatasets } from './repositories/datasets';
