export * from './model-ids';
export * from './schemas';
export * from './endpoint-chat';
export * from './allowed-models';
export * from './usage-csv';
