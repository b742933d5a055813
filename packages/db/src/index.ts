export * from './client';
export * from './create-table';
export * from './table';
export * from './service';
export type {
  ListUsersInput,
  RecordLoginInput,
  UserStatusFilter,
  UsersRepository,
} from './repositories/users';
export type { AuditEventView, AuditRepository, ListAuditInput } from './repositories/audit';
