export type { Allowed, Decision, Denied } from './decision';
export { assertAllowed } from './decision';
export type {
  DatasetCreationFacts,
  DatasetFacts,
  DatasetScope,
  GroupFacts,
  OwnerOverrideSwitches,
  Principal,
  ProjectCreationPolicy,
  ProjectFacts,
  ResourceFacts,
  ResourceKind,
  ScheduledResourceKind,
} from './facts';
export { resourceKinds, scheduledResourceKinds } from './facts';
export { canEditOwnPreferences, canReadBanner, canSeeOwnAccount } from './account';
export { canAdministerConfig, canAdministerUsers, canReadAudit, canReadReports } from './admin';
export { canManageGroups, canReadGroup } from './groups';
export {
  canCreateProject,
  canDeleteProject,
  canLeaveProject,
  canListAllProjects,
  canListOwnProjects,
  canManageProject,
  canReadProject,
  canSuspendProject,
  effectiveProjectRole,
} from './projects';
export {
  canCreateResource,
  canInvokeEndpoint,
  canManageResource,
  canOverrideSchedule,
  canReadResource,
} from './resources';
export { canOpenNotebook, canStartNotebook } from './notebooks';
export { canSetProjectQuotas } from './quotas';
export { canConnectToCluster } from './clusters';
export { canCreateDataset, canEditDataset, canReadDataset, canUploadToDataset } from './datasets';
export { canDeleteTerminology, canUseTerminologies } from './terminologies';
export { canReadModelUsage, canUsePlayground } from './foundation-models';
export * as personas from './personas';
