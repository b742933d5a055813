import * as z from 'zod';

export const groupNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{1,24}$/, 'must be 1 to 24 characters, letters and digits only');

export const groupDescriptionSchema = z.string().max(4000, 'must be at most 4000 characters');

export const createGroupInputSchema = z.object({
  name: groupNameSchema,
  description: groupDescriptionSchema,
});
export type CreateGroupInput = z.infer<typeof createGroupInputSchema>;

export interface GroupView {
  name: string;
  description: string;
  memberCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface GroupMemberView {
  group: string;
  username: string;
  addedBy: string;
  addedAt: string;
}

export type GroupMembershipAction = 'added' | 'removed' | 'group_deleted';

export interface GroupMembershipEventView {
  group: string;
  username: string;
  action: GroupMembershipAction;
  actionedBy: string;
  actionedAt: string;
}
