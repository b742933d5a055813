export * from './emr-catalogue';
export * from './schemas';
export * from './resolve';
