export * from './intervals';
export * from './cost';
export * from './budget';
export * from './views';
// The lookup without the tables (those stay in `@mlspace/core/pricing`, for the server).
export * from '../pricing/price-table';
export * from './csv';
