export * from './backend';
export * from './project-user-role';
export * from './project-user-role-deletion';
export * from './instance-type-constraints';
export * from './project-user-policies';
export * from './image-pull';
export * from './configured-policies';
