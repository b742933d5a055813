import type { UserView } from '../users';
import { csvField } from './report-csv';

/** The reference's personnel report (name, DN, email, admin), with account status and dates. */
export const personnelColumns = [
  'Username',
  'Display name',
  'Email',
  'Is admin',
  'Suspended',
  'Created',
  'Last sign-in',
] as const;

export const personnelHeader = personnelColumns.map(csvField).join(',');

export function personnelRow(user: UserView): string {
  return [
    user.username,
    user.displayName,
    user.email,
    user.isAdmin ? 'yes' : 'no',
    user.suspended ? 'yes' : 'no',
    user.createdAt,
    user.lastLoginAt,
  ]
    .map(csvField)
    .join(',');
}
