export * from './languages';
export * from './terminologies';
export * from './schemas';
