export * from './errors';
export * from './users';
export * from './pagination';
export * from './policy';
export * from './projects';
export * from './groups';
export * from './compute';
