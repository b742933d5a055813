import type {
  ProjectDeletionView,
  GroupMemberView,
  GroupMembershipEventView,
  GroupView,
  ProjectGroupView,
  ProjectMemberView,
  ProjectView,
} from '@mlspace/core';

import type { GroupItem } from '../entities/group';
import type { GroupMemberItem } from '../entities/group-member';
import type { GroupMembershipEventItem } from '../entities/group-membership-event';
import type { ProjectItem } from '../entities/project';
import type { ProjectMemberItem } from '../entities/project-member';

export function toProjectView(item: ProjectItem): ProjectView {
  return {
    name: item.name,
    description: item.description,
    suspended: item.suspended,
    ownerCount: item.ownerCount,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    deletion: item.deletion ? (JSON.parse(item.deletion) as ProjectDeletionView) : null,
  };
}

export function toProjectMemberView(item: ProjectMemberItem): ProjectMemberView {
  return {
    project: item.project,
    username: item.principalId,
    role: item.role,
    addedBy: item.addedBy,
    addedAt: item.addedAt,
  };
}

export function toProjectGroupView(item: ProjectMemberItem): ProjectGroupView {
  return {
    project: item.project,
    group: item.principalId,
    role: item.role,
    addedBy: item.addedBy,
    addedAt: item.addedAt,
  };
}

export function toGroupView(item: GroupItem): GroupView {
  return {
    name: item.name,
    description: item.description,
    memberCount: item.memberCount,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function toGroupMemberView(item: GroupMemberItem): GroupMemberView {
  return {
    group: item.group,
    username: item.username,
    addedBy: item.addedBy,
    addedAt: item.addedAt,
  };
}

export function toGroupMembershipEventView(
  item: GroupMembershipEventItem,
): GroupMembershipEventView {
  return {
    group: item.group,
    username: item.username,
    action: item.action,
    actionedBy: item.actionedBy,
    actionedAt: item.actionedAt,
  };
}
