export * from './schema';
export * from './time';
export * from './report-csv';
export * from './personnel-csv';
