export * from './client';
export * from './create-table';
export * from './table';
