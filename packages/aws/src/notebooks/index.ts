export * from './backend';
export * from './project-user-role';
export * from './state-change-event';
