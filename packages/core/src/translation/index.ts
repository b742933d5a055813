export * from './languages';
export * from './terminology-files';
export * from './schemas';
