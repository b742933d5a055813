export * from './algorithms';
export * from './schemas';
