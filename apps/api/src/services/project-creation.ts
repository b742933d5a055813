import type { ProjectCreationPolicy } from '@mlspace/core';

/** Until the dynamic configuration holds one (Q8), everyone may create projects. */
export const defaultProjectCreationPolicy: ProjectCreationPolicy = { mode: 'everyone', allowedGroups: [] };
