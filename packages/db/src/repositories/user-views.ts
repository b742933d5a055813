import {
  defaultUserPreferences,
  type UserDeletionView,
  type UserPreferences,
  type UserView,
} from '@mlspace/core';

import type { UserItem } from '../entities/user';

export function toUserView(item: UserItem): UserView {
  return {
    username: item.username,
    email: item.email,
    displayName: item.displayName,
    isAdmin: item.isAdmin,
    suspended: item.suspended,
    createdAt: item.createdAt,
    lastLoginAt: item.lastLoginAt ?? null,
    sessionEpoch: item.sessionEpoch ?? item.createdAt,
    preferences: { ...defaultUserPreferences, ...(item.preferences as Partial<UserPreferences>) },
    deletion: item.deletion ? (JSON.parse(item.deletion) as UserDeletionView) : null,
  };
}
